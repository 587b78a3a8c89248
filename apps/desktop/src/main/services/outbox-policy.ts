import {
  mergeCallStatus,
  type CallLog,
  type CallLogEvent,
  type UpdateCallLog,
} from '@crokodialer/shared';
import { AppError } from './app-error.js';

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/**
 * Capped exponential backoff with "full jitter" (0.5–1× of the step), so many desktops coming back
 * after an API outage do not retry in lockstep. `attempt` counts failures so far (1 = first failure).
 */
export function retryDelayMs(
  attempt: number,
  { baseMs, maxMs }: BackoffOptions,
  random: () => number = Math.random,
): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(step / 2 + (step / 2) * random());
}

/**
 * Which value wins when two events of one call meet, field by field. The API's upsert
 * (apps/api call-log-service `mergeCallLog`) follows the same table, and corrections travel as a
 * PATCH it applies as is, so a record merged here and one merged there always agree:
 * - `first`: what the call started with (direction, parties, start) never changes;
 * - `forward`: status only moves forward (call-status-order.ts);
 * - `first-known`: a fact about the call, once known, stays (the API fills only empty columns);
 * - `latest`: the agent's corrections after the call (disposition, notes), newest wins.
 */
export const MERGE_RULES = {
  id: 'first',
  direction: 'first',
  from: 'first',
  to: 'first',
  startedAt: 'first',
  status: 'forward',
  answeredAt: 'first-known',
  endedAt: 'first-known',
  durationSeconds: 'first-known',
  hangupCause: 'first-known',
  telnyxCallControlId: 'first-known',
  telnyxCallSessionId: 'first-known',
  telnyxCallLegId: 'first-known',
  disposition: 'latest',
  notes: 'latest',
} as const satisfies Record<keyof CallLogEvent, 'first' | 'forward' | 'first-known' | 'latest'>;

const known = (v: unknown) => v !== undefined && v !== null;

/** Two events of the same call merge into one record by MERGE_RULES. */
export function mergeCallLogEvents(existing: CallLogEvent, incoming: CallLogEvent): CallLogEvent {
  const out: Record<string, unknown> = { ...existing };
  for (const [field, rule] of Object.entries(MERGE_RULES)) {
    const was = (existing as Record<string, unknown>)[field];
    const now = (incoming as Record<string, unknown>)[field];
    if (rule === 'first-known' && !known(was) && known(now)) out[field] = now;
    if (rule === 'latest' && now !== undefined) out[field] = now;
  }
  out.status = mergeCallStatus(existing.status, incoming.status);
  return out as CallLogEvent;
}

/**
 * The corrections the API's upsert kept out (it fills only empty columns): what the outbox holds
 * for disposition and notes, where it differs from what the API stored. Null when nothing differs.
 */
export function correctionFor(event: CallLogEvent, stored: CallLog): UpdateCallLog | null {
  const out: { disposition?: CallLog['disposition']; notes?: CallLog['notes'] } = {};
  if (event.disposition !== undefined && event.disposition !== stored.disposition) {
    out.disposition = event.disposition;
  }
  if (event.notes !== undefined && event.notes !== stored.notes) out.notes = event.notes;
  return Object.keys(out).length > 0 ? out : null;
}

export type DeliveryVerdict =
  /** Try again later (offline, 5xx, 429): an outage of any length loses nothing. */
  | { kind: 'retry'; notBeforeMs: number | null; reason: string }
  /** Its account is signed out (or another one is in): wait for that account, never misfile. */
  | { kind: 'wait-for-sign-in'; reason: string }
  /** The API will never accept this record as is: keep it aside, tell the user. */
  | { kind: 'dead'; reason: string };

export function classifyDeliveryError(error: unknown): DeliveryVerdict {
  if (error instanceof AppError) {
    if (error.code === 'bad-request') return { kind: 'dead', reason: error.message };
    if (error.code === 'not-signed-in' || error.code === 'unauthorized') {
      return { kind: 'wait-for-sign-in', reason: error.message };
    }
    return { kind: 'retry', notBeforeMs: error.retryAfterMs, reason: error.message };
  }
  return {
    kind: 'retry',
    notBeforeMs: null,
    reason: error instanceof Error ? error.message : 'unknown error',
  };
}
