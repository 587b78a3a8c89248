import {
  applyCallEvent,
  isSdkFinalState,
  SdkCallStateSchema,
  type CallDirection,
  type CallRecord,
  type FinalCallStatus,
  type SdkCallState,
} from '@crokodialer/shared';
import {
  qualityBetween,
  sampleFromStats,
  type CallQuality,
  type QualitySample,
} from './call-quality.js';
import { toCallLogEvent } from './call-log-event.js';
import { SDK_CODES } from './connection-state.js';
import type { CallLogSink, Clock, RtcCall, RtcCallSnapshot, RtcClientEvent } from './ports.js';
import type { CallView, TelephonyStore } from './telephony.store.js';
import { TimerSet } from './timer-set.js';

export interface CallControllerConfig {
  /** Our own number, for inbound call logs when the gateway names the SIP user instead. */
  agentNumber: string | undefined;
  qualityIntervalMs: number;
  poorMos: number;
}

export const DEFAULT_CALL_CONFIG: CallControllerConfig = {
  agentNumber: undefined,
  qualityIntervalMs: 2_000,
  poorMos: 3.5,
};

/** One call the engine tracks, keyed by the SDK call id. */
export interface TrackedCall {
  id: string;
  logId: string;
  call: RtcCall;
  direction: CallDirection;
  remoteNumber: string;
  remoteName: string;
  localNumber: string;
  record: CallRecord;
  phase: CallView['phase'];
  localHangup: boolean;
  muted: boolean;
  held: boolean;
  recovering: boolean;
  waiting: boolean;
  /** The call has been offered to the agent (reached `ringing`). */
  offered: boolean;
  reason: string | undefined;
  telnyx: { callControlId?: string; sessionId?: string; legId?: string };
  quality: CallQuality | undefined;
  lastSample: QualitySample | undefined;
  lastReported: string | undefined;
}

export interface PendingOutbound {
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
  /** Something the agent cannot act on but support may want (never secrets). */
  onDiagnostic?: ((message: string) => void) | undefined;
  newId?: (() => string) | undefined;
}

/**
 * Maps SDK call updates to the store and to call-log events (issue 6 "Calls"). It never talks to the
 * gateway itself: commands (call-commands.ts) drive the RtcCall, and every resulting SDK update comes
 * back through `handleClientEvent`.
 */
export class CallController {
  readonly calls = new Map<string, TrackedCall>();
  private readonly config: CallControllerConfig;
  private readonly timers: TimerSet<string>;
  private pending: PendingOutbound | undefined;
  readonly newId: () => string;

  constructor(private readonly deps: CallControllerDeps) {
    this.config = { ...DEFAULT_CALL_CONFIG, ...deps.config };
    this.timers = new TimerSet(deps.clock);
    this.newId = deps.newId ?? (() => crypto.randomUUID());
  }

  get timerCount(): number {
    return this.timers.size;
  }

  live(): TrackedCall[] {
    return [...this.calls.values()].filter((t) => t.phase !== 'ended');
  }

  /** Outbound updates may arrive inside `newCall()`, before it returns the id (wire/outbound.txt). */
  expectOutbound(pending: PendingOutbound | undefined): void {
    this.pending = pending;
  }

  handleClientEvent(event: RtcClientEvent): void {
    if (event.type === 'call-update') this.callUpdated(event.call);
    else if (event.type === 'error' && event.code === SDK_CODES.sessionNotReattached) {
      if (event.callId) this.callLost(event.callId);
    }
  }

