import { E164Schema } from '@crokodialer/shared';
import { DEFAULT_DEVICE, effectiveDevice, type MediaDevicesPort } from './audio-devices.js';
import { CallController, type CallControllerConfig, type TrackedCall } from './call-controller.js';
import { clientStateOf } from './call-log-event.js';
import {
  systemClock,
  type CallLogSink,
  type Clock,
  type HostPort,
  type LoginMaterialProvider,
  type Preferences,
  type PreferencesPort,
  type SystemSignals,
  type TelnyxClientFactory,
  type Unsubscribe,
} from './ports.js';
import { ConnectionSupervisor, type SupervisorConfig } from './supervisor.js';
import { telephonyStore, type TelephonyStore } from './telephony.store.js';

export interface TelephonyEngineDeps {
  factory: TelnyxClientFactory;
  login: LoginMaterialProvider;
  sink: CallLogSink;
  signals?: SystemSignals | undefined;
  media?: MediaDevicesPort | undefined;
  clock?: Clock | undefined;
  store?: TelephonyStore | undefined;
  supervisor?: Partial<SupervisorConfig> | undefined;
  calls?: Partial<CallControllerConfig> | undefined;
  random?: (() => number) | undefined;
  onDiagnostic?: ((message: string) => void) | undefined;
  /** Main's tray, keep-awake and notifications (absent in tests that do not need them). */
  host?: HostPort | undefined;
  /** Do-not-disturb and device choices from main's settings, their one home. */
  preferences?: PreferencesPort | undefined;
}

/** What a command tells the UI: done, or a message saying what to do. Commands never throw. */
export type CommandResult = { ok: true } | { ok: false; message: string };
export type DialResult =
  { ok: true; callId: string; logId: string } | { ok: false; message: string };

export interface DialRequest {
  /** E.164, from the shared dial-input parser. */
  destination: string;
  /** The caller ID chosen for this call (E.164). */
  callerNumber: string;
  callerName?: string | undefined;
}

