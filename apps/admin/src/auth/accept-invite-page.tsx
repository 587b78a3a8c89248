import { InviteDetailsSchema } from '@crokodialer/shared';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { ApiFailure, failureOf } from '../api/session';
import { ErrorNote } from '../ui/error-note';
import { text } from '../ui/form';

/** The invitee is not signed in: these two public routes take the link's token as credential. */
async function post<S extends z.ZodType>(schema: S, path: string, body: unknown) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await failureOf(res);
  return schema.parse(await res.json());
}

/** Where an invite link lands: the invitee chooses a password, then signs in as usual. */
export function AcceptInvitePage({ token, onDone }: { token: string; onDone: () => void }) {
  const details = useQuery({
    queryKey: ['invite', token],
    queryFn: () => post(InviteDetailsSchema, '/api/invites/details', { token }),
    retry: false,
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = text(form, 'password');
    if (password !== text(form, 'confirm')) {
      setError(new ApiFailure(400, 'password_mismatch', 'the two passwords differ'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { email } = await post(z.object({ email: z.string() }), '/api/invites/accept', {
        token,
        password,
      });
      setDone(email);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const d = details.data;
  return (
    <main className="centered">
      <section className="card signin" aria-labelledby="invite-title">
        <h1 id="invite-title">Join Crokodialer</h1>
        {done ? (
          <>
            <div className="note note-ok" role="status">
              Your password is set. Sign in to the Crokodialer app as {done}.
            </div>
            <button className="btn" type="button" onClick={onDone}>
              Go to sign-in
            </button>
          </>
        ) : details.error ? (
          <ErrorNote error={details.error} />
        ) : !d ? (
          <p className="muted">Checking your invite…</p>
        ) : (
          <form className="grid" onSubmit={(e) => void submit(e)}>
            <p>
              {d.name}, you are invited to <strong>{d.orgName}</strong>. Choose a password for{' '}
              <strong>{d.email}</strong>.
            </p>
            <input type="hidden" name="username" autoComplete="username" value={d.email} />
            <label className="field">
              <span>New password</span>
              <input
                name="password"
                type="password"
                autoComplete="new-password"
                minLength={10}
                required
              />
              <span className="hint">At least 10 characters.</span>
            </label>
            <label className="field">
              <span>Repeat password</span>
              <input
                name="confirm"
                type="password"
                autoComplete="new-password"
                minLength={10}
                required
              />
            </label>
            <ErrorNote error={error} />
            <button className="btn btn-primary" type="submit" disabled={busy}>
              {busy ? 'Saving…' : 'Set password'}
            </button>
          </form>
        )}
      </section>
    </main>
  );
}
