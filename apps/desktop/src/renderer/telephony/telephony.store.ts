/**
 * The telephony engine's state as the UI sees it (docs/architecture.md#renderer-state: zustand,
 * call state a discriminated union, actions named for events). The engine is the only writer; UI
 * code reads it and calls the engine's commands, never the SDK.
 */
import type { CallDirection, FinalCallStatus } from '@crokodialer/shared';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_DEVICE, type AudioDevices } from './audio-devices.js';
import type { CallQuality } from './call-quality.js';
import type { ConnectionState } from './connection-state.js';

interface CallBase {
  /** The SDK call id (stable across a reattach, docs/telnyx-protocol.md#reattach). */
  id: string;
  /** The call-log id (a UUID; travels as base64 `clientState` on outbound calls). */
  logId: string;
  direction: CallDirection;
  remoteNumber: string;
  remoteName: string;
  startedAt: number;
}

export type CallView =
  | (CallBase & { phase: 'dialing' })
  | (CallBase & { phase: 'ringing-out' })
  | (CallBase & { phase: 'incoming'; /** offered while another call is live */ waiting: boolean })
  | (CallBase & { phase: 'answering' })
  | (CallBase & {
      phase: 'active';
      answeredAt: number;
      muted: boolean;
      held: boolean;
      /** Media is being reattached after a reconnect. */
      recovering: boolean;
      quality: CallQuality | undefined;
    })
  | (CallBase & {
      phase: 'ended';
      status: FinalCallStatus;
      endedAt: number;
      /** Why, when it is worth telling the agent (e.g. lost across a reconnect). */
      reason: string | undefined;
    });

export type CallPhase = CallView['phase'];

export interface TelephonyState {
  connection: ConnectionState;
  calls: Record<string, CallView>;
  doNotDisturb: boolean;
  devices: AudioDevices;
  inputDeviceId: string;
  outputDeviceId: string;

  connectionChanged(connection: ConnectionState): void;
  callChanged(call: CallView): void;
  callDismissed(id: string): void;
  doNotDisturbToggled(on: boolean): void;
  devicesChanged(devices: AudioDevices): void;
  inputDeviceSelected(deviceId: string): void;
  outputDeviceSelected(deviceId: string): void;
}

export type TelephonyStore = StoreApi<TelephonyState>;

export function createTelephonyStore(): TelephonyStore {
  return createStore<TelephonyState>()((set) => ({
    connection: { status: 'offline' },
    calls: {},
    doNotDisturb: false,
    devices: { inputs: [], outputs: [] },
    inputDeviceId: DEFAULT_DEVICE,
    outputDeviceId: DEFAULT_DEVICE,

    connectionChanged: (connection) => set({ connection }),
    callChanged: (call) => set((s) => ({ calls: { ...s.calls, [call.id]: call } })),
    callDismissed: (id) =>
      set((s) => {
        const calls = { ...s.calls };
        delete calls[id];
        return { calls };
      }),
    doNotDisturbToggled: (doNotDisturb) => set({ doNotDisturb }),
    devicesChanged: (devices) => set({ devices }),
    inputDeviceSelected: (inputDeviceId) => set({ inputDeviceId }),
    outputDeviceSelected: (outputDeviceId) => set({ outputDeviceId }),
  }));
}

/** Calls that are not over, oldest first. */
export function liveCalls(state: Pick<TelephonyState, 'calls'>): CallView[] {
  return Object.values(state.calls)
    .filter((c) => c.phase !== 'ended')
    .sort((a, b) => a.startedAt - b.startedAt);
}

/** The app's one store instance; the engine is built over it in the renderer's composition root. */
export const telephonyStore = createTelephonyStore();

export function useTelephonyStore<T>(selector: (state: TelephonyState) => T): T {
  return useStore(telephonyStore, selector);
}
