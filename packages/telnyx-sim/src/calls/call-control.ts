// Call Control: the REST commands an application sends about calls (dial, answer, bridge, speak,
// hangup) and the webhooks they cause, for calls from the simulated PSTN to a number assigned to a
// Call Control application and for the legs the application dials to agents' SIP addresses
// (docs/telnyx-protocol.md#inbound-routing).
import type { Accounts, WebhookEmitter } from '../accounts/types.js';
import type { EventLog } from '../event-log.js';
import type { SessionRegistry } from '../gateway/session.js';
import { isLive, newCallIds, type SimCall } from './call.js';
import type { CallManager } from './call-manager.js';
import { ringInbound } from './inbound.js';
import { newPstnLeg, pstnBase, pstnView, type PstnLeg } from './pstn-leg.js';

export interface CommandError {
  status: number;
  code: string;
  title: string;
  detail: string;
}
export type CommandResult<T> = { ok: true; value: T } | { ok: false; error: CommandError };

export interface DialInput {
  connectionId: string;
  to: string;
  from: string;
  timeoutSecs: number;
  clientState: string | null;
}

export interface CallIds {
  callControlId: string;
  callLegId: string;
  callSessionId: string;
}

/** What the REST side needs (`/v2/calls`, `/v2/calls/{id}/actions/*`). */
export interface CallControlPort {
  dial(input: DialInput): Promise<CommandResult<CallIds>>;
  answer(callControlId: string, clientState: string | null): CommandResult<null>;
  bridge(callControlId: string, other: string, clientState: string | null): CommandResult<null>;
  speak(callControlId: string, payload: string, clientState: string | null): CommandResult<null>;
  hangup(callControlId: string, clientState: string | null): CommandResult<null>;
}

export interface CallControlDeps {
  accounts: Accounts;
  webhooks: WebhookEmitter;
  calls: CallManager;
  sessions: SessionRegistry;
  events: EventLog;
}

const ok = <T>(value: T): CommandResult<T> => ({ ok: true, value });
const refuse = (status: number, code: string, title: string, detail: string) =>
  ({ ok: false, error: { status, code, title, detail } }) as const;
const ended = () =>
  refuse(422, '90018', 'Call has already ended', 'This call is no longer active.');
const unknown = () =>
  refuse(404, '10005', 'Resource not found', 'No call has this call_control_id.');

/** `sip:<user>@sip.telnyx.com` → `<user>`; anything else is not an agent's address. */
export function sipUserOf(to: string): string | undefined {
  return /^sips?:([^@;\s]+)@sip\.telnyx\.com$/i.exec(to)?.[1];
}

/** Text-to-speech takes time: long enough for a test to see it, short enough to stay fast. */
const speakMs = (payload: string) => Math.min(3000, 150 + 15 * payload.split(/\s+/).length);

export class CallControl implements CallControlPort {
  private readonly pstn = new Map<string, PstnLeg>();
  private readonly bridges = new Map<string, string>();

  constructor(private readonly d: CallControlDeps) {
    d.calls.onEnded((call) => this.legEnded(call.callControlId, 'callee'));
  }

  /** A caller on the PSTN dials a number assigned to this application (control API). */
  arrive(applicationId: string, from: string, to: string): PstnLeg {
    const leg = newPstnLeg(applicationId, from, to);
    this.pstn.set(leg.callControlId, leg);
    this.d.events.add('pstn.initiated', { callControlId: leg.callControlId, from, to });
    this.emit(leg, 'call.initiated', { state: 'parked' });
    return leg;
  }

  /** The PSTN caller hangs up (control API). */
  callerHangup(callControlId: string): CommandResult<null> {
    const leg = this.pstn.get(callControlId);
    if (!leg) return unknown();
    if (leg.state === 'ended') return ended();
    this.endPstn(leg, leg.answeredAt ? 'normal_clearing' : 'originator_cancel', 'caller');
    return ok(null);
  }

  view(callControlId: string): Record<string, unknown> | undefined {
    const leg = this.pstn.get(callControlId);
    return leg && pstnView(leg, this.bridges.get(callControlId) ?? null);
  }

