import {
  applyCallEvent,
  E164Schema,
  isSdkFinalState,
  SdkCallStateSchema,
  type SdkCallState,
} from '@crokodialer/shared';
import { CallMediaMonitor } from './call-media-monitor.js';
import { clientStateOf, toCallLogEvent } from './call-log-event.js';
import { SDK_CODES } from './connection-state.js';
import { fail, type CommandResult, type DialRequest, type DialResult } from './commands.js';
import { destinationKind } from './dial-destination.js';
import type {
  CallLogSink,
  Clock,
  RtcCall,
  RtcCallSnapshot,
  RtcClient,
  RtcClientEvent,
} from './ports.js';
import type { TelephonyStore } from './telephony.store.js';
import { callView, newTrackedCall, phaseOf, type TrackedCall } from './tracked-call.js';

export interface CallControllerConfig {
  /** Our own number, for inbound call logs when the gateway names the SIP user instead. */
  agentNumber: string | undefined;
  qualityIntervalMs: number;
  poorMos: number;
  /** How often a live call's stats are read (quality, and media that stopped). */
  mediaPollMs: number;
  /** Inbound media stopped this long while it should flow: a likely dead path. */
  mediaStallMs: number;
}

export const DEFAULT_CALL_CONFIG: CallControllerConfig = {
  agentNumber: undefined,
  qualityIntervalMs: 2_000,
  poorMos: 3.5,
  mediaPollMs: 500,
  mediaStallMs: 1_000,
};

interface PendingOutbound {
  logId: string;
  destination: string;
  callerNumber: string;
}

export interface CallControllerDeps {
  store: TelephonyStore;
  sink: CallLogSink;
  clock: Clock;
  config?: Partial<CallControllerConfig> | undefined;
  /** Live call count changed (the supervisor tightens its heartbeat). */
  onLiveCallsChanged?: (() => void) | undefined;
  /** A connected call's inbound media stopped (the supervisor checks the connection at once). */
  onMediaStalled?: (() => void) | undefined;
  /** A call was answered: route it to the chosen devices. */
  onAnswered?: ((call: RtcCall) => Promise<void>) | undefined;
  /** Something the agent cannot act on but support may want (never secrets). */
  onDiagnostic?: ((message: string) => void) | undefined;
  newId?: (() => string) | undefined;
}

