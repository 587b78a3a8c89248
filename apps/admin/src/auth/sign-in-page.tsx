import { useState, type FormEvent } from 'react';
import { ApiFailure, signIn } from '../api/session';
import { ErrorNote } from '../ui/error-note';
import { text } from '../ui/form';

/** Email and password; a non-admin gets the admins-only page instead of a session. */
export function SignInPage({ onAdminsOnly }: { onAdminsOnly: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await signIn(text(form, 'email'), text(form, 'password'));
    } catch (err) {
      if (err instanceof ApiFailure && err.code === 'admins_only') onAdminsOnly();
      else setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <main className="centered">
      <form className="card signin" onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
        <h1 id="signin-title">Crokodialer admin</h1>
        <p className="muted">Sign in with your admin account.</p>
        <label className="field">
          <span>Email</span>
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label className="field">
          <span>Password</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <ErrorNote error={error} />
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

export function AdminsOnlyPage({ onBack }: { onBack: () => void }) {
  return (
    <main className="centered">
      <section className="card signin" aria-labelledby="admins-only-title">
        <h1 id="admins-only-title">Admins only</h1>
        <p>
          The admin console is for your team’s admins. To make and take calls, use the Crokodialer
          app. If you need to manage agents or numbers, ask an admin to give you the admin role.
        </p>
        <button className="btn" type="button" onClick={onBack}>
          Sign in as someone else
        </button>
      </section>
    </main>
  );
}
