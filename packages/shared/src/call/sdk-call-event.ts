import { z } from 'zod';
import { CallDirectionSchema, type CallDirection, type LiveCallStatus } from './call-enums.js';

/**
 * The call states @telnyx/webrtc 2.27.10 reports in `telnyx.notification` `{type:'callUpdate'}`
 * (docs/telnyx-protocol.md#call-flows). Outbound: new → requesting → trying → [early] → active;
 * inbound: new → ringing → answering → active; both may go held ↔ active, then hangup → destroy.
 * `recovering` is a reattach after a socket reconnect (docs/telnyx-protocol.md#reattach); `purge`
 * is the SDK tearing calls down itself (docs/telnyx-protocol.md#punt).
 */
export const SDK_CALL_STATES = [
  'new',
  'requesting',
  'trying',
  'early',
  'ringing',
  'answering',
  'active',
  'held',
  'hangup',
  'destroy',
  'recovering',
  'purge',
] as const;
export const SdkCallStateSchema = z.enum(SDK_CALL_STATES);
export type SdkCallState = z.infer<typeof SdkCallStateSchema>;

/** States after which the call is over: its outcome is decided by the first of them we see. */
export const SDK_FINAL_STATES = ['hangup', 'destroy', 'purge'] as const satisfies SdkCallState[];
export type SdkFinalState = (typeof SDK_FINAL_STATES)[number];

export function isSdkFinalState(state: SdkCallState): state is SdkFinalState {
  return (SDK_FINAL_STATES as readonly SdkCallState[]).includes(state);
}

/**
 * Who ended the call, from the agent's point of view: the agent or our engine (`local`), the far end
 * or the gateway (`remote`), or nobody — the SDK dropped the call after losing the gateway
 * (`network`: `purge` on a punt docs/telnyx-protocol.md#punt, SESSION_NOT_REATTACHED 48501
 * docs/telnyx-protocol.md#reattach, RECONNECTION_EXHAUSTED 45003
 * docs/telnyx-protocol.md#reconnect-schedule).
 */
export const CallEndedBySchema = z.enum(['local', 'remote', 'network']);
export type CallEndedBy = z.infer<typeof CallEndedBySchema>;

/** Epoch milliseconds, or an ISO 8601 date-time with an offset. */
export const EventTimeSchema = z.union([z.number(), z.iso.datetime({ offset: true })]);
export type EventTime = z.infer<typeof EventTimeSchema>;

/**
 * One SDK call update as the telephony engine hands it to the call model. The fields mirror the
 * callUpdate notification (`cause`, `causeCode`, `sipCode`, `sipReason` are null when unset, as the
 * SDK sends them), plus what only the engine knows:
 * - `at`: when the engine saw the update (the SDK's notification carries no time);
 * - `endedBy`: on a final state, who ended the call. The SDK cannot tell an agent's cancel from a
 *   remote busy: both arrive as USER_BUSY/17 (docs/telnyx-protocol.md#hangup,
 * docs/telnyx-protocol.md#inbound-invite), so the engine should say `local` when it
 *   called `call.hangup()` itself, and `network` when the SDK dropped the call with 48501 or 45003
 *   (its hangup then looks like an ordinary NORMAL_CLEARING, wire/not_reattached.txt).
 * `direction` is missing on `new` and on some `recovering` updates (wire/reconnect.txt).
 */
export const SdkCallEventSchema = z.object({
  at: EventTimeSchema,
  state: SdkCallStateSchema,
  direction: CallDirectionSchema.optional(),
  cause: z.string().max(64).nullish(),
  causeCode: z.number().int().nullish(),
  sipCode: z.number().int().min(100).max(699).nullish(),
  sipReason: z.string().max(256).nullish(),
  endedBy: CallEndedBySchema.optional(),
});
export type SdkCallEvent = z.infer<typeof SdkCallEventSchema>;

/** The event time as epoch ms, or undefined when it is not a valid time. */
export function eventTimeMs(at: EventTime): number | undefined {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * The direction a state proves, whatever the update's `direction` field says. Only outbound calls
 * send an invite (requesting, trying) or get early media on it; only inbound calls ring and get
 * answered by the agent (docs/telnyx-protocol.md#outbound-invite,
 * docs/telnyx-protocol.md#inbound-invite — outbound `telnyx_rtc.ringing` changes no state). This
 * beats the field because a reattached outbound call comes back as `direction:'inbound'`
 * (docs/telnyx-protocol.md#reattach).
 */
export function directionImpliedByState(state: SdkCallState): CallDirection | undefined {
  switch (state) {
    case 'requesting':
    case 'trying':
    case 'early':
      return 'outbound';
    case 'ringing':
    case 'answering':
      return 'inbound';
    // Stryker disable next-line ConditionalExpression: an empty default returns undefined as well
    default:
      return undefined;
  }
}

/**
 * The live status a non-final state means; undefined for states that say nothing about progress
 * (`recovering` keeps the call as it was) and for final states (see hangup-outcome.ts).
 * `trying` stays `initiated`: it only means the gateway accepted the invite ("CALL CREATED"); the
 * SDK surfaces no 180 Ringing, so an outbound call shows `ringing` only with early media
 * (docs/telnyx-protocol.md#outbound-invite). `answering` stays `ringing`: the agent clicked answer,
 * but there is no media yet (docs/telnyx-protocol.md#inbound-invite).
 */
export function liveStatusOfState(state: SdkCallState): LiveCallStatus | undefined {
  switch (state) {
    case 'new':
    case 'requesting':
    case 'trying':
      return 'initiated';
    case 'early':
    case 'ringing':
    case 'answering':
      return 'ringing';
    case 'active':
    case 'held':
      return 'connected';
    // Stryker disable next-line ConditionalExpression: an empty default returns undefined as well
    default:
      return undefined;
  }
}
