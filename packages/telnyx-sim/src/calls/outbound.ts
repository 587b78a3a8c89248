// Outbound calls (client `telnyx_rtc.invite`, docs/telnyx-protocol.md#outbound-invite): the dial
// plan decides between ringing → [early media] → answer, busy, no answer and reject.
import type { Accounts } from '../accounts/types.js';
import { isJson, RpcFailure, RPC_ERRORS, str, type Json } from '../gateway/rpc.js';
import type { VertoSession } from '../gateway/session.js';
import {
  newCallFields,
  webhookBase,
  type CustomHeader,
  type HangupInfo,
  type SimCall,
} from './call.js';
import type { CallManager } from './call-manager.js';
import { HANGUP_CAUSES, resolveDestination, type DialRule, type DialTimings } from './dial-plan.js';

export interface OutboundDeps {
  accounts: Accounts;
  calls: CallManager;
  dialPlan: readonly DialRule[];
  timings: DialTimings;
}

export function parseCustomHeaders(value: unknown): CustomHeader[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((h: unknown) =>
    isJson(h) && typeof h.name === 'string' && typeof h.value === 'string'
      ? [{ name: h.name, value: h.value }]
      : [],
  );
}

export function dialogOf(params: Json): Json {
  return isJson(params.dialogParams) ? params.dialogParams : {};
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** A SIP URI stays inside Telnyx; anything else goes out to the PSTN. */
const isSipUri = (destination: string) => /^sips?:/i.test(destination) || destination.includes('@');

/**
 * Why Telnyx refuses this PSTN call with SIP 403 before it rings, if it does: no outbound voice
 * profile on the connection (D38), or a caller ID the account does not own (D35 malformed, D51
 * not a verified or Telnyx number) — docs/telnyx-protocol.md#outbound-calls.
 */
export function outboundRefusal(
  accounts: Accounts,
  connectionId: string,
  destination: string,
  callerId: string | undefined,
): Omit<HangupInfo, 'source'> | undefined {
  if (isSipUri(destination)) return undefined;
  const reject = (sipReason: string) => ({
    ...HANGUP_CAUSES.CALL_REJECTED,
    sipCode: 403,
    sipReason,
  });
  if (!accounts.outboundProfileOf(connectionId)) {
    return reject('Connection has no Outbound Profile assigned D38');
  }
  if (callerId) {
    if (!E164.test(callerId)) return reject('Invalid caller ID format D35');
    if (!accounts.ownsNumber(callerId)) return reject('Non-Telnyx number not verified D51');
  }
  return undefined;
}

/** Handles the invite; the request's result is sent by the caller before any follow-up. */
export function startOutbound(deps: OutboundDeps, session: VertoSession, params: Json): Json {
  const dialog = dialogOf(params);
  const callId = str(dialog.callID);
  const destination = str(dialog.destination_number);
  const sdp = str(params.sdp);
  if (!callId || !destination || !sdp) throw new RpcFailure(RPC_ERRORS.INVALID_PARAMS);
  const existing = deps.calls.get(callId);
  if (existing && existing.state !== 'ended') throw new RpcFailure(RPC_ERRORS.INVALID_PARAMS);

  const callerId = str(dialog.caller_id_number) || undefined;
  const refusal = outboundRefusal(
    deps.accounts,
    session.credential.connectionId,
    destination,
    callerId,
  );
  const outcome = resolveDestination(deps.dialPlan, destination, deps.timings);
  const call: SimCall = newCallFields(session, {
    callId,
    direction: 'outbound',
    from: str(dialog.caller_id_number) || session.credential.sipUsername,
    to: destination,
    callerName: str(dialog.caller_id_name) ?? '',
    mediaMode: 'media' in outcome ? outcome.media : 'silence',
    clientState: str(dialog.clientState) ?? null,
    customHeaders: parseCustomHeaders(dialog.custom_headers),
  });
  const { calls } = deps;
  calls.add(call);
  calls.emit(call, 'call.initiated', { ...webhookBase(call), state: 'parked' });
  call.state = 'ringing';
  // ringing carries the Telnyx ids; the SDK records them without a state change
  // (docs/telnyx-protocol.md#outbound-invite).
  calls.after(call, 0, () => calls.send(call, 'telnyx_rtc.ringing', calls.telnyxIds(call)));
  if (refusal) {
    calls.after(call, deps.timings.ringMs, () => calls.end(call, refusal, 'callee', true));
    return { message: 'CALL CREATED', callID: callId };
  }

  switch (outcome.kind) {
    case 'busy':
      calls.after(call, outcome.afterMs, () => calls.end(call, 'USER_BUSY', 'callee', true));
      break;
    case 'reject':
      calls.after(call, outcome.afterMs, () => calls.end(call, 'CALL_REJECTED', 'callee', true));
      break;
    case 'no-answer':
      calls.after(call, outcome.timeoutMs, () => calls.end(call, 'NO_ANSWER', 'callee', true));
      break;
    case 'answer': {
      const media = calls.answerMedia(call, sdp, outcome.media);
      calls.after(call, outcome.ringMs, async () => {
        const answerSdp = await media;
        if (!answerSdp) return calls.end(call, 'NORMAL_TEMPORARY_FAILURE', 'unknown', true);
        calls.send(call, 'telnyx_rtc.answer', { sdp: answerSdp, ...calls.telnyxIds(call) });
        calls.setState(call, 'active');
        if (outcome.hangupAfterMs !== undefined) {
          calls.after(call, outcome.hangupAfterMs, () =>
            calls.end(call, 'NORMAL_CLEARING', 'callee', true),
          );
        }
      });
      break;
    }
    case 'early-media': {
      const media = calls.answerMedia(call, sdp, outcome.media);
      calls.after(call, outcome.earlyMs, async () => {
        const answerSdp = await media;
        if (!answerSdp) return calls.end(call, 'NORMAL_TEMPORARY_FAILURE', 'unknown', true);
        // `media` carries the SDP; the later `answer` has none (captured in wire/early_trickle.txt).
        calls.send(call, 'telnyx_rtc.media', { sdp: answerSdp });
        calls.setState(call, 'early');
        calls.after(call, outcome.answerAfterMs, () => {
          calls.send(call, 'telnyx_rtc.answer', calls.telnyxIds(call));
          calls.setState(call, 'active');
        });
      });
      break;
    }
  }
  return { message: 'CALL CREATED', callID: callId };
}
