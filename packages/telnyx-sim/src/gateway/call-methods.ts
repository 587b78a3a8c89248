// Client requests about an existing call (docs/telnyx-protocol.md#hangup,
// docs/telnyx-protocol.md#inbound-invite, docs/telnyx-protocol.md#reattach): answer, attach, bye,
// modify (hold/unhold/updateMedia), info (DTMF), candidate and endOfCandidates.
import type { SimCall } from '../calls/call.js';
import { isLive } from '../calls/call.js';
import type { CallManager } from '../calls/call-manager.js';
import { HANGUP_CAUSES, type HangupCause } from '../calls/dial-plan.js';
import { dialogOf } from '../calls/outbound.js';
import { RpcFailure, RPC_ERRORS, str, type Json } from './rpc.js';
import type { VertoSession } from './session.js';

function callFor(calls: CallManager, session: VertoSession, params: Json): SimCall {
  const callId = str(dialogOf(params).callID) ?? str(params.callID);
  const call = callId ? calls.get(callId) : undefined;
  // A session may only touch its own calls; anything else "does not exist" (mod_verto -32002).
  if (!call || call.session !== session || !isLive(call)) {
    throw new RpcFailure(RPC_ERRORS.CALL_DOES_NOT_EXIST);
  }
  return call;
}

/**
 * `telnyx_rtc.answer` from the client: the agent answered an inbound call
 * (docs/telnyx-protocol.md#inbound-invite).
 */
export async function answerInbound(calls: CallManager, session: VertoSession, params: Json) {
  const call = callFor(calls, session, params);
  const sdp = str(params.sdp);
  if (!sdp || call.direction !== 'inbound') throw new RpcFailure(RPC_ERRORS.INVALID_PARAMS);
  await acceptAnswer(call, sdp);
  calls.setState(call, 'active');
  return { message: 'CALL ANSWERED', callID: call.callId };
}

/**
 * `telnyx_rtc.attach` request: the client's answer to our reattach offer
 * (docs/telnyx-protocol.md#reattach).
 */
export async function attachAnswer(calls: CallManager, session: VertoSession, params: Json) {
  const call = callFor(calls, session, params);
  const sdp = str(params.sdp);
  if (!sdp) throw new RpcFailure(RPC_ERRORS.INVALID_PARAMS);
  await acceptAnswer(call, sdp);
  return { message: 'CALL ATTACHED', callID: call.callId };
}

async function acceptAnswer(call: SimCall, sdp: string): Promise<void> {
  await call.mediaReady;
  if (!call.media) throw new RpcFailure({ code: -32002, message: 'NO MEDIA FOR CALL' });
  await call.media.acceptAnswer(sdp);
}

/**
 * `telnyx_rtc.bye` from the client, with its own cause (USER_BUSY to decline;
 * docs/telnyx-protocol.md#hangup).
 */
export function byeFromClient(calls: CallManager, session: VertoSession, params: Json) {
  const call = callFor(calls, session, params);
  const cause = str(params.cause) ?? 'NORMAL_CLEARING';
  const causeCode = typeof params.causeCode === 'number' ? params.causeCode : 16;
  // The SDK sends only the Q.850 cause; the SIP response Telnyx gives the other side follows
  // from it (USER_BUSY → 486), as a decline reaches a Call Control app as 486 / user_busy.
  const known =
    cause === 'NORMAL_CLEARING'
      ? undefined
      : (HANGUP_CAUSES as Record<string, HangupCause | undefined>)[cause];
  const sipCode = typeof params.sipCode === 'number' ? params.sipCode : (known?.sipCode ?? null);
  const sipReason = str(params.sipReason) ?? known?.sipReason ?? null;
  // The agent hung up: for an outbound call the agent is the caller, for an inbound one the callee.
  const source = call.direction === 'outbound' ? 'caller' : 'callee';
  // The SDK cancels an unanswered outbound call with USER_BUSY/17 (docs/telnyx-protocol.md#hangup);
  // to the rest of the world (webhooks) that is the originator cancelling.
  if (call.direction === 'outbound' && !call.answeredAt) {
    calls.end(call, 'ORIGINATOR_CANCEL', source, false);
  } else {
    calls.end(call, { cause, causeCode, sipCode, sipReason }, source, false);
  }
  return { callID: call.callId, message: 'CALL ENDED', causeCode, cause };
}

/**
 * `telnyx_rtc.modify`: the result must carry `holdState` (or `sdp` for updateMedia;
 * docs/telnyx-protocol.md#hold).
 */
export async function modify(calls: CallManager, session: VertoSession, params: Json) {
  const call = callFor(calls, session, params);
  const action = str(params.action);
  const held = call.state === 'held';
  switch (action) {
    case 'hold':
    case 'unhold':
    case 'toggleHold': {
      const hold = action === 'hold' || (action === 'toggleHold' && !held);
      calls.setState(call, hold ? 'held' : 'active');
      return { callID: call.callId, action, holdState: hold ? 'held' : 'active' };
    }
    case 'updateMedia': {
      const sdp = str(params.sdp);
      if (!sdp) throw new RpcFailure(RPC_ERRORS.INVALID_PARAMS);
      const answer = await calls.answerMedia(call, sdp, call.mediaMode);
      if (!answer) throw new RpcFailure({ code: -32002, message: 'MEDIA UPDATE FAILED' });
      return { callID: call.callId, action, sdp: answer };
    }
    default:
      throw new RpcFailure(RPC_ERRORS.INVALID_PARAMS);
  }
}

/**
 * `telnyx_rtc.info`: DTMF travels as signalling, one digit string per message
 * (docs/telnyx-protocol.md#dtmf).
 */
export function info(calls: CallManager, session: VertoSession, params: Json) {
  const dtmf = str(params.dtmf);
  if (dtmf !== undefined) {
    const call = callFor(calls, session, params);
    for (const digit of dtmf) calls.recordDtmf(call, digit);
  }
  return { message: 'SENT' };
}

/**
 * Trickle ICE (`telnyx_rtc.candidate`); queued until the media leg exists
 * (docs/telnyx-protocol.md#outbound-invite).
 */
export function candidate(calls: CallManager, session: VertoSession, params: Json) {
  const call = callFor(calls, session, params);
  const line = str(params.candidate);
  if (!line) throw new RpcFailure(RPC_ERRORS.INVALID_PARAMS);
  const init = {
    candidate: line,
    sdpMid: str(params.sdpMid),
    sdpMLineIndex: typeof params.sdpMLineIndex === 'number' ? params.sdpMLineIndex : undefined,
  };
  if (call.media) call.media.addCandidate(init).catch(() => undefined);
  else call.pendingCandidates.push(init);
  return { message: 'OK' };
}
