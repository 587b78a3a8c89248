import { PhoneNumberSchema, type PhoneNumber } from '@crokodialer/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { send } from '../../api/client';
import { ErrorNote } from '../../ui/error-note';
import { useAgents } from '../agents/agents-api';
import { numbersKey, useNumbers, useRingGroups } from './numbers-api';
import { RingGroupsCard } from './ring-groups-card';
import { describeRoute, RouteDialog } from './route-dialog';

/** The org's Telnyx numbers: sync, who shows them as caller ID, where inbound calls ring. */
export function NumbersPage() {
  const queries = useQueryClient();
  const numbers = useNumbers();
  const agents = useAgents();
  const groups = useRingGroups();
  const [routing, setRouting] = useState<PhoneNumber | null>(null);
  const sync = useMutation({
    mutationFn: () => send(z.array(PhoneNumberSchema), 'POST', '/api/phone-numbers/sync'),
    onSuccess: (data) => {
      queries.setQueryData(numbersKey, data);
      void queries.invalidateQueries({ queryKey: ['agents'] });
    },
  });
  const allAgents = agents.data ?? [];
  const allGroups = groups.data ?? [];
  const nameOf = (id: string) => allAgents.find((a) => a.id === id)?.name ?? 'unknown';
  return (
    <>
      <div className="page-head">
        <h1>Numbers</h1>
        <button
          className="btn btn-primary"
          type="button"
          disabled={sync.isPending}
          onClick={() => sync.mutate()}
        >
          {sync.isPending ? 'Syncing…' : 'Sync from Telnyx'}
        </button>
      </div>
      <ErrorNote error={numbers.error ?? sync.error} />
      <div className="card">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Caller ID for</th>
              <th scope="col">Inbound calls ring</th>
              <th scope="col">
                <span className="skip-link">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {numbers.data?.map((n) => (
              <tr key={n.id}>
                <td className="mono">{n.phoneNumber}</td>
                <td>{n.callerIdAgentIds.map(nameOf).join(', ') || '—'}</td>
                <td className={n.inboundAgentId || n.ringGroupId ? undefined : 'muted'}>
                  {describeRoute(n, allAgents, allGroups)}
                </td>
                <td>
                  <button
                    className="btn"
                    type="button"
                    aria-label={`Route ${n.phoneNumber}`}
                    onClick={() => setRouting(n)}
                  >
                    Route…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {numbers.data?.length === 0 && (
          <p className="muted">
            No numbers yet. Buy numbers in the Telnyx portal, then press “Sync from Telnyx”.
          </p>
        )}
        <p className="hint">
          Caller IDs are set per agent (Agents → Edit). A number shown as caller ID must be one the
          org owns at Telnyx.
        </p>
      </div>
      <RingGroupsCard agents={allAgents} />
      {routing && (
        <RouteDialog
          number={routing}
          agents={allAgents}
          groups={allGroups}
          onClose={() => setRouting(null)}
        />
      )}
    </>
  );
}