const DTMF = /^[0-9*#A-D]+$/;
const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/**
 * The telephony engine (issue 6): the one owner of the TelnyxRTC client. UI code reads the store and
 * calls these commands; it never touches the SDK.
 */
export class TelephonyEngine {
  readonly store: TelephonyStore;
  readonly supervisor: ConnectionSupervisor;
  readonly calls: CallController;
  private readonly subscriptions: Unsubscribe[] = [];
  /** Devices each call already uses; calls start on the defaults. */
  private readonly applied = new WeakMap<TrackedCall, { input: string; output: string }>();

  constructor(private readonly deps: TelephonyEngineDeps) {
    const clock = deps.clock ?? systemClock;
    this.store = deps.store ?? telephonyStore;
    this.calls = new CallController({
      store: this.store,
      sink: deps.sink,
      clock,
      config: deps.calls,
      onLiveCallsChanged: () => this.supervisor.callsChanged(),
      onDiagnostic: deps.onDiagnostic,
    });
    this.supervisor = new ConnectionSupervisor({
      factory: deps.factory,
      login: deps.login,
      clock,
      signals: deps.signals,
      hasActiveCall: () => this.calls.live().length > 0,
      canReloginNow: () =>
        !this.calls
          .live()
          .some(
            (t) => t.phase === 'dialing' || t.phase === 'ringing-out' || t.phase === 'answering',
          ),
      config: deps.supervisor,
      random: deps.random,
    });
  }

  start(): void {
    this.subscriptions.push(
      this.supervisor.onStateChange((state) => this.store.getState().connectionChanged(state)),
      this.supervisor.onClientEvent((event) => this.calls.handleClientEvent(event)),
    );
    const { host } = this.deps;
    if (host) this.subscriptions.push(this.reportToHost(host));
    const { media } = this.deps;
    if (media) {
      this.subscriptions.push(media.onChange(() => void this.refreshDevices()));
      void this.refreshDevices();
    }
    const { preferences } = this.deps;
    if (preferences) {
      this.subscriptions.push(preferences.onChange((p) => void this.applyPreferences(p)));
      void preferences.get().then(
        (p) => this.applyPreferences(p),
        () => this.deps.onDiagnostic?.('settings unavailable: using defaults'),
      );
    }
    this.supervisor.start();
  }

  private async applyPreferences(p: Preferences): Promise<void> {
    const state = this.store.getState();
    if (state.doNotDisturb !== p.doNotDisturb) this.setDoNotDisturb(p.doNotDisturb);
    const input = p.inputDeviceId ?? DEFAULT_DEVICE;
    const output = p.outputDeviceId ?? DEFAULT_DEVICE;
    if (state.inputDeviceId !== input) await this.selectInputDevice(input);
    if (state.outputDeviceId !== output) await this.selectOutputDevice(output);
  }

  /** Keeps main's view (tray, keep-awake, notifications) in step with the store; only changes cross. */
  private reportToHost(host: HostPort): Unsubscribe {
    let status = this.store.getState().connection.status;
    let active = false;
    host.registrationChanged(status);
    return this.store.subscribe((state, previous) => {
      if (state.connection.status !== status) {
        status = state.connection.status;
        host.registrationChanged(status);
      }
      const live = Object.values(state.calls).some((c) => c.phase !== 'ended');
      if (live !== active) {
        active = live;
        host.callActiveChanged(live);
      }
      for (const call of Object.values(state.calls)) {
        if (call.phase === 'incoming' && previous.calls[call.id]?.phase !== 'incoming') {
          host.incomingCall({ callId: call.id, from: call.remoteName || call.remoteNumber });
        }
      }
    });
  }

  /** Sign-out: ends calls, closes the client, leaves nothing running. */
  async stop(): Promise<void> {
    for (const unsubscribe of this.subscriptions.splice(0)) unsubscribe();
    this.calls.stopAll();
    await this.supervisor.stop();
    this.store.getState().connectionChanged(this.supervisor.getState());
    // Signed out: the tray says so and nothing keeps the machine awake.
    this.deps.host?.registrationChanged(this.supervisor.getState().status);
    this.deps.host?.callActiveChanged(false);
  }

  /** Timers the engine holds right now (leak checks). */
  get timerCount(): number {
    return this.supervisor.timerCount + this.calls.timerCount;
  }

  /** The call's WebRTC stats (diagnostics), or undefined when it has no media. */
  async callStats(callId: string): Promise<RTCStatsReport | undefined> {
    const t = this.calls.calls.get(callId);
    return t ? await t.call.getStats().catch(() => undefined) : undefined;
  }

  retryNow(): void {
    this.supervisor.retryNow();
  }

  dial(request: DialRequest): DialResult {
    if (!E164Schema.safeParse(request.destination).success) {
      return fail('Enter the number with its country code, e.g. +14155550100.');
    }
    if (!E164Schema.safeParse(request.callerNumber).success) {
      return fail('Choose a caller ID in Settings before calling.');
    }
    const client = this.supervisor.currentClient();
    if (!client || this.supervisor.getState().status !== 'registered') {
      return fail('Not connected to the phone service yet. Wait a moment or press "Retry now".');
    }
    if (this.calls.live().some((t) => t.phase !== 'ended' && !t.held)) {
      return fail('Hang up or hold the current call first.');
    }
    const logId = this.calls.newId();
    this.calls.expectOutbound({
      logId,
      destination: request.destination,
      callerNumber: request.callerNumber,
    });
    try {
      const call = client.newCall({
        destination: request.destination,
        callerNumber: request.callerNumber,
        callerName: request.callerName,
        clientState: clientStateOf(logId),
      });
      return { ok: true, callId: call.id, logId };
    } catch (error) {
      this.deps.onDiagnostic?.(`newCall failed: ${error instanceof Error ? error.name : 'error'}`);
      return fail('The call could not be started. Check your microphone and try again.');
    } finally {
      this.calls.expectOutbound(undefined);
    }
  }

  /** Answer; with another call live this is "hold and answer" (call waiting). */
  async answer(callId: string): Promise<CommandResult> {
    const t = this.calls.calls.get(callId);
    if (!t || t.phase !== 'incoming') return fail('That call is no longer ringing.');
    for (const other of this.calls.live()) {
      if (other !== t && other.phase === 'active' && !other.held) {
        await other.call.hold().catch(() => undefined);
      }
    }
    await t.call.answer();
    await this.applyDevices(t);
    return { ok: true };
  }

  /** Decline an incoming call, cancel a ringing outbound one, or hang up. */
  async hangup(callId: string): Promise<CommandResult> {
    const t = this.calls.calls.get(callId);
    if (!t || t.phase === 'ended') return fail('That call has already ended.');
    await this.calls.endCall(t);
    return { ok: true };
  }

  decline(callId: string): Promise<CommandResult> {
    return this.hangup(callId);
  }

  setMuted(callId: string, muted: boolean): CommandResult {
    const t = this.activeCall(callId);
    if (!t) return fail('There is no connected call to mute.');
    t.call.setMuted(muted);
    t.muted = t.call.isMuted();
    this.calls.publish(t);
    return { ok: true };
  }

  async hold(callId: string): Promise<CommandResult> {
    const t = this.activeCall(callId);
    if (!t) return fail('There is no connected call to hold.');
    await t.call.hold();
    return { ok: true };
  }

  /** Resume a held call; any other connected call goes on hold first. */
  async resume(callId: string): Promise<CommandResult> {
    const t = this.activeCall(callId);
    if (!t) return fail('There is no held call to resume.');
    for (const other of this.calls.live()) {
      if (other !== t && other.phase === 'active' && !other.held) await other.call.hold();
    }
    await t.call.unhold();
    return { ok: true };
  }

  /** Keypad or keyboard digits; DTMF travels as signalling (PROTOCOL.md §2.6). */
  sendDtmf(callId: string, digits: string): CommandResult {
    const t = this.activeCall(callId);
    if (!t) return fail('There is no connected call to send digits to.');
    const normalized = digits.toUpperCase();
    if (!DTMF.test(normalized)) return fail('Use the keypad digits 0–9, * and #.');
    for (const digit of normalized) t.call.dtmf(digit);
    return { ok: true };
  }

  setDoNotDisturb(on: boolean): void {
    this.store.getState().doNotDisturbToggled(on);
  }

  dismiss(callId: string): void {
    const t = this.calls.calls.get(callId);
    if (t?.phase !== 'ended') return;
    this.calls.calls.delete(callId);
    this.store.getState().callDismissed(callId);
  }

  async selectInputDevice(deviceId: string): Promise<void> {
    this.store.getState().inputDeviceSelected(deviceId);
    await this.applyDevicesToLiveCalls();
  }

  async selectOutputDevice(deviceId: string): Promise<void> {
    this.store.getState().outputDeviceSelected(deviceId);
    await this.applyDevicesToLiveCalls();
  }

  private activeCall(callId: string): TrackedCall | undefined {
    const t = this.calls.calls.get(callId);
    return t?.phase === 'active' ? t : undefined;
  }

  /** A device that disappeared falls back to the default, without dropping the call. */
  private async refreshDevices(): Promise<void> {
    const devices = await this.deps.media?.enumerate().catch(() => undefined);
    if (!devices) return;
    this.store.getState().devicesChanged(devices);
    await this.applyDevicesToLiveCalls();
  }

  private async applyDevicesToLiveCalls(): Promise<void> {
    for (const t of this.calls.live()) await this.applyDevices(t);
  }

  private async applyDevices(t: TrackedCall): Promise<void> {
    const { devices, inputDeviceId, outputDeviceId } = this.store.getState();
    const input = effectiveDevice(inputDeviceId, devices.inputs);
    const output = effectiveDevice(outputDeviceId, devices.outputs);
    const current = this.applied.get(t) ?? { input: DEFAULT_DEVICE, output: DEFAULT_DEVICE };
    // A failed switch keeps the current device: the call matters more than the choice.
    if (input !== current.input) {
      await t.call.setInputDevice(input).then(
        () => (current.input = input),
        () => undefined,
      );
    }
    if (output !== current.output) {
      if (await t.call.setOutputDevice(output).catch(() => false)) current.output = output;
    }
    this.applied.set(t, current);
  }
}
