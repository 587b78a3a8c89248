/**
 * Audio device choice that never drops a call: a chosen device that disappears falls back
 * to the system default instead of leaving the call without a microphone or speaker.
 */
export const DEFAULT_DEVICE = 'default';

export interface AudioDevice {
  deviceId: string;
  label: string;
}

export interface AudioDevices {
  inputs: AudioDevice[];
  outputs: AudioDevice[];
}

/** The device to use: the chosen one while it is plugged in, otherwise the default. */
export function effectiveDevice(chosen: string, available: readonly AudioDevice[]): string {
  if (chosen === DEFAULT_DEVICE) return DEFAULT_DEVICE;
  return available.some((d) => d.deviceId === chosen) ? chosen : DEFAULT_DEVICE;
}

/** Splits `enumerateDevices()` output into inputs and outputs (labels are empty before permission). */
export function splitDevices(devices: readonly MediaDeviceInfo[]): AudioDevices {
  const pick = (kind: MediaDeviceKind) =>
    devices
      .filter((d) => d.kind === kind && d.deviceId !== '')
      .map((d) => ({ deviceId: d.deviceId, label: d.label || d.deviceId }));
  return { inputs: pick('audioinput'), outputs: pick('audiooutput') };
}

/** Where the engine learns about devices: `navigator.mediaDevices` in the app. */
export interface MediaDevicesPort {
  enumerate(): Promise<AudioDevices>;
  onChange(listener: () => void): () => void;
}

export function browserMediaDevices(media: MediaDevices): MediaDevicesPort {
  return {
    enumerate: async () => splitDevices(await media.enumerateDevices()),
    onChange: (listener) => {
      media.addEventListener('devicechange', listener);
      return () => media.removeEventListener('devicechange', listener);
    },
  };
}
