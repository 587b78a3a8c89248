import type { CallLog, CallLogEvent } from '@crokodialer/shared';
import { describe, expect, it } from 'vitest';
import { filterHistory, lastCallWith, mergeHistory } from './history-entries.js';
import { createHistoryStore } from './history.store.js';

const at = (minute: number) => `2026-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function log(n: number, over: Partial<CallLog> = {}): CallLog {
  return {
    id: id(n),
    agentId: null,
    direction: 'outbound',
    from: '+15559870000',
    to: `+1415555010${n}`,
    status: 'completed',
    disposition: null,
    notes: null,
    startedAt: at(n),
    answeredAt: null,
    endedAt: null,
    durationSeconds: 30,
    telnyxCallControlId: null,
    telnyxCallSessionId: null,
    telnyxCallLegId: null,
    hangupCause: null,
    createdAt: at(n),
    updatedAt: at(n),
    ...over,
  };
}

describe('history entries', () => {
  it('merges API calls with pending outbox records, newest first, pending winning', () => {
    const pendingUpdate: CallLogEvent = {
      ...log(1),
      disposition: 'sale',
      agentId: undefined,
    } as never;
    const pendingNew: CallLogEvent = {
      id: id(9),
      direction: 'inbound',
      from: '+442079460958',
      to: '+15559870000',
      status: 'missed',
      startedAt: at(9),
    };
    const merged = mergeHistory([log(1), log(2)], [pendingUpdate, pendingNew]);
    expect(merged.map((e) => [e.id, e.pending])).toEqual([
      [id(9), true],
      [id(2), false],
      [id(1), true],
    ]);
    expect(merged[0]).toMatchObject({ remote: '+442079460958', direction: 'inbound' });
    expect(merged[2]?.disposition).toBe('sale');
  });

  it('filters by outcome, direction and number digits', () => {
    const entries = mergeHistory(
      [
        log(1),
        log(2, { status: 'busy' }),
        log(3, {
          direction: 'inbound',
          from: '+442079460958',
          to: '+15559870000',
          status: 'missed',
        }),
      ],
      [],
    );
    const none = { outcome: 'all', direction: 'all', search: '' } as const;
    expect(filterHistory(entries, { ...none, outcome: 'failed' }).map((e) => e.status)).toEqual([
      'busy',
    ]);
    expect(filterHistory(entries, { ...none, outcome: 'missed' })).toHaveLength(1);
    expect(filterHistory(entries, { ...none, direction: 'inbound' })[0]?.remote).toBe(
      '+442079460958',
    );
    expect(filterHistory(entries, { ...none, search: '(415) 555-0101' }).map((e) => e.id)).toEqual([
      id(1),
    ]);
    expect(filterHistory(entries, { ...none, search: '7946' })).toHaveLength(1);
    expect(filterHistory(entries, { ...none, search: 'nothing' })).toHaveLength(0);
  });

  it('finds the last call with a number however it is written', () => {
    const entries = mergeHistory([log(1, { disposition: 'sale' }), log(2)], []);
    expect(lastCallWith(entries, '+1 415-555-0101')?.disposition).toBe('sale');
    expect(lastCallWith(entries, '+19995550000')).toBeUndefined();
  });
});

describe('history store', () => {
  it('keeps the filters and clears them at once', () => {
    const store = createHistoryStore();
    store.getState().outcomeChosen('missed');
    store.getState().directionChosen('inbound');
    store.getState().searchTyped('415');
    expect(store.getState()).toMatchObject({
      outcome: 'missed',
      direction: 'inbound',
      search: '415',
    });
    store.getState().filtersCleared();
    expect(store.getState()).toMatchObject({ outcome: 'all', direction: 'all', search: '' });
  });
});
