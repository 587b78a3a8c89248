// A call as the sim tracks it, and the Call Control webhook payloads derived from it
// (docs/telnyx-protocol.md#webhook-events). The Verto `telnyx_call_control_id` and the webhook
// `call_control_id` are the same value, and the invite's `dialogParams.clientState` becomes
// `client_state`.
import { randomBytes, randomUUID } from 'node:crypto';
import type { MediaLeg, MediaMode, RtpCounters } from '../media/media-leg.js';
import { emptyCounters } from '../media/media-leg.js';
import type { VertoSession } from '../gateway/session.js';

export type CallState = 'new' | 'ringing' | 'early' | 'active' | 'held' | 'ended';
export type HangupSource = 'caller' | 'callee' | 'unknown';

/**
 * How a call ended, as sent in `telnyx_rtc.bye` (docs/telnyx-protocol.md#hangup-causes) and the
 * hangup webhook.
 */
export interface HangupInfo {
  cause: string;
  causeCode: number;
  sipCode: number | null;
  sipReason: string | null;
  source: HangupSource;
}

export interface CustomHeader {
  name: string;
  value: string;
}

export interface SimCall {
  callId: string;
  /** From the agent's side: `outbound` = dialled by the SDK, `inbound` = rung by the sim. */
  direction: 'outbound' | 'inbound';
  state: CallState;
  session: VertoSession;
  credentialId: string;
  connectionId: string;
  from: string;
  to: string;
  callerName: string;
  clientState: string | null;
  customHeaders: CustomHeader[];
  callControlId: string;
  callSessionId: string;
  callLegId: string;
  mediaMode: MediaMode;
  media: MediaLeg | null;
  /** Our local SDP once the media leg is built (null if building it failed). */
  mediaReady: Promise<string | null> | null;
  counters: RtpCounters;
  mediaStopped: boolean;
  dtmf: string[];
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  hangup: HangupInfo | null;
  timers: NodeJS.Timeout[];
  /** Trickle candidates that arrived before the media leg existed. */
  pendingCandidates: { candidate: string; sdpMid?: string; sdpMLineIndex?: number }[];
  /** The offer SDP of an inbound call, re-sent if the agent reconnects while it rings. */
  inviteSdp: string | null;
  /** Call Control's name for how it ended when it differs from the SIP cause (dial `timeout`). */
  webhookHangupCause?: string;
}

export function newCallIds(): Pick<SimCall, 'callControlId' | 'callSessionId' | 'callLegId'> {
  return {
    callControlId: `v3:${randomBytes(16).toString('base64url')}`,
    callSessionId: randomUUID(),
    callLegId: randomUUID(),
  };
}

export function newCallFields(
  session: VertoSession,
  fields: Pick<SimCall, 'callId' | 'direction' | 'from' | 'to' | 'callerName' | 'mediaMode'> &
    Partial<Pick<SimCall, 'clientState' | 'customHeaders'>>,
): SimCall {
  return {
    clientState: null,
    customHeaders: [],
    ...fields,
    state: 'new',
    session,
    credentialId: session.credential.id,
    connectionId: session.credential.connectionId,
    ...newCallIds(),
    media: null,
    mediaReady: null,
    counters: emptyCounters(),
    mediaStopped: false,
    dtmf: [],
    startedAt: new Date().toISOString(),
    answeredAt: null,
    endedAt: null,
    hangup: null,
    timers: [],
    pendingCandidates: [],
    inviteSdp: null,
  };
}

export const isLive = (call: SimCall) => call.state !== 'ended';

/** Fields common to every call.* webhook payload. */
export function webhookBase(call: SimCall): Record<string, unknown> {
  return {
    call_control_id: call.callControlId,
    call_leg_id: call.callLegId,
    call_session_id: call.callSessionId,
    connection_id: call.connectionId,
    client_state: call.clientState,
    custom_headers: call.customHeaders,
    // Telnyx's point of view (docs/telnyx-protocol.md#webhook-events, a guess): an SDK-dialled leg
    // comes *in* to Telnyx.
    direction: call.direction === 'outbound' ? 'incoming' : 'outgoing',
    from: call.from,
    to: call.to,
    caller_id_name: call.callerName,
    start_time: call.startedAt,
  };
}

const HANGUP_CAUSE_WEBHOOK: Record<string, string> = {
  NORMAL_CLEARING: 'normal_clearing',
  NORMAL_TEMPORARY_FAILURE: 'unspecified',
  USER_BUSY: 'user_busy',
  NO_ANSWER: 'no_answer',
  CALL_REJECTED: 'call_rejected',
  ORIGINATOR_CANCEL: 'originator_cancel',
};

export function hangupPayload(call: SimCall): Record<string, unknown> {
  const h = call.hangup;
  return {
    ...webhookBase(call),
    state: 'hangup',
    end_time: call.endedAt,
    hangup_cause: call.webhookHangupCause ?? (h && HANGUP_CAUSE_WEBHOOK[h.cause]) ?? 'unspecified',
    hangup_source: h?.source ?? 'unknown',
    sip_hangup_cause: h?.sipCode ? String(h.sipCode) : 'unspecified',
    // Telnyx sends these as strings (docs/telnyx-protocol.md#webhook-events); counts come from the
    // sim's own RTP counters.
    call_quality_stats: {
      inbound: {
        packet_count: String(call.counters.packetsIn),
        skip_packet_count: '0',
        jitter_packet_count: '0',
        jitter_max_variance: '0.00',
        mos: call.counters.packetsIn > 0 ? '4.50' : '0.00',
      },
      outbound: { packet_count: String(call.counters.packetsOut), skip_packet_count: '0' },
    },
  };
}

/** The call as GET /sim/state shows it. */
export function callView(call: SimCall): Record<string, unknown> {
  return {
    callId: call.callId,
    direction: call.direction,
    state: call.state,
    sessid: call.session.sessid,
    credentialId: call.credentialId,
    connectionId: call.connectionId,
    from: call.from,
    to: call.to,
    callerName: call.callerName,
    clientState: call.clientState,
    customHeaders: call.customHeaders,
    callControlId: call.callControlId,
    callSessionId: call.callSessionId,
    callLegId: call.callLegId,
    mediaMode: call.mediaMode,
    mediaState: call.media?.connectionState ?? null,
    mediaStopped: call.mediaStopped,
    rtp: { ...call.counters },
    dtmf: call.dtmf.join(''),
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    hangup: call.hangup,
  };
}
