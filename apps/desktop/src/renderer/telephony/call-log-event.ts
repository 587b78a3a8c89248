import {
  CallPartySchema,
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

/**
 * A call party the API accepts, whatever the SDK reported: a withheld or empty caller is
 * `anonymous`, and anything else is trimmed to the characters a party may hold, so the call is
 * still logged ("never loses a call record") instead of being skipped for an odd caller id.
 */
export function callPartyOf(raw: string | undefined): string {
  const trimmed = (raw ?? '').trim();
  if (CallPartySchema.safeParse(trimmed).success) return trimmed;
  const kept = trimmed.replace(/[^\w.+*#@:~-]/g, '').slice(0, 256);
  return CallPartySchema.safeParse(kept).success ? kept : 'anonymous';
}

/**
 * The outbox event for the call as it stands ("every call transition emits a call-log
 * event"). Events for one call share `id`; main's outbox and the API upsert by it.
 */
export function toCallLogEvent(facts: CallLogFacts): CallLogEvent {
  const { record } = facts;
  const ended = record.endedAt !== undefined;
  return {
    id: facts.logId,
    direction: facts.direction,
    from: callPartyOf(facts.from),
    to: callPartyOf(facts.to),
    status: record.status,
    startedAt: record.startedAt,
    answeredAt: record.answeredAt ?? null,
    endedAt: record.endedAt ?? null,
    durationSeconds: ended ? record.talkSeconds : null,
    telnyxCallControlId: facts.telnyxCallControlId ?? null,
    telnyxCallSessionId: facts.telnyxSessionId ?? null,
    telnyxCallLegId: facts.telnyxLegId ?? null,
    hangupCause: record.hangupCause?.slice(0, 100) ?? null,
  };
}

/**
 * Base64 of the call-log id, as `clientState` (docs/telnyx-protocol.md#outbound-invite; webhooks
 * echo it back).
 */
export function clientStateOf(logId: string): string {
  return btoa(logId);
}
