import type { Role } from '@crokodialer/shared';
import { useState, type FormEvent } from 'react';
import { ModalDialog } from '../../ui/dialog';
import { ErrorNote } from '../../ui/error-note';
import { text } from '../../ui/form';
import { CallerIdPicker } from './caller-id-picker';
import { useCreateInvite } from './invites-api';

/** Invite by email: the person chooses their own password through a link shown here once. */
export function InviteDialog(props: { isOpen: boolean; onOpenChange: (o: boolean) => void }) {
  const create = useCreateInvite();
  const [copied, setCopied] = useState(false);
  const close = (open: boolean) => {
    if (!open) {
      create.reset();
      setCopied(false);
    }
    props.onOpenChange(open);
  };
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    create.mutate({
      name: text(form, 'name'),
      email: text(form, 'email'),
      role: text(form, 'role') as Role,
      callerIds: form.getAll('callerIds').filter((v) => typeof v === 'string'),
    });
  }
  const created = create.data;
  return (
    <ModalDialog title="Invite agent" isOpen={props.isOpen} onOpenChange={close}>
      {created ? (
        <div className="grid">
          <div className="note note-ok" role="status">
            Invite created for {created.invite.email}. Send them this link — it is shown only once,
            works once, and expires {new Date(created.invite.expiresAt).toLocaleDateString()}.
          </div>
          <div className="secret" data-testid="invite-link">
            {created.inviteUrl}
          </div>
          <div className="btn-row">
            <button
              className="btn"
              type="button"
              onClick={() =>
                void navigator.clipboard.writeText(created.inviteUrl).then(() => setCopied(true))
              }
            >
              {copied ? 'Copied' : 'Copy link'}
            </button>
            <button className="btn btn-primary" type="button" onClick={() => close(false)}>
              Done
            </button>
          </div>
        </div>
      ) : (
        <form className="grid" onSubmit={submit}>
          <p className="hint">
            No email is sent: you get a link to pass on. They choose their own password.
          </p>
          <label className="field">
            <span>Name</span>
            <input name="name" required maxLength={120} autoFocus />
          </label>
          <label className="field">
            <span>Email</span>
            <input name="email" type="email" required />
          </label>
          <label className="field">
            <span>Role</span>
            <select name="role" defaultValue="agent">
              <option value="agent">Agent</option>
              <option value="admin">Admin</option>
            </select>
          </label>
          <CallerIdPicker selected={[]} />
          <ErrorNote error={create.error} />
          <div className="btn-row">
            <button className="btn btn-primary" type="submit" disabled={create.isPending}>
              Create invite link
            </button>
            <button className="btn" type="button" onClick={() => close(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </ModalDialog>
  );
}
