import type { CallHistoryPage, CallLogEvent } from '@crokodialer/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import {
  Input,
  Label,
  SearchField,
  ToggleButton,
  ToggleButtonGroup,
  type Key,
} from 'react-aria-components';
import { useServices, useSlice } from '../../app/services-context.js';
import { Button } from '../../ui/Button.js';
import {
  filterHistory,
  mergeHistory,
  type DirectionFilter,
  type OutcomeFilter,
} from './history-entries.js';
import { HistoryRow } from './HistoryRow.js';

interface Props {
  fetchPage: (cursor: string | undefined) => Promise<CallHistoryPage>;
  pending: readonly CallLogEvent[];
  format: (number: string) => string;
  onRedial: (number: string) => void;
}

export const HISTORY_QUERY_KEY = ['call-history'] as const;
const ROW_HEIGHT = 56;

function Choice<T extends string>(props: {
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (v: T) => void;
}) {
  return (
    <ToggleButtonGroup
      aria-label={props.label}
      className="segmented segmented-small"
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[props.value]}
      onSelectionChange={(keys: Set<Key>) => {
        const [first] = [...keys];
        if (first !== undefined) props.onChange(String(first) as T);
      }}
    >
      {props.options.map(([id, text]) => (
        <ToggleButton key={id} id={id} className="segment">
          {text}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

/** The agent's calls (API and pending outbox), filtered and searchable, virtualised for long lists. */
export function HistoryScreen({ fetchPage, pending, format, onRedial }: Props) {
  const { history } = useServices();
  const filters = useSlice(history, (s) => s);
  const query = useInfiniteQuery({
    queryKey: HISTORY_QUERY_KEY,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Dispositions reach the API after the call: fetch afresh whenever history is shown.
    staleTime: 0,
  });
  const api = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const rows = useMemo(
    () => filterHistory(mergeHistory(api, pending), filters),
    [api, pending, filters],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtual.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - 20) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, lastIndex, rows.length]);

  return (
    <section className="history" aria-label="Call history">
      <div className="history-filters">
        <SearchField
          className="field search"
          value={filters.search}
          onChange={history.getState().searchTyped}
        >
          <Label className="sr-only">Search by number</Label>
          <Input placeholder="Search by number" />
        </SearchField>
        <Choice<OutcomeFilter>
          label="Outcome"
          value={filters.outcome}
          onChange={history.getState().outcomeChosen}
          options={[
            ['all', 'All'],
            ['connected', 'Connected'],
            ['missed', 'Missed'],
            ['failed', 'Failed'],
          ]}
        />
        <Choice<DirectionFilter>
          label="Direction"
          value={filters.direction}
          onChange={history.getState().directionChosen}
          options={[
            ['all', 'Both'],
            ['inbound', 'Incoming'],
            ['outbound', 'Outgoing'],
          ]}
        />
      </div>
      {query.isError && (
        <p className="notice notice-warn" role="status">
          Could not load calls from the server; showing what this computer has.{' '}
          <Button variant="ghost" onPress={() => void query.refetch()}>
            Try again
          </Button>
        </p>
      )}
      <p className="sr-only" role="status">
        {query.isPending ? 'Loading calls' : `${rows.length} calls`}
      </p>
      <div ref={scroller} className="history-scroll" data-testid="history-scroll">
        {rows.length === 0 && !query.isPending ? (
          <p className="empty muted">
            {api.length + pending.length === 0 ? 'No calls yet.' : 'No calls match these filters.'}
          </p>
        ) : (
          <ul
            className="history-list"
            style={{ height: virtual.getTotalSize() }}
            aria-label="Calls"
          >
            {items.map((item) => {
              const entry = rows[item.index];
              if (!entry) return null;
              return (
                <li
                  key={entry.id}
                  className="history-item"
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                >
                  <HistoryRow entry={entry} format={format} onRedial={onRedial} />
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