  async dial(input: DialInput): Promise<CommandResult<CallIds>> {
    const user = sipUserOf(input.to);
    if (!user) {
      return refuse(
        422,
        '10015',
        'Bad Request',
        'telnyx-sim dials only SIP addresses of this account (sip:<sip_username>@sip.telnyx.com).',
      );
    }
    const ids = newCallIds();
    const credential = this.d.accounts.credentialBySipUsername(user);
    const connection = credential && this.d.accounts.connectionById(credential.connectionId);
    const session =
      credential && credential.status === 'active'
        ? this.d.sessions.newestRegistered(new Set([credential.id]))
        : undefined;
    // SIP URI calls to a credential connection need `sip_uri_calling_preference` other than
    // `disabled` (docs/telnyx-protocol.md#inbound-routing); an unknown user is 404, nobody
    // registered is 480 (SIP RG1).
    const failure = !credential
      ? { cause: 'not_found', sip: '404' }
      : connection?.active !== true || connectionRefusesSipUri(connection)
        ? { cause: 'call_rejected', sip: '403' }
        : !session
          ? { cause: 'unspecified', sip: '480' }
          : undefined;
    if (failure || !session) {
      const f = failure ?? { cause: 'unspecified', sip: '480' };
      this.failDial(input, ids, f.cause, f.sip);
      return ok(ids);
    }
    const call = await ringInbound(this.d.calls, session, {
      from: input.from,
      callerName: input.from,
      to: input.to,
      customHeaders: [],
      media: 'tone',
      clientState: input.clientState,
      ringTimeoutMs: input.timeoutSecs * 1000,
      control: { ...ids, connectionId: input.connectionId },
    });
    this.d.events.add('control.dial', { ...ids, to: input.to, state: call.state });
    return ok(ids);
  }

  answer(callControlId: string, clientState: string | null): CommandResult<null> {
    const leg = this.pstn.get(callControlId);
    if (!leg) return this.d.calls.byControlId(callControlId) ? ok(null) : unknown();
    if (leg.state === 'ended') return ended();
    if (clientState !== null) leg.clientState = clientState;
    if (leg.state === 'parked') {
      leg.state = 'answered';
      leg.answeredAt = new Date().toISOString();
      this.emit(leg, 'call.answered', { state: 'answered' });
    }
    return ok(null);
  }

  bridge(callControlId: string, other: string, clientState: string | null): CommandResult<null> {
    if (callControlId === other) {
      return refuse(422, '10015', 'Bad Request', 'A call cannot be bridged with itself.');
    }
    const a = this.liveness(callControlId);
    const b = this.liveness(other);
    if (a === 'unknown' || b === 'unknown') return unknown();
    if (a === 'ended' || b === 'ended') return ended();
    if (a === 'unanswered' || b === 'unanswered') {
      return refuse(422, '90034', 'Call not answered', 'Both calls must be answered to bridge.');
    }
    this.setClientState(callControlId, clientState);
    this.bridges.set(callControlId, other);
    this.bridges.set(other, callControlId);
    this.emitAny(callControlId, 'call.bridged');
    this.emitAny(other, 'call.bridged');
    return ok(null);
  }

  speak(callControlId: string, payload: string, clientState: string | null): CommandResult<null> {
    const leg = this.pstn.get(callControlId);
    if (!leg) return unknown();
    if (leg.state === 'ended') return ended();
    // "inbound calls must be answered … before other commands run" (telnyx-voice skill caveats).
    if (leg.state !== 'answered') {
      return refuse(422, '90034', 'Call not answered', 'Answer the call before speaking.');
    }
    if (clientState !== null) leg.clientState = clientState;
    leg.spoken.push(payload);
    this.emit(leg, 'call.speak.started', {});
    const timer = setTimeout(() => {
      if (leg.state !== 'ended') this.emit(leg, 'call.speak.ended', { status: 'completed' });
    }, speakMs(payload));
    leg.timers.push(timer);
    return ok(null);
  }

  hangup(callControlId: string, clientState: string | null): CommandResult<null> {
    const leg = this.pstn.get(callControlId);
    if (leg) {
      if (leg.state === 'ended') return ended();
      if (clientState !== null) leg.clientState = clientState;
      this.endPstn(leg, 'normal_clearing', 'callee');
      return ok(null);
    }
    const call = this.d.calls.byControlId(callControlId);
    if (!call) return unknown();
    if (!isLive(call)) return ended();
    if (clientState !== null) call.clientState = clientState;
    this.d.calls.end(
      call,
      call.answeredAt ? 'NORMAL_CLEARING' : 'ORIGINATOR_CANCEL',
      'caller',
      true,
    );
    return ok(null);
  }

