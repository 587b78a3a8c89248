// A call from the (simulated) PSTN to a number assigned to a Call Control application. It has no
// Verto session: the application drives it with REST commands and hears about it by webhook
// (docs/telnyx-protocol.md#inbound-routing).
import { newCallIds } from './call.js';

export interface PstnLeg {
  callControlId: string;
  callLegId: string;
  callSessionId: string;
  /** The Call Control application the number is assigned to. */
  connectionId: string;
  from: string;
  to: string;
  state: 'parked' | 'answered' | 'ended';
  clientState: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** Every `speak` payload, in order, so tests can check what the caller heard. */
  spoken: string[];
  hangup: { cause: string; sipCode: string; source: 'caller' | 'callee' | 'unknown' } | null;
  timers: NodeJS.Timeout[];
}

export function newPstnLeg(connectionId: string, from: string, to: string): PstnLeg {
  return {
    ...newCallIds(),
    connectionId,
    from,
    to,
    state: 'parked',
    clientState: null,
    startedAt: new Date().toISOString(),
    answeredAt: null,
    endedAt: null,
    spoken: [],
    hangup: null,
    timers: [],
  };
}

/** Fields common to every webhook about this leg; Telnyx calls a call to the account `incoming`. */
export function pstnBase(leg: PstnLeg): Record<string, unknown> {
  return {
    call_control_id: leg.callControlId,
    call_leg_id: leg.callLegId,
    call_session_id: leg.callSessionId,
    connection_id: leg.connectionId,
    client_state: leg.clientState,
    direction: 'incoming',
    from: leg.from,
    to: leg.to,
    start_time: leg.startedAt,
  };
}

export function pstnView(leg: PstnLeg, bridgedWith: string | null): Record<string, unknown> {
  return {
    callControlId: leg.callControlId,
    callSessionId: leg.callSessionId,
    connectionId: leg.connectionId,
    from: leg.from,
    to: leg.to,
    state: leg.state,
    clientState: leg.clientState,
    answeredAt: leg.answeredAt,
    endedAt: leg.endedAt,
    spoken: [...leg.spoken],
    hangup: leg.hangup,
    bridgedWith,
  };
}