  /** Publishes the call to the store and reports a call-log event if anything changed. */
  publish(t: TrackedCall): void {
    this.deps.store.getState().callChanged(this.view(t));
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

  stopAll(): void {
    this.timers.clearAll();
  }

  private ownNumber(t: TrackedCall): string {
    return /^\+[1-9]\d{1,14}$/.test(t.localNumber)
      ? t.localNumber
      : (this.config.agentNumber ?? '');
  }

  private callUpdated(call: RtcCall): void {
    const snap = call.snapshot();
    const parsed = SdkCallStateSchema.safeParse(snap.state);
    if (!parsed.success) return;
    const state = parsed.data;
    const liveBefore = this.live().length;
    let t = this.calls.get(snap.id);
    if (!t) {
      if (isSdkFinalState(state)) return;
      t = this.adopt(call, snap, state);
    }
    // A reattached call is a new SDK object with the same id and `direction:'inbound'` (§2.9,
    // §3.7.5): it is the same call, so only the object reference changes.
    t.call = call;
    const firstRing = state === 'ringing' && !t.offered;
    if (firstRing) {
      // The SDK may report the inbound call (`new`) before its direction is known (§2.8).
      t.offered = true;
      t.direction = 'inbound';
      t.remoteNumber = snap.remoteNumber;
      t.remoteName = snap.remoteName;
      t.localNumber = snap.localNumber;
    }
    this.applyUpdate(t, snap, state);
    if (this.live().length !== liveBefore) this.deps.onLiveCallsChanged?.();
    if (firstRing && t.phase === 'incoming' && this.deps.store.getState().doNotDisturb) {
      // Do not disturb: decline politely; before answer the SDK's BYE says USER_BUSY/17 (§2.6).
      void this.endCall(t);
    }
  }

  /** Hang up, cancel or decline: the agent's own doing, which the call model must know (§2.6). */
  async endCall(t: TrackedCall): Promise<void> {
    t.localHangup = true;
    await t.call.hangup();
  }

  private adopt(call: RtcCall, snap: RtcCallSnapshot, state: SdkCallState): TrackedCall {
    const pending = this.pending;
    const outbound = pending !== undefined && snap.direction !== 'inbound' && state !== 'ringing';
    const t: TrackedCall = {
      id: snap.id,
      logId: outbound ? pending.logId : this.newId(),
      call,
      direction: outbound ? 'outbound' : (snap.direction ?? 'inbound'),
      remoteNumber: outbound ? pending.destination : snap.remoteNumber,
      remoteName: snap.remoteName,
      localNumber: outbound ? pending.callerNumber : snap.localNumber,
      record: {
        status: 'initiated',
        startedAt: new Date(this.deps.clock.now()).toISOString(),
        talkSeconds: 0,
      },
      phase: outbound ? 'dialing' : 'incoming',
      localHangup: false,
      muted: false,
      held: false,
      recovering: false,
      waiting: this.live().length > 0,
      offered: false,
      reason: undefined,
      telnyx: {},
      quality: undefined,
      lastSample: undefined,
      lastReported: undefined,
    };
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
    if (t.phase === 'active') this.startQuality(t);
    if (t.phase === 'ended') this.timers.clear(`quality:${t.id}`);
    this.publish(t);
  }

  /** SESSION_NOT_REATTACHED: the gateway forgot the call during a reconnect (§2.9, §3.7.5). */
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
    this.timers.clear(`quality:${t.id}`);
    this.publish(t);
    this.deps.onLiveCallsChanged?.();
  }

  private startQuality(t: TrackedCall): void {
    const name = `quality:${t.id}`;
    if (this.timers.has(name)) return;
    const tick = () => {
      void this.measure(t).finally(() => {
        if (this.calls.get(t.id) === t && t.phase === 'active') {
          this.timers.set(name, this.config.qualityIntervalMs, tick);
        }
      });
    };
    this.timers.set(name, this.config.qualityIntervalMs, tick);
  }

  private async measure(t: TrackedCall): Promise<void> {
    const report = await t.call.getStats().catch(() => undefined);
    if (!report || t.phase !== 'active') return;
    const entries: Record<string, unknown>[] = [];
    report.forEach((entry: Record<string, unknown>) => entries.push(entry));
    const sample = sampleFromStats(entries, this.deps.clock.now());
    const quality = qualityBetween(t.lastSample, sample, this.config.poorMos);
    t.lastSample = sample;
    if (quality) {
      t.quality = quality;
      this.deps.store.getState().callChanged(this.view(t));
    }
  }

  view(t: TrackedCall): CallView {
    const base = {
      id: t.id,
      logId: t.logId,
      direction: t.direction,
      remoteNumber: t.remoteNumber,
      remoteName: t.remoteName,
      startedAt: Date.parse(t.record.startedAt),
    };
    switch (t.phase) {
      case 'incoming':
        return { ...base, phase: 'incoming', waiting: t.waiting };
      case 'active':
        return {
          ...base,
          phase: 'active',
          answeredAt: Date.parse(t.record.answeredAt ?? t.record.startedAt),
          muted: t.muted,
          held: t.held,
          recovering: t.recovering,
          quality: t.quality,
        };
      case 'ended': {
        const live = ['initiated', 'ringing', 'connected'] as const;
        const status = t.record.status;
        return {
          ...base,
          phase: 'ended',
          // applyCallEvent always lands a final update on an outcome; `failed` guards the type.
          status: (live as readonly string[]).includes(status)
            ? 'failed'
            : (status as FinalCallStatus),
          endedAt: Date.parse(t.record.endedAt ?? t.record.startedAt),
          reason: t.reason,
        };
      }
      default:
        return { ...base, phase: t.phase };
    }
  }
}

function phaseOf(t: TrackedCall, state: SdkCallState): CallView['phase'] {
  if (t.record.endedAt !== undefined) return 'ended';
  switch (state) {
    case 'new':
    case 'requesting':
    case 'trying':
      return t.direction === 'outbound' ? 'dialing' : t.phase;
    case 'early':
      return 'ringing-out';
    case 'ringing':
      return 'incoming';
    case 'answering':
      return 'answering';
    case 'active':
    case 'held':
      return 'active';
    default:
      return t.phase;
  }
}
