import type { CallDirection, FinalCallStatus } from './call-enums.js';
import type { CallEndedBy } from './sdk-call-event.js';

/**
 * What a hangup reason says, before we know who hung up and whether anyone talked.
 * `normal` also stands for "no reason given".
 */
export type HangupKind = 'normal' | 'busy' | 'no-answer' | 'rejected' | 'cancel' | 'error';

// Cause names and codes follow FreeSWITCH/Q.850 as the SDK reports them
// (docs/telnyx-protocol.md#hangup-causes).
const KIND_BY_CAUSE: ReadonlyMap<string, HangupKind> = new Map<string, HangupKind>([
  ['NORMAL_CLEARING', 'normal'],
  ['USER_BUSY', 'busy'],
  ['NO_ANSWER', 'no-answer'],
  ['NO_USER_RESPONSE', 'no-answer'], // FreeSWITCH's cause for SIP 480
  ['RECOVERY_ON_TIMER_EXPIRE', 'no-answer'], // FreeSWITCH's cause for SIP 408
  ['CALL_REJECTED', 'rejected'],
  ['ORIGINATOR_CANCEL', 'cancel'],
]);

const KIND_BY_CAUSE_CODE: ReadonlyMap<number, HangupKind> = new Map<number, HangupKind>([
  [16, 'normal'],
  [17, 'busy'],
  [18, 'no-answer'],
  [19, 'no-answer'],
  [102, 'no-answer'],
  [21, 'rejected'],
  [487, 'cancel'], // FreeSWITCH numbers ORIGINATOR_CANCEL after SIP 487
]);

const KIND_BY_SIP_CODE: ReadonlyMap<number, HangupKind> = new Map<number, HangupKind>([
  [200, 'normal'],
  [486, 'busy'], // Busy Here
  [600, 'busy'], // Busy Everywhere
  [408, 'no-answer'], // Request Timeout
  [480, 'no-answer'], // Temporarily Unavailable
  [403, 'rejected'], // Forbidden
  [603, 'rejected'], // Decline
  [607, 'rejected'], // Unwanted
  [487, 'cancel'], // Request Terminated
]);

export interface HangupReason {
  cause?: string | null | undefined;
  causeCode?: number | null | undefined;
  sipCode?: number | null | undefined;
}

/**
 * The kind of a hangup reason: a known specific cause (by name, then by code), else what the SIP code
 * says (the far end's own answer), else `error` for a cause we do not know or a SIP failure, else
 * `normal`. So NORMAL_UNSPECIFIED/31 with 486 is busy, and NORMAL_CLEARING with 503 is an error.
 */
export function classifyHangup({ cause, causeCode, sipCode }: HangupReason): HangupKind {
  const name = cause ? cause.toUpperCase() : undefined;
  const code = typeof causeCode === 'number' ? causeCode : undefined;
  const byName = name === undefined ? undefined : KIND_BY_CAUSE.get(name);
  const byCode = code === undefined ? undefined : KIND_BY_CAUSE_CODE.get(code);
  const specific = [byName, byCode].find((kind) => kind !== undefined && kind !== 'normal');
  if (specific !== undefined) return specific;
  if (typeof sipCode === 'number') {
    const bySip = KIND_BY_SIP_CODE.get(sipCode) ?? (sipCode >= 300 ? 'error' : 'normal');
    if (bySip !== 'normal') return bySip;
  }
  // The name decides whether the cause is known; the code only when there is no name.
  const unknownCause =
    name !== undefined ? byName === undefined : code !== undefined && byCode === undefined;
  return unknownCause ? 'error' : 'normal';
}

export interface HangupFacts extends HangupReason {
  /** Undefined only when no update ever said; then an unanswered call counts as `failed`. */
  direction: CallDirection | undefined;
  /** The call reached `active` before it ended. */
  answered: boolean;
  /** Inbound: the call was offered to the agent (reached `ringing`). */
  rang?: boolean | undefined;
  /** Inbound: the agent clicked answer (`answering`) but media never came up. */
  answering?: boolean | undefined;
  /** Who ended it, when the engine knows; otherwise inferred (see resolveEndedBy). */
  endedBy?: CallEndedBy | undefined;
}

/**
 * Who ended the call. The engine's word wins. Otherwise: ORIGINATOR_CANCEL names the side that
 * placed the call; a BYE from the gateway carries a SIP code (`wire/inbound.txt`, `wire/jwt_reject.txt`)
 * while the SDK's own BYE sends `sipCode: null` (docs/telnyx-protocol.md#hangup,
 * `wire/outbound.txt`), so no SIP code means local.
 */
export function resolveEndedBy(facts: HangupFacts): CallEndedBy {
  if (facts.endedBy) return facts.endedBy;
  if (classifyHangup(facts) === 'cancel' && facts.direction) {
    return facts.direction === 'outbound' ? 'local' : 'remote';
  }
  return typeof facts.sipCode === 'number' ? 'remote' : 'local';
}

/**
 * The outcome of a call that ended. Anything that connected is `completed`, whatever the cause.
 * Before answer:
 * - outbound, ended by us: `cancelled` (the SDK's default cause is USER_BUSY/17,
 *   docs/telnyx-protocol.md#hangup), except our own ring timeout (`no-answer`) and errors
 *   (`failed`);
 * - outbound, ended by the far end: busy → `busy`, no answer → `no-answer`, declined → `rejected`,
 *   ORIGINATOR_CANCEL/487 → `cancelled`, anything else (even NORMAL_CLEARING) → `failed`;
 * - inbound, ended by the agent: `rejected` (a decision, unlike `missed`); our own ring timeout →
 *   `missed`; ended after the agent clicked answer or by an error → `failed`;
 * - inbound, ended by the caller or the gateway: `missed` once it rang; `failed` if it errored
 *   before it was ever offered to the agent.
 * A call the SDK dropped before answer (`endedBy: 'network'`) is `failed`.
 */