  closeAll(): void {
    for (const leg of this.pstn.values()) for (const t of leg.timers) clearTimeout(t);
  }

  private liveness(id: string): 'unknown' | 'ended' | 'unanswered' | 'answered' {
    const leg = this.pstn.get(id);
    if (leg) return leg.state === 'ended' ? 'ended' : leg.answeredAt ? 'answered' : 'unanswered';
    const call = this.d.calls.byControlId(id);
    if (!call) return 'unknown';
    if (!isLive(call)) return 'ended';
    return call.answeredAt ? 'answered' : 'unanswered';
  }

  private setClientState(id: string, clientState: string | null): void {
    if (clientState === null) return;
    const target = this.pstn.get(id) ?? this.d.calls.byControlId(id);
    if (target) target.clientState = clientState;
  }

  private emitAny(id: string, type: 'call.bridged'): void {
    const leg = this.pstn.get(id);
    if (leg) return this.emit(leg, type, {});
    const call = this.d.calls.byControlId(id);
    if (call) this.d.calls.emit(call, type, sipLegBase(call));
  }

  /** A dial that cannot ring anyone still gets its call.hangup, as Telnyx sends it later. */
  private failDial(input: DialInput, ids: CallIds, cause: string, sip: string): void {
    const base = {
      call_control_id: ids.callControlId,
      call_leg_id: ids.callLegId,
      call_session_id: ids.callSessionId,
      connection_id: input.connectionId,
      client_state: input.clientState,
      direction: 'outgoing',
      from: input.from,
      to: input.to,
      start_time: new Date().toISOString(),
    };
    this.d.events.add('control.dial', { ...ids, to: input.to, failed: sip });
    setTimeout(() => {
      this.d.webhooks.emit(input.connectionId, 'call.initiated', { ...base, state: 'bridging' });
      this.d.webhooks.emit(input.connectionId, 'call.hangup', {
        ...base,
        state: 'hangup',
        hangup_cause: cause,
        hangup_source: 'callee',
        sip_hangup_cause: sip,
        end_time: new Date().toISOString(),
      });
    }, 50).unref();
  }

  private endPstn(leg: PstnLeg, cause: string, source: 'caller' | 'callee'): void {
    for (const t of leg.timers) clearTimeout(t);
    leg.timers = [];
    leg.state = 'ended';
    leg.endedAt = new Date().toISOString();
    leg.hangup = { cause, sipCode: cause === 'normal_clearing' ? '200' : '487', source };
    this.emit(leg, 'call.hangup', {
      state: 'hangup',
      hangup_cause: cause,
      hangup_source: source,
      sip_hangup_cause: leg.hangup.sipCode,
      end_time: leg.endedAt,
    });
    this.legEnded(leg.callControlId, source);
  }

  /** One side of a bridge ended: Telnyx hangs up the other (no `park_after_unbridge`). */
  private legEnded(callControlId: string, source: 'caller' | 'callee'): void {
    const other = this.bridges.get(callControlId);
    if (other === undefined) return;
    this.bridges.delete(callControlId);
    this.bridges.delete(other);
    const leg = this.pstn.get(other);
    if (leg && leg.state !== 'ended') return this.endPstn(leg, 'normal_clearing', source);
    const call = this.d.calls.byControlId(other);
    if (call && isLive(call)) this.d.calls.end(call, 'NORMAL_CLEARING', 'caller', true);
  }

  private emit(leg: PstnLeg, type: Parameters<WebhookEmitter['emit']>[1], extra: object): void {
    try {
      this.d.webhooks.emit(leg.connectionId, type, { ...pstnBase(leg), ...extra });
    } catch (error) {
      this.d.events.add('webhook.error', {
        callControlId: leg.callControlId,
        error: String(error),
      });
    }
  }
}

function connectionRefusesSipUri(connection: object): boolean {
  return (
    'sipUriCallingPreference' in connection && connection.sipUriCallingPreference === 'disabled'
  );
}

function sipLegBase(call: SimCall): Record<string, unknown> {
  return {
    call_control_id: call.callControlId,
    call_leg_id: call.callLegId,
    call_session_id: call.callSessionId,
    connection_id: call.connectionId,
    client_state: call.clientState,
    direction: 'outgoing',
    from: call.from,
    to: call.to,
  };
}
