import {
  CallDirectionSchema,
  CallStatusSchema,
  type CallLog,
  type CallDirection,
  type CallStatus,
} from '@crokodialer/shared';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { ErrorNote } from '../../ui/error-note';
import { useAgents } from '../agents/agents-api';
import { CallDetail } from './call-detail';
import { exportCsv, useCallPages, type CallFilter } from './calls-api';
import { CallsTable } from './calls-table';
import { optional } from '../../ui/form';

/** The API filters by E.164 prefix: "+1 415" and "1415" both mean +1415. */
const numberPrefix = (v: string | undefined) => {
  const digits = v?.replace(/\D/g, '');
  return digits ? `+${digits}` : undefined;
};

/** The org's calls: filters, keyset-paged virtual table, detail, CSV of the current filter. */
export function CallsPage() {
  const [filter, setFilter] = useState<CallFilter>({});
  const [open, setOpen] = useState<CallLog | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const agents = useAgents();
  const pages = useCallPages(filter);
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const agentName = useCallback(
    (id: string | null) =>
      id ? (agents.data?.find((a) => a.id === id)?.name ?? 'Removed agent') : 'Unassigned',
    [agents.data],
  );
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const loadMore = useCallback(() => {
    if (!isFetchingNextPage) void fetchNextPage();
  }, [isFetchingNextPage, fetchNextPage]);

  function apply(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setFilter({
      agentId: optional(f, 'agentId'),
      status: optional(f, 'status') as CallStatus | undefined,
      direction: optional(f, 'direction') as CallDirection | undefined,
      fromDate: optional(f, 'fromDate'),
      toDate: optional(f, 'toDate'),
      number: numberPrefix(optional(f, 'number')),
    });
  }

  return (
    <>
      <div className="page-head">
        <h1>Team calls</h1>
        <button
          className="btn"
          type="button"
          onClick={() => {
            setExportError(null);
            exportCsv(filter).catch(setExportError);
          }}
        >
          Export CSV
        </button>
      </div>
      <form className="filters" onSubmit={apply} aria-label="Filter calls">
        <label className="field">
          <span>Agent</span>
          <select name="agentId" defaultValue="">
            <option value="">Everyone</option>
            {agents.data?.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Outcome</span>
          <select name="status" defaultValue="">
            <option value="">Any</option>
            {CallStatusSchema.options.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Direction</span>
          <select name="direction" defaultValue="">
            <option value="">Both</option>
            {CallDirectionSchema.options.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>From</span>
          <input type="date" name="fromDate" />
        </label>
        <label className="field">
          <span>To</span>
          <input type="date" name="toDate" />
        </label>
        <label className="field">
          <span>Number starts with</span>
          <input name="number" placeholder="+1415" pattern="\+?[\d\s]*" />
        </label>
        <button className="btn btn-primary" type="submit">
          Apply
        </button>
      </form>
      <ErrorNote error={pages.error ?? exportError} />
      <p className="hint" role="status">
        {pages.isPending
          ? 'Loading calls…'
          : `${rows.length}${hasNextPage ? '+' : ''} calls${rows.length > 0 ? ' — select one for its detail' : ''}`}
      </p>
      <CallsTable
        rows={rows}
        agentName={agentName}
        onOpen={setOpen}
        hasMore={hasNextPage}
        loadMore={loadMore}
      />
      {open && (
        <CallDetail call={open} agentName={agentName(open.agentId)} onClose={() => setOpen(null)} />
      )}
    </>
  );
}
