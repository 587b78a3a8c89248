import { DEFAULT_DEVICE, effectiveDevice, type MediaDevicesPort } from './audio-devices.js';
import type { Preferences, RtcCall, Unsubscribe } from './ports.js';
import type { TelephonyStore } from './telephony.store.js';

export interface DeviceRouterDeps {
  store: TelephonyStore;
  media?: MediaDevicesPort | undefined;
  /** The calls to keep on the chosen devices. */
  liveCalls: () => RtcCall[];
}

/**
 * Keeps every live call on the agent's chosen microphone and speaker. A chosen device that
 * disappears falls back to the default without dropping the call; a failed switch keeps the
 * current device (the call matters more than the choice).
 */
export class DeviceRouter {
  /** Devices each SDK call already uses; calls (and reattached call objects) start on the defaults. */
  private readonly applied = new WeakMap<RtcCall, { input: string; output: string }>();

  constructor(private readonly deps: DeviceRouterDeps) {}

  /** Follows the OS device list; the returned function stops it. */
  start(): Unsubscribe {
    const { media } = this.deps;
    if (!media) return () => undefined;
    const off = media.onChange(() => void this.refresh());
    void this.refresh();
    return off;
  }

  async selectInput(deviceId: string): Promise<void> {
    this.deps.store.getState().inputDeviceSelected(deviceId);
    await this.applyToLiveCalls();
  }

  async selectOutput(deviceId: string): Promise<void> {
    this.deps.store.getState().outputDeviceSelected(deviceId);
    await this.applyToLiveCalls();
  }

  /** Choices from main's settings; `null` is the default device. */
  async follow(p: Pick<Preferences, 'inputDeviceId' | 'outputDeviceId'>): Promise<void> {
    const state = this.deps.store.getState();
    const input = p.inputDeviceId ?? DEFAULT_DEVICE;
    const output = p.outputDeviceId ?? DEFAULT_DEVICE;
    if (state.inputDeviceId !== input) await this.selectInput(input);
    if (state.outputDeviceId !== output) await this.selectOutput(output);
  }

  async apply(call: RtcCall): Promise<void> {
    const { devices, inputDeviceId, outputDeviceId } = this.deps.store.getState();
    const input = effectiveDevice(inputDeviceId, devices.inputs);
    const output = effectiveDevice(outputDeviceId, devices.outputs);
    const current = this.applied.get(call) ?? { input: DEFAULT_DEVICE, output: DEFAULT_DEVICE };
    if (input !== current.input) {
      await call.setInputDevice(input).then(
        () => (current.input = input),
        () => undefined,
      );
    }
    if (output !== current.output) {
      if (await call.setOutputDevice(output).catch(() => false)) current.output = output;
    }
    this.applied.set(call, current);
  }

  private async refresh(): Promise<void> {
    const devices = await this.deps.media?.enumerate().catch(() => undefined);
    if (!devices) return;
    this.deps.store.getState().devicesChanged(devices);
    await this.applyToLiveCalls();
  }

  private async applyToLiveCalls(): Promise<void> {
    for (const call of this.deps.liveCalls()) await this.apply(call);
  }
}