export function outcomeFromHangup(facts: HangupFacts): FinalCallStatus {
  if (facts.answered) return 'completed';
  const endedBy = resolveEndedBy(facts);
  if (endedBy === 'network' || facts.direction === undefined) return 'failed';
  return outcomeOfUnanswered(
    facts.direction,
    endedBy,
    classifyHangup(facts),
    facts.rang ?? false,
    facts.answering ?? false,
  );
}

function outcomeOfUnanswered(
  direction: CallDirection,
  endedBy: 'local' | 'remote',
  kind: HangupKind,
  rang: boolean,
  answering: boolean,
): FinalCallStatus {
  if (direction === 'outbound') {
    if (endedBy === 'local') {
      if (kind === 'no-answer') return 'no-answer';
      return kind === 'error' ? 'failed' : 'cancelled';
    }
    switch (kind) {
      case 'busy':
        return 'busy';
      case 'no-answer':
        return 'no-answer';
      case 'rejected':
        return 'rejected';
      case 'cancel':
        return 'cancelled';
      default:
        return 'failed';
    }
  }
  if (endedBy === 'local') {
    if (kind === 'error' || answering) return 'failed';
    return kind === 'no-answer' ? 'missed' : 'rejected';
  }
  return rang || kind !== 'error' ? 'missed' : 'failed';
}

/** Telnyx Call Control `call.hangup` webhook values (docs/telnyx-protocol.md#webhook-events). */
export const WEBHOOK_HANGUP_CAUSES = [
  'call_rejected',
  'normal_clearing',
  'originator_cancel',
  'timeout',
  'time_limit',
  'user_busy',
  'not_found',
  'no_answer',
  'unspecified',
] as const;
export type WebhookHangupCause = (typeof WEBHOOK_HANGUP_CAUSES)[number];

const KIND_BY_WEBHOOK_CAUSE: Readonly<Record<WebhookHangupCause, HangupKind | undefined>> = {
  normal_clearing: 'normal',
  user_busy: 'busy',
  no_answer: 'no-answer',
  timeout: 'no-answer', // not answered within the dial's timeout_secs
  call_rejected: 'rejected',
  originator_cancel: 'cancel',
  not_found: 'error',
  time_limit: 'error', // time_limit_secs ends answered calls; before answer it is a fault
  unspecified: undefined, // let sip_hangup_cause speak
};

export interface WebhookHangupFacts {
  /** Telnyx may add values; unknown ones fall back to the SIP cause. */
  hangupCause: string | null | undefined;
  hangupSource?: string | null | undefined;
  sipHangupCause?: string | null | undefined;
  /** Whether the call log already saw the call answered (call.answered, or the desktop's record). */
  answered: boolean;
  /** Our direction (the agent's point of view), not Telnyx's leg direction. */
  direction: CallDirection;
}

/**
 * Our status from a `call.hangup` webhook, for reconciling call logs
 * (docs/telnyx-protocol.md#webhook-events). The caller is the agent on an outbound call and the
 * customer on an inbound one, so `hangup_source` says who ended it. With `unknown` source the far
 * end is assumed (Telnyx saw the hangup, so the reason is real), except ORIGINATOR_CANCEL, which
 * names the side that placed the call. Telnyx only reports inbound calls it offered, so an inbound
 * call counts as having rung.
 */
export function statusFromWebhookHangup(facts: WebhookHangupFacts): FinalCallStatus {
  if (facts.answered) return 'completed';
  const sipCode = Number.parseInt(facts.sipHangupCause ?? '', 10);
  const kind = webhookHangupKind(
    facts.hangupCause,
    Number.isInteger(sipCode) ? sipCode : undefined,
  );
  const endedBy = endedByFromSource(facts.hangupSource, facts.direction, kind);
  return outcomeOfUnanswered(facts.direction, endedBy, kind, true, false);
}

/** A specific `hangup_cause` wins; otherwise the SIP cause, if it says more than OK. */
function webhookHangupKind(
  cause: string | null | undefined,
  sipCode: number | undefined,
): HangupKind {
  const known = isWebhookHangupCause(cause) ? KIND_BY_WEBHOOK_CAUSE[cause] : undefined;
  if (known !== undefined && known !== 'normal') return known;
  const bySip = classifyHangup({ sipCode });
  if (bySip !== 'normal') return bySip;
  // Only normal_clearing (or no cause at all) is normal; `unspecified` and new causes are faults.
  return known === 'normal' || !cause ? 'normal' : 'error';
}

function isWebhookHangupCause(value: string | null | undefined): value is WebhookHangupCause {
  return (WEBHOOK_HANGUP_CAUSES as readonly (string | null | undefined)[]).includes(value);
}

function endedByFromSource(
  source: string | null | undefined,
  direction: CallDirection,
  kind: HangupKind,
): 'local' | 'remote' {
  const callerIsAgent = direction === 'outbound';
  if (source === 'caller') return callerIsAgent ? 'local' : 'remote';
  if (source === 'callee') return callerIsAgent ? 'remote' : 'local';
  if (kind === 'cancel') return callerIsAgent ? 'local' : 'remote';
  return 'remote';
}
