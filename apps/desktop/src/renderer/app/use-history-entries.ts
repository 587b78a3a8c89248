import type { CallLogEvent } from '@crokodialer/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { mergeHistory, type HistoryEntry } from '../features/history/history-entries.js';
import { HISTORY_QUERY_KEY } from '../features/history/HistoryScreen.js';
import type { AppServices } from './create-services.js';

export const PENDING_QUERY_KEY = ['call-logs-pending'] as const;

/** The agent's first page of calls (shared cache with the history screen), merged with pending. */
export function useHistoryEntries(
  s: AppServices,
  pending: readonly CallLogEvent[],
): HistoryEntry[] {
  const query = useInfiniteQuery({
    queryKey: HISTORY_QUERY_KEY,
    queryFn: ({ pageParam }) => s.dialer.callLogs.list(pageParam ? { cursor: pageParam } : {}),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Dispositions reach the API after the call: fetch afresh whenever history is shown.
    staleTime: 0,
  });
  return useMemo(
    () => mergeHistory(query.data?.pages.flatMap((p) => p.items) ?? [], pending),
    [query.data, pending],
  );
}
