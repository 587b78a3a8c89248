import {
  E164Schema,
  type CallDirection,
  type CallLogEvent,
  type CallRecord,
} from '@crokodialer/shared';

/** What the engine knows about one call, enough to write its call-log event. */
export interface CallLogFacts {
  logId: string;
  direction: CallDirection;
  /** Outbound: the caller ID we used; inbound: the caller. */
  from: string;
  /** Outbound: the destination; inbound: the number that was called. */
  to: string;
  record: CallRecord;
  telnyxCallControlId: string | undefined;
  telnyxSessionId: string | undefined;
  telnyxLegId: string | undefined;
}

export type CallLogResult =
  { ok: true; event: CallLogEvent } | { ok: false; reason: 'from-not-e164' | 'to-not-e164' };

/**
 * The outbox event for the call as it stands (issue 6: "every call transition emits a call-log
 * event"). Events for one call share `id`; main's outbox and the API upsert by it.
 */
export function toCallLogEvent(facts: CallLogFacts): CallLogResult {
  if (!E164Schema.safeParse(facts.from).success) return { ok: false, reason: 'from-not-e164' };
  if (!E164Schema.safeParse(facts.to).success) return { ok: false, reason: 'to-not-e164' };
  const { record } = facts;
  const ended = record.endedAt !== undefined;
  return {
    ok: true,
    event: {
      id: facts.logId,
      direction: facts.direction,
      from: facts.from,
      to: facts.to,
      status: record.status,
      startedAt: record.startedAt,
      answeredAt: record.answeredAt ?? null,
      endedAt: record.endedAt ?? null,
      durationSeconds: ended ? record.talkSeconds : null,
      telnyxCallControlId: facts.telnyxCallControlId ?? null,
      telnyxCallSessionId: facts.telnyxSessionId ?? null,
      telnyxCallLegId: facts.telnyxLegId ?? null,
      hangupCause: record.hangupCause?.slice(0, 100) ?? null,
    },
  };
}

/** Base64 of the call-log id, as `clientState` (PROTOCOL.md §2.5; webhooks echo it back). */
export function clientStateOf(logId: string): string {
  return btoa(logId);
}
