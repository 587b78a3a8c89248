import { AuditEntrySchema, pageSchema } from '@crokodialer/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { getJson } from '../../api/client';
import { ErrorNote } from '../../ui/error-note';
import { dateTime } from '../../ui/format';
import { useAgents } from '../agents/agents-api';
import { optional } from '../../ui/form';

const AuditPageSchema = pageSchema(AuditEntrySchema);
interface AuditFilter {
  action?: string;
  actorId?: string;
  targetType?: string;
}

/** Who did what, newest first, filterable by action, actor and target. */
export function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const agents = useAgents();
  const pages = useInfiniteQuery({
    queryKey: ['audit', filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      getJson(AuditPageSchema, '/api/audit', { ...filter, limit: 100, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const nameOf = (id: string | null) =>
    id ? (agents.data?.find((a) => a.id === id)?.name ?? id.slice(0, 8)) : 'system';

  function apply(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setFilter({
      action: optional(f, 'action'),
      actorId: optional(f, 'actorId'),
      targetType: optional(f, 'targetType'),
    });
  }
  return (
    <>
      <div className="page-head">
        <h1>Audit log</h1>
      </div>
      <form className="filters" onSubmit={apply} aria-label="Filter audit log">
        <label className="field">
          <span>Action</span>
          <input name="action" placeholder="agent.created" />
        </label>
        <label className="field">
          <span>Who</span>
          <select name="actorId" defaultValue="">
            <option value="">Anyone</option>
            {agents.data
              ?.filter((a) => a.role === 'admin')
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          <span>Target</span>
          <select name="targetType" defaultValue="">
            <option value="">Any</option>
            <option value="agent">Agent</option>
            <option value="org">Org</option>
            <option value="phone-number">Number</option>
          </select>
        </label>
        <button className="btn btn-primary" type="submit">
          Apply
        </button>
      </form>
      <ErrorNote error={pages.error} />
      <div className="card">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{dateTime(r.createdAt)}</td>
                <td>{nameOf(r.actorId)}</td>
                <td className="mono">{r.action}</td>
                <td>
                  {r.targetType}
                  {r.targetType === 'agent' && r.targetId ? ` · ${nameOf(r.targetId)}` : ''}
                </td>
                <td className="mono hint">
                  {Object.keys(r.details).length > 0 ? JSON.stringify(r.details) : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && !pages.isPending && <p className="muted">No entries match.</p>}
        {pages.hasNextPage && (
          <button
            className="btn"
            type="button"
            disabled={pages.isFetchingNextPage}
            onClick={() => void pages.fetchNextPage()}
          >
            Load more
          </button>
        )}
      </div>
    </>
  );
}
