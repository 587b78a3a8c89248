import type { Agent, Role } from '@crokodialer/shared';
import { useState, type FormEvent } from 'react';
import { ModalDialog } from '../../ui/dialog';
import { ErrorNote } from '../../ui/error-note';
import { CredentialPanel } from './credential-panel';
import { temporaryPassword, useCreateAgent, useUpdateAgent } from './agents-api';
import { CallerIdPicker } from './caller-id-picker';
import { text } from '../../ui/form';

const field = text;

/** Create an agent with a temporary password, shown once, then never again. */
export function CreateAgentDialog(props: { isOpen: boolean; onOpenChange: (o: boolean) => void }) {
  const create = useCreateAgent();
  const [shown, setShown] = useState<{ email: string; password: string } | null>(null);
  const close = (open: boolean) => {
    if (!open) {
      setShown(null);
      create.reset();
    }
    props.onOpenChange(open);
  };
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = temporaryPassword();
    const email = field(form, 'email');
    create.mutate(
      {
        name: field(form, 'name'),
        email,
        role: field(form, 'role') as Role,
        callerIds: form.getAll('callerIds').filter((v) => typeof v === 'string'),
        password,
      },
      { onSuccess: () => setShown({ email, password }) },
    );
  }
  return (
    <ModalDialog title="New agent" isOpen={props.isOpen} onOpenChange={close}>
      {shown ? (
        <div className="grid">
          <div className="note note-ok" role="status">
            Agent created. Give them this temporary password now — it is shown only once.
          </div>
          <dl className="facts">
            <dt>Email</dt>
            <dd>{shown.email}</dd>
            <dt>Password</dt>
            <dd className="secret" data-testid="temporary-password">
              {shown.password}
            </dd>
          </dl>
          <div className="btn-row">
            <button className="btn btn-primary" type="button" onClick={() => close(false)}>
              Done
            </button>
          </div>
        </div>
      ) : (
        <form className="grid" onSubmit={submit}>
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
              Create agent
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

/** Edit name, role and caller IDs; the WebRTC credential below. */
export function EditAgentDialog(props: { agent: Agent; onClose: () => void }) {
  const { agent } = props;
  const update = useUpdateAgent(agent.id);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    update.mutate(
      {
        name: field(form, 'name'),
        role: field(form, 'role') as Role,
        callerIds: form.getAll('callerIds').filter((v) => typeof v === 'string'),
      },
      { onSuccess: props.onClose },
    );
  }
  return (
    <ModalDialog title={`Edit ${agent.name}`} isOpen onOpenChange={(o) => !o && props.onClose()}>
      <form className="grid" onSubmit={submit}>
        <label className="field">
          <span>Name</span>
          <input name="name" defaultValue={agent.name} required maxLength={120} />
        </label>
        <label className="field">
          <span>Role</span>
          <select name="role" defaultValue={agent.role}>
            <option value="agent">Agent</option>
            <option value="admin">Admin</option>
          </select>
        </label>
        <CallerIdPicker selected={agent.callerIds} />
        <ErrorNote error={update.error} />
        <div className="btn-row">
          <button className="btn btn-primary" type="submit" disabled={update.isPending}>
            Save
          </button>
          <button className="btn" type="button" onClick={props.onClose}>
            Close
          </button>
        </div>
      </form>
      <hr />
      <CredentialPanel agent={agent} />
    </ModalDialog>
  );
}
