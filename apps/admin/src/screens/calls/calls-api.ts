import {
  CallLogPageSchema,
  CallTimelineSchema,
  type CallDirection,
  type CallStatus,
} from '@crokodialer/shared';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getJson, withQuery } from '../../api/client';
import { apiFetch, failureOf } from '../../api/session';

export interface CallFilter {
  agentId?: string;
  status?: CallStatus;
  direction?: CallDirection;
  /** Local dates (yyyy-mm-dd) as the date inputs give them. */
  fromDate?: string;
  toDate?: string;
  number?: string;
}

/** The API's query for a filter: local days become instants, the end day is inclusive. */
export function toQuery(f: CallFilter) {
  const dayStart = (d: string) => new Date(`${d}T00:00:00`).toISOString();
  const nextDay = (d: string) => {
    const t = new Date(`${d}T00:00:00`);
    t.setDate(t.getDate() + 1);
    return t.toISOString();
  };
  return {
    agentId: f.agentId,
    status: f.status,
    direction: f.direction,
    from: f.fromDate ? dayStart(f.fromDate) : undefined,
    to: f.toDate ? nextDay(f.toDate) : undefined,
    number: f.number,
  };
}

const PAGE = 200;

/** Keyset pages, 200 rows each, fetched as the table scrolls near its end. */
export const useCallPages = (filter: CallFilter) =>
  useInfiniteQuery({
    queryKey: ['calls', filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      getJson(CallLogPageSchema, '/api/call-logs', {
        ...toQuery(filter),
        limit: PAGE,
        cursor: pageParam,
      }),
    getNextPageParam: (last) => last.nextCursor,
  });

export const useTimeline = (id: string) =>
  useQuery({
    queryKey: ['calls', id, 'timeline'],
    queryFn: () => getJson(CallTimelineSchema, `/api/admin/call-logs/${id}/timeline`),
  });

/** Downloads the CSV of exactly the current filter (the API streams it). */
export async function exportCsv(filter: CallFilter): Promise<void> {
  const res = await apiFetch(withQuery('/api/call-logs/export.csv', toQuery(filter)));
  if (!res.ok) throw await failureOf(res);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `calls-${new Date().toISOString().slice(0, 10)}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
