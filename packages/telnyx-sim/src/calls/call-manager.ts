// The registry and lifecycle of every call: state changes, server-side BYE, media legs, webhooks
// and the event log. Verto request handlers (gateway/call-methods.ts) and the control API drive it.
import type { Accounts, CallEventType, WebhookEmitter } from '../accounts/types.js';
import type { EventLog } from '../event-log.js';
import type { Json } from '../gateway/rpc.js';
import type { VertoSession } from '../gateway/session.js';
import { MediaLeg, type MediaMode } from '../media/media-leg.js';
import {
  callView,
  hangupPayload,
  isLive,
  webhookBase,
  type HangupInfo,
  type HangupSource,
  type SimCall,
} from './call.js';
import { HANGUP_CAUSES, type HangupCauseName } from './dial-plan.js';

const MAX_CALLS = 1000;

export interface CallManagerDeps {
  accounts: Accounts;
  webhooks: WebhookEmitter;
  events: EventLog;
  mediaHost: string;
}

export class CallManager {
  private readonly calls = new Map<string, SimCall>();
  private readonly endedListeners = new Set<(call: SimCall) => void>();

  constructor(private readonly deps: CallManagerDeps) {}

  get(callId: string): SimCall | undefined {
    return this.calls.get(callId);
  }

  /** The call with this Call Control id (the same id the SDK sees as `telnyx_call_control_id`). */
  byControlId(callControlId: string): SimCall | undefined {
    return this.all().find((c) => c.callControlId === callControlId);
  }

  /** Called once per call, after its hangup webhook is queued (Call Control reacts to it). */
  onEnded(listener: (call: SimCall) => void): void {
    this.endedListeners.add(listener);
  }

  all(): SimCall[] {
    return [...this.calls.values()];
  }

  liveCallsOf(session: VertoSession): SimCall[] {
    return this.all().filter((c) => c.session === session && isLive(c));
  }

  add(call: SimCall): void {
    this.calls.set(call.callId, call);
    this.pruneEnded();
    this.deps.events.add('call.created', {
      callId: call.callId,
      direction: call.direction,
      from: call.from,
      to: call.to,
      sessid: call.session.sessid,
    });
  }

  /** A timer owned by the call: cleared when it ends; errors are logged, never thrown. */
  after(call: SimCall, ms: number, fn: () => void | Promise<void>): void {
    const timer = setTimeout(() => {
      if (!isLive(call)) return;
      Promise.resolve()
        .then(fn)
        .catch((error: unknown) => this.fail(call, error));
    }, ms);
    call.timers.push(timer);
  }

  /** Sends a server request about the call to its session's current socket, if any. */
  send(call: SimCall, method: string, params: Json): void {
    const socket = call.session.socket;
    if (socket?.open) socket.request(method, { callID: call.callId, ...params });
  }

  telnyxIds(call: SimCall): Json {
    return {
      telnyx_call_control_id: call.callControlId,
      telnyx_session_id: call.callSessionId,
      telnyx_leg_id: call.callLegId,
    };
  }

  setState(call: SimCall, state: SimCall['state']): void {
    if (!isLive(call)) return;
    const previous = call.state;
    call.state = state;
    if (state === 'active' && !call.answeredAt) {
      call.answeredAt = new Date().toISOString();
      this.emit(call, 'call.answered', { ...webhookBase(call), state: 'answered' });
    }
    if (call.media) call.media.paused = state === 'held';
    if (state === 'held' && previous !== 'held') this.emit(call, 'call.hold', webhookBase(call));
    if (previous === 'held' && state === 'active') {
      this.emit(call, 'call.unhold', webhookBase(call));
    }
    this.deps.events.add('call.state', { callId: call.callId, from: previous, to: state });
  }

  recordDtmf(call: SimCall, digit: string): void {
    call.dtmf.push(digit);
    this.deps.events.add('call.dtmf', { callId: call.callId, digit });
    this.emit(call, 'call.dtmf.received', { ...webhookBase(call), digit });
  }

