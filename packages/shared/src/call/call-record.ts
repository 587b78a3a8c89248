import { z } from 'zod';
import {
  CallDirectionSchema,
  CallStatusSchema,
  isFinalCallStatus,
  type CallDirection,
} from './call-enums.js';
import { callStatusRank, mergeCallStatus } from './call-status-order.js';
import { outcomeFromHangup, resolveEndedBy, type HangupFacts } from './hangup-outcome.js';
import {
  CallEndedBySchema,
  directionImpliedByState,
  eventTimeMs,
  isSdkFinalState,
  liveStatusOfState,
  type SdkCallEvent,
} from './sdk-call-event.js';

/**
 * One call as the call log sees it, folded from SDK call updates by `applyCallEvent`.
 * Times are ISO 8601 (UTC, millisecond precision). `talkSeconds` is 0 until the call ends, and for
 * calls never answered.
 */
export const CallRecordSchema = z.object({
  direction: CallDirectionSchema.optional(),
  status: CallStatusSchema,
  startedAt: z.iso.datetime(),
  answeredAt: z.iso.datetime().optional(),
  endedAt: z.iso.datetime().optional(),
  talkSeconds: z.number().int().min(0),
  hangupCause: z.string().optional(),
  hangupCauseCode: z.number().int().optional(),
  sipCode: z.number().int().optional(),
  sipReason: z.string().optional(),
  endedBy: CallEndedBySchema.optional(),
  /** Inbound: the agent clicked answer; if media never came up the call `failed`, not `rejected`. */
  answerAttempted: z.boolean().optional(),
});
export type CallRecord = z.infer<typeof CallRecordSchema>;

const iso = (ms: number): string => new Date(ms).toISOString();
const earlier = (current: string | undefined, ms: number): string =>
  current === undefined || ms < Date.parse(current) ? iso(ms) : current;

/** Whole seconds between answer and end, rounded down like an on-screen call timer; 0 if never answered. */
export function talkSecondsBetween(
  answeredAt: string | undefined,
  endedAt: string | undefined,
): number {
  if (answeredAt === undefined || endedAt === undefined) return 0;
  return Math.max(0, Math.floor((Date.parse(endedAt) - Date.parse(answeredAt)) / 1000));
}

/**
 * Folds one SDK call update into the record (undefined for the first update of a call). Pure.
 *
 * Events may come late, twice or out of order, so:
 * - status only moves forward (mergeCallStatus): initiated → ringing → connected → one outcome;
 * - once the call has an outcome, live updates change nothing at all; later final updates
 *   (hangup then destroy) only move `endedAt` earlier and fill in hangup details still missing;
 * - startedAt / answeredAt / endedAt are the earliest time seen of any update / `active` or `held` /
 *   final update, so they do not depend on the order the live updates arrived in;
 * - `recovering` (reattach after a reconnect, docs/telnyx-protocol.md#reattach) keeps the call as
 *   it was: its NORMAL_CLEARING cause is not a hangup (wire/reconnect.txt);
 * - the direction a state proves (directionImpliedByState) beats the update's field, which says
 *   `inbound` for a reattached outbound call; otherwise the first direction seen is kept.
 *
 * Throws RangeError only for an `at` that is no time at all (a programming error: SdkCallEventSchema
 * rejects it at the boundary).
 */
export function applyCallEvent(record: CallRecord | undefined, event: SdkCallEvent): CallRecord {
  const at = eventTimeMs(event.at);
  if (at === undefined) throw new RangeError(`call event time is not a time: ${String(event.at)}`);
  if (record === undefined)
    return applyCallEvent({ status: 'initiated', startedAt: iso(at), talkSeconds: 0 }, event);

  if (isFinalCallStatus(record.status)) {
    return isSdkFinalState(event.state) ? applyLateFinal(record, event, at) : record;
  }

  const next: CallRecord = {
    ...record,
    startedAt: earlier(record.startedAt, at),
    ...directionAfter(record.direction, event),
  };
  if (isSdkFinalState(event.state)) return endCall(next, event, at);

  const live = liveStatusOfState(event.state);
  if (live !== undefined) next.status = mergeCallStatus(next.status, live);
  if (event.state === 'active' || event.state === 'held')
    next.answeredAt = earlier(next.answeredAt, at);
  if (event.state === 'answering') next.answerAttempted = true;
  return next;
}

/** Folds a whole list of updates, in the order given; undefined for no updates. */
export function reduceCallEvents(events: Iterable<SdkCallEvent>): CallRecord | undefined {
  let record: CallRecord | undefined;
  for (const event of events) record = applyCallEvent(record, event);
  return record;
}

function directionAfter(
  current: CallDirection | undefined,
  event: SdkCallEvent,
): { direction?: CallDirection } {
  const direction = directionImpliedByState(event.state) ?? current ?? event.direction;
  return direction === undefined ? {} : { direction };
}

function endCall(record: CallRecord, event: SdkCallEvent, at: number): CallRecord {
  const facts: HangupFacts = {
    direction: record.direction,
    answered: record.answeredAt !== undefined,
    rang: callStatusRank(record.status) >= callStatusRank('ringing'),
    answering: record.answerAttempted === true,
    // `purge` is the SDK tearing calls down itself on a punt (docs/telnyx-protocol.md#punt).
    endedBy: event.endedBy ?? (event.state === 'purge' ? 'network' : undefined),
    cause: event.cause,
    causeCode: event.causeCode,
    sipCode: event.sipCode,
  };
  const endedAt = iso(at);
  return {
    ...record,
    status: mergeCallStatus(record.status, outcomeFromHangup(facts)),
    endedAt,
    talkSeconds: talkSecondsBetween(record.answeredAt, endedAt),
    endedBy: resolveEndedBy(facts),
    ...hangupDetails(record, event),
  };
}

/** A second final update (destroy after hangup, a duplicate, a late hangup): the outcome stays. */
function applyLateFinal(record: CallRecord, event: SdkCallEvent, at: number): CallRecord {
  const endedAt = earlier(record.endedAt, at);
  return {
    ...record,
    startedAt: earlier(record.startedAt, at),
    endedAt,
    talkSeconds: talkSecondsBetween(record.answeredAt, endedAt),
    ...hangupDetails(record, event),
  };
}

/** Hangup details already on the record win; the update fills only the gaps. */
function hangupDetails(record: CallRecord, event: SdkCallEvent): Partial<CallRecord> {
  const details: Partial<CallRecord> = {};
  const cause = record.hangupCause ?? event.cause ?? undefined;
  const causeCode = record.hangupCauseCode ?? event.causeCode ?? undefined;
  const sipCode = record.sipCode ?? event.sipCode ?? undefined;
  const sipReason = record.sipReason ?? event.sipReason ?? undefined;
  if (cause !== undefined) details.hangupCause = cause;
  if (causeCode !== undefined) details.hangupCauseCode = causeCode;
  if (sipCode !== undefined) details.sipCode = sipCode;
  if (sipReason !== undefined) details.sipReason = sipReason;
  return details;
}
