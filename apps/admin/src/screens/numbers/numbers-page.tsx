import { PhoneNumberSchema } from '@crokodialer/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { send } from '../../api/client';
import { ErrorNote } from '../../ui/error-note';
import { dateTime } from '../../ui/format';
import { useAgents } from '../agents/agents-api';
import { numbersKey, useNumbers } from './numbers-api';

/** The org's Telnyx numbers: sync, who shows them as caller ID, where inbound calls ring. */
export function NumbersPage() {
  const queries = useQueryClient();
  const numbers = useNumbers();
  const agents = useAgents();
  const sync = useMutation({
    mutationFn: () => send(z.array(PhoneNumberSchema), 'POST', '/api/phone-numbers/sync'),
    onSuccess: (data) => {
      queries.setQueryData(numbersKey, data);
      void queries.invalidateQueries({ queryKey: ['agents'] });
    },
  });
  const route = useMutation({
    mutationFn: (v: { id: string; agentId: string | null }) =>
      send(PhoneNumberSchema, 'PATCH', `/api/phone-numbers/${v.id}`, {
        inboundAgentId: v.agentId,
      }),
    onSuccess: () => queries.invalidateQueries({ queryKey: numbersKey }),
  });
  const active = agents.data?.filter((a) => a.active) ?? [];
  const nameOf = (id: string) => agents.data?.find((a) => a.id === id)?.name ?? 'unknown';
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
      <ErrorNote error={numbers.error ?? sync.error ?? route.error} />
      <div className="card">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Caller ID for</th>
              <th scope="col">Inbound calls ring</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {numbers.data?.map((n) => (
              <tr key={n.id}>
                <td className="mono">{n.phoneNumber}</td>
                <td>{n.callerIdAgentIds.map(nameOf).join(', ') || '—'}</td>
                <td>
                  <select
                    aria-label={`Inbound route for ${n.phoneNumber}`}
                    value={n.inboundAgentId ?? ''}
                    onChange={(e) => route.mutate({ id: n.id, agentId: e.target.value || null })}
                  >
                    <option value="">Nobody (not routed)</option>
                    {active.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{dateTime(n.updatedAt)}</td>
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
    </>
  );
}