  /** Builds the answering leg for a browser offer; resolves to our answer SDP. */
  answerMedia(call: SimCall, offerSdp: string, mode: MediaMode): Promise<string | null> {
    return this.buildMedia(call, MediaLeg.answer(offerSdp, this.legOptions(call, mode)));
  }

  /** Builds an offering leg (inbound call, reattach); resolves to our offer SDP. */
  offerMedia(call: SimCall): Promise<string | null> {
    return this.buildMedia(call, MediaLeg.offer(this.legOptions(call, call.mediaMode)));
  }

  /**
   * Ends a call once. `notify` sends `telnyx_rtc.bye` with cause, causeCode, sipCode and sipReason
   * (docs/telnyx-protocol.md#hangup-causes); a BYE from the client itself is not echoed back.
   */
  end(
    call: SimCall,
    cause: HangupCauseName | Omit<HangupInfo, 'source'>,
    source: HangupSource,
    notify: boolean,
  ): void {
    if (!isLive(call)) return;
    const info = typeof cause === 'string' ? HANGUP_CAUSES[cause] : cause;
    for (const timer of call.timers) clearTimeout(timer);
    call.timers = [];
    call.state = 'ended';
    call.endedAt = new Date().toISOString();
    call.hangup = { ...info, source };
    if (notify) {
      this.send(call, 'telnyx_rtc.bye', {
        cause: info.cause,
        causeCode: info.causeCode,
        sipCode: info.sipCode,
        sipReason: info.sipReason,
      });
    }
    call.media?.close();
    call.media = null;
    call.session.pendingAttach.delete(call.callId);
    this.deps.events.add('call.ended', { callId: call.callId, ...call.hangup, rtp: call.counters });
    this.emit(call, 'call.hangup', hangupPayload(call));
    for (const listener of this.endedListeners) {
      try {
        listener(call);
      } catch (error) {
        this.deps.events.add('call.error', { callId: call.callId, error: String(error) });
      }
    }
  }

  /** The "stop media" fault: the sim stops sending RTP on this call. */
  stopMedia(call: SimCall): void {
    call.mediaStopped = true;
    if (call.media) call.media.stopped = true;
    this.deps.events.add('fault.stop-media', { callId: call.callId });
  }

  view(call: SimCall): Record<string, unknown> {
    return callView(call);
  }

  closeAll(): void {
    for (const call of this.calls.values()) {
      for (const timer of call.timers) clearTimeout(timer);
      call.media?.close();
    }
  }

  emit(call: SimCall, type: CallEventType, payload: Record<string, unknown>): void {
    try {
      this.deps.webhooks.emit(call.connectionId, type, payload);
    } catch (error) {
      this.deps.events.add('webhook.error', { callId: call.callId, type, error: String(error) });
    }
  }

  /** Keeps the state API bounded in a long-running demo: old ended calls are forgotten. */
  private pruneEnded(): void {
    if (this.calls.size <= MAX_CALLS) return;
    for (const [id, call] of this.calls) {
      if (this.calls.size <= MAX_CALLS) break;
      if (!isLive(call)) this.calls.delete(id);
    }
  }

  private legOptions(call: SimCall, mode: MediaMode) {
    return { host: this.deps.mediaHost, mode, counters: call.counters };
  }

  private buildMedia(call: SimCall, building: Promise<[MediaLeg, string]>): Promise<string | null> {
    const ready = building.then(
      ([leg, sdp]) => {
        if (!isLive(call)) {
          leg.close();
          return null;
        }
        call.media?.close();
        call.media = leg;
        leg.stopped = call.mediaStopped;
        leg.paused = call.state === 'held';
        for (const candidate of call.pendingCandidates.splice(0)) {
          leg.addCandidate(candidate).catch(() => undefined);
        }
        return sdp;
      },
      (error: unknown) => {
        this.deps.events.add('media.error', { callId: call.callId, error: String(error) });
        return null;
      },
    );
    call.mediaReady = ready;
    return ready;
  }

  private fail(call: SimCall, error: unknown): void {
    this.deps.events.add('call.error', { callId: call.callId, error: String(error) });
    this.end(call, 'NORMAL_TEMPORARY_FAILURE', 'unknown', true);
  }
}
