// Inbound calls rung by the control API (docs/telnyx-protocol.md#inbound-invite), and the reattach
// of a session's calls after its socket reconnects (docs/telnyx-protocol.md#reattach).
import { randomUUID } from 'node:crypto';
import type { VertoSession } from '../gateway/session.js';
import type { MediaMode } from '../media/media-leg.js';
import { newCallFields, type CustomHeader, type SimCall } from './call.js';
import type { CallManager } from './call-manager.js';
import { webhookBase } from './call.js';

export interface InboundRequest {
  from: string;
  callerName: string;
  to: string;
  customHeaders: CustomHeader[];
  media: MediaMode;
  clientState: string | null;
  /** The caller gives up (ORIGINATOR_CANCEL) if the agent neither answers nor declines in time. */
  ringTimeoutMs: number;
  /** A leg dialled by Call Control: its ids and application, and `timeout` when the ring ends. */
  control?: Pick<SimCall, 'callControlId' | 'callLegId' | 'callSessionId' | 'connectionId'>;
}

export async function ringInbound(
  calls: CallManager,
  session: VertoSession,
  request: InboundRequest,
): Promise<SimCall> {
  const call = newCallFields(session, {
    callId: randomUUID(),
    direction: 'inbound',
    from: request.from,
    to: request.to,
    callerName: request.callerName,
    mediaMode: request.media,
    clientState: request.clientState,
    customHeaders: request.customHeaders,
  });
  if (request.control) Object.assign(call, request.control);
  calls.add(call);
  calls.emit(call, 'call.initiated', { ...webhookBase(call), state: 'parked' });
  const sdp = await calls.offerMedia(call);
  if (!sdp) {
    calls.end(call, 'NORMAL_TEMPORARY_FAILURE', 'unknown', false);
    return call;
  }
  call.inviteSdp = sdp;
  call.state = 'ringing';
  sendInvite(calls, call);
  calls.after(call, request.ringTimeoutMs, () => {
    // Call Control reports a dial's ring timeout as `timeout` (dial `timeout_secs`).
    if (request.control) call.webhookHangupCause = 'timeout';
    calls.end(call, 'ORIGINATOR_CANCEL', 'caller', true);
  });
  return call;
}

function sendInvite(calls: CallManager, call: SimCall): void {
  calls.send(call, 'telnyx_rtc.invite', {
    sdp: call.inviteSdp,
    caller_id_name: call.callerName,
    caller_id_number: call.from,
    callee_id_name: 'Outbound Call',
    callee_id_number: call.session.credential.sipUsername,
    display_direction: 'outbound',
    ...calls.telnyxIds(call),
    client_state: call.clientState ?? undefined,
    dialogParams: { custom_headers: call.customHeaders },
  });
}

/** Call ids to list in `clientReady.reattached_sessions` for a session that (re)logged in. */
export function reattachableCalls(calls: CallManager, session: VertoSession): SimCall[] {
  return calls.liveCallsOf(session);
}

/**
 * Re-offers each pending call on the session's new socket: a new werift offer in
 * `telnyx_rtc.attach` (the client answers with an attach request), or — for an inbound call still
 * ringing — the original invite again.
 */
export async function flushReattach(calls: CallManager, session: VertoSession): Promise<void> {
  const ids = [...session.pendingAttach];
  session.pendingAttach.clear();
  for (const id of ids) {
    const call = calls.get(id);
    if (!call || call.session !== session || call.state === 'ended') continue;
    if (call.direction === 'inbound' && call.state === 'ringing') {
      sendInvite(calls, call);
      continue;
    }
    if (call.state !== 'active' && call.state !== 'held' && call.state !== 'early') continue;
    const sdp = await calls.offerMedia(call);
    if (!sdp) {
      calls.end(call, 'NORMAL_TEMPORARY_FAILURE', 'unknown', true);
      continue;
    }
    const outbound = call.direction === 'outbound';
    calls.send(call, 'telnyx_rtc.attach', {
      sdp,
      caller_id_name: outbound ? 'Outbound Call' : call.callerName,
      caller_id_number: outbound ? '' : call.from,
      callee_id_name: '',
      callee_id_number: outbound ? call.to : session.credential.sipUsername,
      display_direction: 'inbound',
      ...calls.telnyxIds(call),
    });
  }
}
