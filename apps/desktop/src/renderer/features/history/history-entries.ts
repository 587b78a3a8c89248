import type { CallDirection, CallLog, CallLogEvent, CallStatus } from '@crokodialer/shared';

/** One row of the history: a call as the API has it, or as it still waits in the local outbox. */
export interface HistoryEntry {
  id: string;
  direction: CallDirection;
  /** The other party: the callee of an outbound call, the caller of an inbound one. */
  remote: string;
  status: CallStatus;
  disposition: string | null;
  notes: string | null;
  startedAt: string;
  durationSeconds: number | null;
  /** Not yet delivered to the API (queued in the outbox). */
  pending: boolean;
}

export type OutcomeFilter = 'all' | 'connected' | 'missed' | 'failed';
export type DirectionFilter = 'all' | CallDirection;

const OUTCOMES: Record<Exclude<OutcomeFilter, 'all'>, readonly CallStatus[]> = {
  connected: ['completed', 'connected'],
  missed: ['missed', 'no-answer', 'cancelled'],
  failed: ['failed', 'busy', 'rejected'],
};

function entryOf(log: CallLog | CallLogEvent, pending: boolean): HistoryEntry {
  return {
    id: log.id,
    direction: log.direction,
    remote: log.direction === 'outbound' ? log.to : log.from,
    status: log.status,
    disposition: log.disposition ?? null,
    notes: log.notes ?? null,
    startedAt: log.startedAt,
    durationSeconds: log.durationSeconds ?? null,
    pending,
  };
}

/**
 * The API's calls and the outbox's pending ones as one list, newest first. A pending record of a
 * call the API already knows is the newer truth (a disposition not yet delivered), so it wins.
 */
export function mergeHistory(
  api: readonly CallLog[],
  pending: readonly CallLogEvent[],
): HistoryEntry[] {
  const byId = new Map<string, HistoryEntry>();
  for (const log of api) byId.set(log.id, entryOf(log, false));
  for (const event of pending) byId.set(event.id, entryOf(event, true));
  return [...byId.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/** Digits of a search, so "(415) 555" finds +14155550100. */
function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

export interface HistoryFilters {
  outcome: OutcomeFilter;
  direction: DirectionFilter;
  search: string;
}

export function filterHistory(entries: readonly HistoryEntry[], f: HistoryFilters): HistoryEntry[] {
  const digits = digitsOf(f.search);
  const text = f.search.trim().toLowerCase();
  return entries.filter((e) => {
    if (f.direction !== 'all' && e.direction !== f.direction) return false;
    if (f.outcome !== 'all' && !OUTCOMES[f.outcome].includes(e.status)) return false;
    if (text === '') return true;
    return digits !== ''
      ? digitsOf(e.remote).includes(digits)
      : e.remote.toLowerCase().includes(text);
  });
}

/** What history knows of a number, for the call screen: the last call's outcome and disposition. */
export function lastCallWith(
  entries: readonly HistoryEntry[],
  remote: string,
): HistoryEntry | undefined {
  const digits = digitsOf(remote);
  if (digits === '') return undefined;
  return entries.find((e) => digitsOf(e.remote) === digits);
}
