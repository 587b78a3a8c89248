import { mergeCallStatus, type CallLogEvent } from '@crokodialer/shared';
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
 * Two events of the same call merge into one record: status only moves forward
 * (call-status-order.ts), other fields take the newest value that is present.
 */
export function mergeCallLogEvents(existing: CallLogEvent, incoming: CallLogEvent): CallLogEvent {
  const defined = Object.fromEntries(
    Object.entries(incoming).filter(([, v]) => v !== undefined),
  ) as Partial<CallLogEvent>;
  return {
    ...existing,
    ...defined,
    id: existing.id,
    status: mergeCallStatus(existing.status, incoming.status),
  };
}

export type DeliveryVerdict =
  /** Try again later (offline, 5xx, 429, signed out): an outage of any length loses nothing. */
  | { kind: 'retry'; notBeforeMs: number | null; reason: string }
  /** The API will never accept this record as is: keep it aside, tell the user. */
  | { kind: 'dead'; reason: string };

export function classifyDeliveryError(error: unknown): DeliveryVerdict {
  if (error instanceof AppError) {
    if (error.code === 'bad-request') return { kind: 'dead', reason: error.message };
    return { kind: 'retry', notBeforeMs: error.retryAfterMs, reason: error.message };
  }
  return {
    kind: 'retry',
    notBeforeMs: null,
    reason: error instanceof Error ? error.message : 'unknown error',
  };
}
