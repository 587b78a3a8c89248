import type { Agent } from '@crokodialer/shared';
import { useState } from 'react';
import { ConfirmButton } from '../../ui/confirm-button';
import { ErrorNote } from '../../ui/error-note';
import { ago } from '../../ui/format';
import { useAgents, useDeactivateAgent } from './agents-api';
import { CreateAgentDialog, EditAgentDialog } from './agent-dialogs';
import { CredentialBadge } from './credential-panel';
import { InviteDialog } from './invite-dialog';
import { useInvites } from './invites-api';
import { PendingInvites } from './pending-invites';

const PRESENCE: Record<Agent['presence'], string> = {
  available: 'badge badge-ok',
  away: 'badge badge-warn',
  'do-not-disturb': 'badge badge-bad',
  offline: 'badge',
};

export function AgentsPage() {
  const agents = useAgents();
  const deactivate = useDeactivateAgent();
  const invites = useInvites();
  const invited = new Set(invites.data?.map((i) => i.userId));
  const [creating, setCreating] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const editingAgent = agents.data?.find((a) => a.id === editing);
  return (
    <>
      <div className="page-head">
        <h1>Agents</h1>
        <div className="btn-row">
          <button className="btn" type="button" onClick={() => setCreating(true)}>
            New agent with password
          </button>
          <button className="btn btn-primary" type="button" onClick={() => setInviting(true)}>
            Invite agent
          </button>
        </div>
      </div>
      <ErrorNote error={agents.error ?? deactivate.error} />
      <div className="card">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Presence</th>
              <th scope="col">Last seen</th>
              <th scope="col">Caller IDs</th>
              <th scope="col">WebRTC credential</th>
              <th scope="col">
                <span className="skip-link">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {agents.data?.map((a) => (
              <tr key={a.id}>
                <td>
                  <div>{a.name}</div>
                  <div className="hint">{a.email}</div>
                </td>
                <td>{a.role === 'admin' ? 'Admin' : 'Agent'}</td>
                <td>
                  {a.active ? (
                    <span className={PRESENCE[a.presence]}>{a.presence.replace(/-/g, ' ')}</span>
                  ) : invited.has(a.id) ? (
                    <span className="badge badge-warn">invited</span>
                  ) : (
                    <span className="badge badge-bad">deactivated</span>
                  )}
                </td>
                <td>{ago(a.lastSeenAt)}</td>
                <td className="mono">{a.callerIds.join(', ') || '—'}</td>
                <td>
                  <CredentialBadge state={a.webrtcCredentialState} />
                </td>
                <td>
                  <div className="btn-row">
                    <button
                      className="btn"
                      type="button"
                      onClick={() => setEditing(a.id)}
                      aria-label={`Edit ${a.name}`}
                    >
                      Edit
                    </button>
                    {a.active && (
                      <ConfirmButton
                        label="Deactivate"
                        ariaLabel={`Deactivate ${a.name}`}
                        title={`Deactivate ${a.name}?`}
                        message="They are signed out everywhere, calls stop routing to them and their WebRTC credential is revoked at Telnyx."
                        confirmLabel="Deactivate"
                        onConfirm={() => deactivate.mutate(a.id)}
                      />
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {agents.isPending && <p className="muted">Loading agents…</p>}
      </div>
      <PendingInvites />
      <CreateAgentDialog isOpen={creating} onOpenChange={setCreating} />
      <InviteDialog isOpen={inviting} onOpenChange={setInviting} />
      {editingAgent && <EditAgentDialog agent={editingAgent} onClose={() => setEditing(null)} />}
    </>
  );
}
