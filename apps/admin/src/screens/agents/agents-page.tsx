import type { Agent } from '@crokodialer/shared';
import { useState } from 'react';
import { ConfirmButton } from '../../ui/confirm-button';
import { ErrorNote } from '../../ui/error-note';
import { ago } from '../../ui/format';
import { useAgents, useDeactivateAgent } from './agents-api';
import { CreateAgentDialog, EditAgentDialog } from './agent-dialogs';
import { CredentialBadge } from './credential-panel';

const PRESENCE: Record<Agent['presence'], string> = {
  available: 'badge badge-ok',
  away: 'badge badge-warn',
  'do-not-disturb': 'badge badge-bad',
  offline: 'badge',
};

export function AgentsPage() {
  const agents = useAgents();
  const deactivate = useDeactivateAgent();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const editingAgent = agents.data?.find((a) => a.id === editing);
  return (
    <>
      <div className="page-head">
        <h1>Agents</h1>
        <button className="btn btn-primary" type="button" onClick={() => setCreating(true)}>
          New agent
        </button>
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
      <CreateAgentDialog isOpen={creating} onOpenChange={setCreating} />
      {editingAgent && <EditAgentDialog agent={editingAgent} onClose={() => setEditing(null)} />}
    </>
  );
}
