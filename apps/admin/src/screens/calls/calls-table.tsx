import type { CallLog } from '@crokodialer/shared';
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { dateTime, duration } from '../../ui/format';

const col = createColumnHelper<CallLog>();
const ROW_HEIGHT = 38;

/**
 * Virtualised rows: only the visible ~30 rows are in the DOM however many pages are loaded, and
 * the next keyset page is fetched as the admin scrolls near the end.
 */
export function CallsTable(props: {
  rows: CallLog[];
  agentName: (id: string | null) => string;
  onOpen: (call: CallLog) => void;
  hasMore: boolean;
  loadMore: () => void;
}) {
  const { agentName } = props;
  const columns = useMemo(
    () => [
      col.accessor('startedAt', { header: 'Started', cell: (c) => dateTime(c.getValue()) }),
      col.accessor('agentId', { header: 'Agent', cell: (c) => agentName(c.getValue()) }),
      col.accessor('direction', { header: 'Direction' }),
      col.accessor('from', { header: 'From' }),
      col.accessor('to', { header: 'To' }),
      col.accessor('status', {
        header: 'Outcome',
        cell: (c) => <span className={`badge status-${c.getValue()}`}>{c.getValue()}</span>,
      }),
      col.accessor('durationSeconds', {
        header: 'Talk',
        cell: (c) => duration(c.getValue()),
      }),
      col.accessor('disposition', { header: 'Disposition', cell: (c) => c.getValue() ?? '—' }),
    ],
    [agentName],
  );
  const table = useReactTable({ data: props.rows, columns, getCoreRowModel: getCoreRowModel() });
  const scroller = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtual.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  const { hasMore, loadMore } = props;
  useEffect(() => {
    if (hasMore && lastIndex >= rows.length - 20) loadMore();
  }, [lastIndex, rows.length, hasMore, loadMore]);

  const padTop = items[0]?.start ?? 0;
  const padBottom = virtual.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div className="vtable" ref={scroller} data-testid="calls-table">
      <table className="table" aria-rowcount={rows.length + 1}>
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>
              {g.headers.map((h) => (
                <th key={h.id} scope="col">
                  {flexRender(h.column.columnDef.header, h.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden="true">
              <td colSpan={columns.length} style={{ height: padTop, padding: 0 }} />
            </tr>
          )}
          {items.map((v) => {
            const row = rows[v.index];
            if (!row) return null;
            return (
              <tr
                key={row.id}
                aria-rowindex={v.index + 2}
                tabIndex={0}
                onClick={() => props.onOpen(row.original)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    props.onOpen(row.original);
                  }
                }}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden="true">
              <td colSpan={columns.length} style={{ height: padBottom, padding: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
