import type { Agent, RingGroup } from '@crokodialer/shared';
import { useState } from 'react';
import { ConfirmButton } from '../../ui/confirm-button';
import { ErrorNote } from '../../ui/error-note';
import { useDeleteRingGroup, useRingGroups } from './numbers-api';
import { RingGroupDialog } from './ring-group-dialog';

/** The org's ring groups: agents rung in order after a number's own agent. */
export function RingGroupsCard({ agents }: { agents: Agent[] }) {
  const groups = useRingGroups();
  const remove = useDeleteRingGroup();
  const [editing, setEditing] = useState<RingGroup | 'new' | null>(null);
  const nameOf = (id: string) => agents.find((a) => a.id === id)?.name ?? 'Removed agent';
  return (
    <section className="card grid" aria-labelledby="ring-groups-title">
      <div className="page-head">
        <h2 id="ring-groups-title">Ring groups</h2>
        <button className="btn" type="button" onClick={() => setEditing('new')}>
          New ring group
        </button>
      </div>
      <ErrorNote error={groups.error ?? remove.error} />
      {groups.data?.length === 0 && (
        <p className="muted">
          No ring groups yet. A ring group rings its members one after another when a number’s agent
          does not answer.
        </p>
      )}
      {!!groups.data?.length && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Members, in ring order</th>
              <th scope="col">
                <span className="skip-link">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.data.map((g) => (
              <tr key={g.id}>
                <td>{g.name}</td>
                <td>{g.memberIds.map(nameOf).join(' → ') || '—'}</td>
                <td>
                  <div className="btn-row">
                    <button
                      className="btn"
                      type="button"
                      aria-label={`Edit ${g.name}`}
                      onClick={() => setEditing(g)}
                    >
                      Edit
                    </button>
                    <ConfirmButton
                      label="Delete"
                      ariaLabel={`Delete ${g.name}`}
                      title={`Delete ${g.name}?`}
                      message="Numbers that ring this group stop ringing it; their own agent still rings."
                      confirmLabel="Delete"
                      onConfirm={() => remove.mutate(g.id)}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <RingGroupDialog
          group={editing === 'new' ? null : editing}
          agents={agents}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}
