import type { MediaDevicesPort } from './audio-devices.js';
import { CallController, type CallControllerConfig } from './call-controller.js';
import type { CommandResult, DialRequest, DialResult } from './commands.js';
import { DeviceRouter } from './device-router.js';
import { reportSignedOut, reportToHost } from './host-reporter.js';
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

export type { CommandResult, DialRequest, DialResult } from './commands.js';
export { dialDestination, type DialDestination } from './dial-destination.js';

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
  /** Call-log ids (tests make them predictable); random UUIDs by default. */
  newId?: (() => string) | undefined;
}

/**
 * The telephony engine: the one owner of the TelnyxRTC client, a facade over its parts — the
 * connection supervisor, the call controller, device routing and host reporting. UI code reads the
 * store and calls these commands; it never touches the SDK.
 */
export class TelephonyEngine {
  readonly store: TelephonyStore;
  private readonly supervisor: ConnectionSupervisor;
  private readonly calls: CallController;
  private readonly devices: DeviceRouter;
  private readonly subscriptions: Unsubscribe[] = [];

  constructor(private readonly deps: TelephonyEngineDeps) {
    const clock = deps.clock ?? systemClock;
    this.store = deps.store ?? telephonyStore;
    this.calls = new CallController({
      store: this.store,
      sink: deps.sink,
      clock,
      config: deps.calls,
      newId: deps.newId,
      onLiveCallsChanged: () => this.supervisor.callsChanged(),
      onMediaStalled: () => this.supervisor.checkNow('media-stalled'),
      onAnswered: (call) => this.devices.apply(call),
      onDiagnostic: deps.onDiagnostic,
    });
    this.devices = new DeviceRouter({
      store: this.store,
      media: deps.media,
      liveCalls: () => this.calls.liveRtcCalls(),
    });
    this.supervisor = new ConnectionSupervisor({
      factory: deps.factory,
      login: deps.login,
      clock,
      signals: deps.signals,
      hasActiveCall: () => this.calls.liveCount > 0,
      canReloginNow: () => !this.calls.settingUp(),
      config: deps.supervisor,
      random: deps.random,
    });
  }

  /** Timers the engine holds right now (leak checks). */
  get timerCount(): number {
    return this.supervisor.timerCount + this.calls.timerCount;
  }

  start(): void {
    this.subscriptions.push(
      this.supervisor.onStateChange((state) => this.store.getState().connectionChanged(state)),
      this.supervisor.onClientEvent((event) => this.calls.handleClientEvent(event)),
      this.devices.start(),
    );
    if (this.deps.host) this.subscriptions.push(reportToHost(this.store, this.deps.host));
    const { preferences } = this.deps;
    if (preferences) {
      this.subscriptions.push(preferences.onChange((p) => void this.follow(p)));
      void preferences.get().then(
        (p) => this.follow(p),
        () => this.deps.onDiagnostic?.('settings unavailable: using defaults'),
      );
    }
    this.supervisor.start();
  }

  /** Sign-out: ends calls, closes the client, leaves nothing running. */
  async stop(): Promise<void> {
    for (const unsubscribe of this.subscriptions.splice(0)) unsubscribe();
    this.calls.stopAll();
    await this.supervisor.stop();
    this.store.getState().connectionChanged(this.supervisor.getState());
    reportSignedOut(this.deps.host, this.supervisor.getState().status);
  }

  retryNow(): void {
    this.supervisor.retryNow();
  }

  dial(command: DialRequest): DialResult {
    const registered = this.supervisor.getState().status === 'registered';
    return this.calls.dial(registered ? this.supervisor.currentClient() : undefined, command);
  }

  /** Answer; with another call live this is "hold and answer" (call waiting). */
  answer(callId: string): Promise<CommandResult> {
    return this.calls.answer(callId);
  }

  /** Decline an incoming call, cancel a ringing outbound one, or hang up. */
  hangup(callId: string): Promise<CommandResult> {
    return this.calls.hangup(callId);
  }

  decline(callId: string): Promise<CommandResult> {
    return this.calls.hangup(callId);
  }

  setMuted(callId: string, muted: boolean): CommandResult {
    return this.calls.setMuted(callId, muted);
  }

  hold(callId: string): Promise<CommandResult> {
    return this.calls.hold(callId);
  }

  resume(callId: string): Promise<CommandResult> {
    return this.calls.resume(callId);
  }

  sendDtmf(callId: string, digits: string): CommandResult {
    return this.calls.sendDtmf(callId, digits);
  }

  dismiss(callId: string): void {
    this.calls.dismiss(callId);
  }

  /** The call's WebRTC stats (diagnostics), or undefined when it has no media. */
  callStats(callId: string): Promise<RTCStatsReport | undefined> {
    return this.calls.stats(callId);
  }

  setDoNotDisturb(on: boolean): void {
    this.store.getState().doNotDisturbToggled(on);
  }

  selectInputDevice(deviceId: string): Promise<void> {
    return this.devices.selectInput(deviceId);
  }

  selectOutputDevice(deviceId: string): Promise<void> {
    return this.devices.selectOutput(deviceId);
  }

  private async follow(p: Preferences): Promise<void> {
    if (this.store.getState().doNotDisturb !== p.doNotDisturb) this.setDoNotDisturb(p.doNotDisturb);
    await this.devices.follow(p);
  }
}