const DTMF = /^[0-9*#A-D]+$/;

/**
 * The calls: the agent's commands on them, and the SDK's updates mapped to the store and to
 * call-log events. Its calls are its own; the engine and the UI see them only through the store.
 */
export class CallController {
  private readonly calls = new Map<string, TrackedCall>();
  private readonly config: CallControllerConfig;
  private readonly media: CallMediaMonitor;
  private readonly newId: () => string;
  private pending: PendingOutbound | undefined;

  constructor(private readonly deps: CallControllerDeps) {
    this.config = { ...DEFAULT_CALL_CONFIG, ...deps.config };
    const { qualityIntervalMs, poorMos, mediaPollMs, mediaStallMs } = this.config;
    this.media = new CallMediaMonitor({
      clock: deps.clock,
      config: { pollMs: mediaPollMs, qualityIntervalMs, poorMos, stallMs: mediaStallMs },
      onQuality: (callId, quality) => {
        const t = this.calls.get(callId);
        if (t?.phase !== 'active') return;
        t.quality = quality;
        deps.store.getState().callChanged(callView(t));
      },
      onStalled: () => deps.onMediaStalled?.(),
    });
    this.newId = deps.newId ?? (() => crypto.randomUUID());
  }

  get timerCount(): number {
    return this.media.timerCount;
  }

  get liveCount(): number {
    return this.live().length;
  }

  /** A call is being set up: an in-socket re-login now would lose it (SESSION_NOT_REATTACHED). */
  settingUp(): boolean {
    return this.live().some(
      (t) => t.phase === 'dialing' || t.phase === 'ringing-out' || t.phase === 'answering',
    );
  }

  /** The SDK calls that are not over (device routing). */
  liveRtcCalls(): RtcCall[] {
    return this.live().map((t) => t.call);
  }

  /** `client` is the registered client, or undefined while there is none. */
  dial(client: RtcClient | undefined, command: DialRequest): DialResult {
    const kind = destinationKind(command.destination);
    if (!kind) {
      return fail('Enter the number with its country code (+14155550100), or a sip: address.');
    }
    const emergency = command.emergency === true && kind === 'short';
    const callerOk = E164Schema.safeParse(command.callerNumber).success;
    if (!callerOk && !emergency) return fail('Choose a caller ID in Settings before calling.');
    if (!client) {
      return fail('Not connected to the phone service yet. Wait a moment or press "Retry now".');
    }
    const inTheWay = this.live().filter((t) => !t.held);
    if (inTheWay.length > 0 && !emergency) return fail('Hang up or hold the current call first.');
    // An emergency call never waits for a hold to be confirmed.
    for (const t of inTheWay) if (t.phase === 'active') void t.call.hold().catch(() => undefined);
    const logId = this.newId();
    const callerNumber = callerOk ? command.callerNumber : '';
    // Outbound updates may arrive inside `newCall()`, before it returns the id (wire/outbound.txt).
    this.pending = { logId, destination: command.destination, callerNumber };
    try {
      const call = client.newCall({
        destination: command.destination,
        callerNumber,
        callerName: command.callerName,
        clientState: clientStateOf(logId),
      });
      return { ok: true, callId: call.id, logId };
    } catch (error) {
      this.deps.onDiagnostic?.(`newCall failed: ${error instanceof Error ? error.name : 'error'}`);
      return fail('The call could not be started. Check your microphone and try again.');
    } finally {
      this.pending = undefined;
    }
  }

  /** Answer; with another call live this is "hold and answer" (call waiting). */
  async answer(callId: string): Promise<CommandResult> {
    const t = this.calls.get(callId);
    if (t?.phase !== 'incoming') return fail('That call is no longer ringing.');
    for (const other of this.live()) {
      if (other !== t && other.phase === 'active' && !other.held) {
        await other.call.hold().catch(() => undefined);
      }
    }
    await t.call.answer();
    await this.deps.onAnswered?.(t.call);
    return { ok: true };
  }

  /** Decline an incoming call, cancel a ringing outbound one, or hang up. */
  async hangup(callId: string): Promise<CommandResult> {
    const t = this.calls.get(callId);
    if (!t || t.phase === 'ended') return fail('That call has already ended.');
    await this.endCall(t);
    return { ok: true };
  }

  setMuted(callId: string, muted: boolean): CommandResult {
    const t = this.connected(callId);
    if (!t) return fail('There is no connected call to mute.');
    t.call.setMuted(muted);
    t.muted = t.call.isMuted();
    this.publish(t);
    return { ok: true };
  }

  async hold(callId: string): Promise<CommandResult> {
    const t = this.connected(callId);
    if (!t) return fail('There is no connected call to hold.');
    await t.call.hold();
    return { ok: true };
  }

  /** Resume a held call; any other connected call goes on hold first. */
  async resume(callId: string): Promise<CommandResult> {
    const t = this.connected(callId);
    if (!t) return fail('There is no held call to resume.');
    for (const other of this.live()) {
      if (other !== t && other.phase === 'active' && !other.held) await other.call.hold();
    }
    await t.call.unhold();
    return { ok: true };
  }

  /** Keypad or keyboard digits; DTMF travels as signalling (docs/telnyx-protocol.md#dtmf). */
  sendDtmf(callId: string, digits: string): CommandResult {
    const t = this.connected(callId);
    if (!t) return fail('There is no connected call to send digits to.');
    const normalized = digits.toUpperCase();
    if (!DTMF.test(normalized)) return fail('Use the keypad digits 0–9, * and #.');
    for (const digit of normalized) t.call.dtmf(digit);
    return { ok: true };
  }

  /** Forget an ended call (the UI closed its summary). */
  dismiss(callId: string): void {
    if (this.calls.get(callId)?.phase !== 'ended') return;
    this.calls.delete(callId);
    this.deps.store.getState().callDismissed(callId);
  }

  /** The call's WebRTC stats, or undefined when it has no media. */
  async stats(callId: string): Promise<RTCStatsReport | undefined> {
    const t = this.calls.get(callId);
    return t ? await t.call.getStats().catch(() => undefined) : undefined;
  }

  handleClientEvent(event: RtcClientEvent): void {
    if (event.type === 'call-update') this.callUpdated(event.call);
    else if (event.type === 'error' && event.code === SDK_CODES.sessionNotReattached) {
      if (event.callId) this.callLost(event.callId);
    }
  }

  stopAll(): void {
    this.media.stopAll();
  }

  private live(): TrackedCall[] {
    return [...this.calls.values()].filter((t) => t.phase !== 'ended');
  }

  private connected(callId: string): TrackedCall | undefined {
    const t = this.calls.get(callId);
    return t?.phase === 'active' ? t : undefined;
  }

  /** Publishes the call to the store and reports a call-log event if anything changed. */
  private publish(t: TrackedCall): void {
    this.deps.store.getState().callChanged(callView(t));
    const event = toCallLogEvent({
      logId: t.logId,
      direction: t.direction,
      from: t.direction === 'outbound' ? t.localNumber : t.remoteNumber,
      to: t.direction === 'outbound' ? t.remoteNumber : this.ownNumber(t),
      record: t.record,
      telnyxCallControlId: t.telnyx.callControlId,
      telnyxSessionId: t.telnyx.sessionId,
      telnyxLegId: t.telnyx.legId,
    });
    const serialized = JSON.stringify(event);
    if (serialized === t.lastReported) return;
    t.lastReported = serialized;
    this.deps.sink.report(event);
  }

  /** The called end of an inbound call: our number if known, else the line the gateway rang. */
  private ownNumber(t: TrackedCall): string {
    return E164Schema.safeParse(t.localNumber).success
      ? t.localNumber
      : (this.config.agentNumber ?? t.localNumber);
  }

  private callUpdated(call: RtcCall): void {
    const snap = call.snapshot();
    const parsed = SdkCallStateSchema.safeParse(snap.state);
    if (!parsed.success) return;
    const state = parsed.data;
    const liveBefore = this.liveCount;
    let t = this.calls.get(snap.id);
    if (!t) {
      if (isSdkFinalState(state)) return;
      // A call we are not dialling that is `new` is an inbound one the SDK reports before it sets
      // the direction, so its parties read the wrong way round (the agent's own line as the far
      // end). The outbox and the API keep the first parties a call reports: wait for `ringing`
      // (docs/telnyx-protocol.md#inbound-invite).
      if (state === 'new' && this.pending === undefined) return;
      t = this.adopt(call, snap, state);
    }
    // A reattached call is a new SDK object with the same id and `direction:'inbound'`
    // (docs/telnyx-protocol.md#reattach): it is the same call, so only the object reference
    // changes.
    t.call = call;
    const firstRing = state === 'ringing' && !t.offered;
    if (firstRing) {
      // The SDK may report the inbound call (`new`) before its direction is known
      // (docs/telnyx-protocol.md#inbound-invite).
      t.offered = true;
      t.direction = 'inbound';
      t.remoteNumber = snap.remoteNumber;
      t.remoteName = snap.remoteName;
      t.localNumber = snap.localNumber;
    }
    this.applyUpdate(t, snap, state);
    if (this.liveCount !== liveBefore) this.deps.onLiveCallsChanged?.();
    if (firstRing && t.phase === 'incoming' && this.deps.store.getState().doNotDisturb) {
      // Do not disturb: decline politely; before answer the SDK's BYE says USER_BUSY/17
      // (docs/telnyx-protocol.md#hangup).
      void this.endCall(t);
    }
  }

  /**
   * Hang up, cancel or decline: the agent's own doing, which the call model must know
   * (docs/telnyx-protocol.md#hangup).
   */
  private async endCall(t: TrackedCall): Promise<void> {
    t.localHangup = true;
    await t.call.hangup();
  }

  private adopt(call: RtcCall, snap: RtcCallSnapshot, state: SdkCallState): TrackedCall {
    const pending = this.pending;
    const outbound = pending !== undefined && snap.direction !== 'inbound' && state !== 'ringing';
    const t = newTrackedCall({
      call,
      id: snap.id,
      logId: outbound ? pending.logId : this.newId(),
      direction: outbound ? 'outbound' : (snap.direction ?? 'inbound'),
      remoteNumber: outbound ? pending.destination : snap.remoteNumber,
      remoteName: snap.remoteName,
      localNumber: outbound ? pending.callerNumber : snap.localNumber,
      startedAt: this.deps.clock.now(),
      phase: outbound ? 'dialing' : 'incoming',
      waiting: this.liveCount > 0,
    });
    if (outbound) this.pending = undefined;
    this.calls.set(t.id, t);
    return t;
  }

  private applyUpdate(t: TrackedCall, snap: RtcCallSnapshot, state: SdkCallState): void {
    if (snap.telnyxCallControlId) t.telnyx.callControlId = snap.telnyxCallControlId;
    if (snap.telnyxSessionId) t.telnyx.sessionId = snap.telnyxSessionId;
    if (snap.telnyxLegId) t.telnyx.legId = snap.telnyxLegId;
    if (state === 'recovering') {
      // The old object is torn down locally during a reattach; its NORMAL_CLEARING is no hangup.
      t.recovering = true;
      this.publish(t);
      return;
    }
    if (state === 'active' || state === 'held') {
      t.recovering = false;
      t.held = state === 'held';
      t.waiting = false;
    }
    t.record = applyCallEvent(t.record, {
      at: this.deps.clock.now(),
      state,
      direction: t.direction,
      cause: snap.cause,
      causeCode: snap.causeCode,
      sipCode:
        snap.sipCode !== null && snap.sipCode >= 100 && snap.sipCode <= 699 ? snap.sipCode : null,
      sipReason: snap.sipReason,
      endedBy: t.localHangup ? 'local' : undefined,
    });
    t.phase = phaseOf(t, state);
    if (t.phase === 'active') {
      this.media.watch(
        t.id,
        () => t.call.getStats(),
        () => t.phase === 'active' && !t.held && !t.recovering,
      );
    }
    if (t.phase === 'ended') this.media.unwatch(t.id);
    this.publish(t);
  }

  /**
   * SESSION_NOT_REATTACHED: the gateway forgot the call during a reconnect
   * (docs/telnyx-protocol.md#reattach).
   */
  private callLost(callId: string): void {
    const t = this.calls.get(callId);
    if (!t || t.phase === 'ended') return;
    t.reason = 'The call was lost while reconnecting to the phone service.';
    t.record = applyCallEvent(t.record, {
      at: this.deps.clock.now(),
      state: 'hangup',
      direction: t.direction,
      cause: 'SESSION_NOT_REATTACHED',
      endedBy: 'network',
    });
    t.phase = 'ended';
    this.media.unwatch(t.id);
    this.publish(t);
    this.deps.onLiveCallsChanged?.();
  }
}
