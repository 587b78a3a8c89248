/**
 * Runs in the harness page: the real engine over the real SDK (sdk-client.ts), with the ports played
 * by the page — login material from the test (an exposed function), call-log events kept in an
 * array, system signals from window events. Tests drive it through `window.T`.
 */
import type { LoginMaterial } from '@crokodialer/shared';
import { browserMediaDevices } from '../../../src/renderer/telephony/audio-devices.js';
import type {
  CallLogEvent,
  SystemSignals,
  Unsubscribe,
} from '../../../src/renderer/telephony/ports.js';
import { sdkClientFactory } from '../../../src/renderer/telephony/sdk-client.js';
import {
  TelephonyEngine,
  type CommandResult,
  type DialResult,
} from '../../../src/renderer/telephony/telephony-engine.js';
import { createTelephonyStore } from '../../../src/renderer/telephony/telephony.store.js';
import type { HarnessApi, HarnessSnapshot, MediaCounters } from './harness-api.js';
import { pageCounters } from './page-counters.js';

declare global {
  interface Window {
    /** Exposed by the test (playwright `exposeFunction`). */
    crokoLoginMaterial(): Promise<LoginMaterial>;
    T: HarnessApi;
  }
}

const listen = <K extends keyof WindowEventMap>(type: K, fn: () => void): Unsubscribe => {
  window.addEventListener(type, fn);
  return () => window.removeEventListener(type, fn);
};

const resumeListeners = new Set<() => void>();
const signals: SystemSignals = {
  onResume: (l) => {
    resumeListeners.add(l);
    return () => resumeListeners.delete(l);
  },
  onNetworkChange: (l) => {
    const on = listen('online', () => l(true));
    const off = listen('offline', () => l(false));
    return () => {
      on();
      off();
    };
  },
  onFocusChange: (l) => {
    const focus = listen('focus', () => l(true));
    const blur = listen('blur', () => l(false));
    return () => {
      focus();
      blur();
    };
  },
};

let engine: TelephonyEngine | undefined;
const logs: CallLogEvent[] = [];
const need = (): TelephonyEngine => {
  if (!engine) throw new Error('T.start() first');
  return engine;
};

async function media(callId: string): Promise<MediaCounters | null> {
  const t = need().calls.calls.get(callId);
  const report = await t?.call.getStats();
  if (!report) return null;
  const counters: MediaCounters = {
    bytesReceived: 0,
    packetsReceived: 0,
    bytesSent: 0,
    audioLevel: 0,
  };
  report.forEach((s: Record<string, unknown>) => {
    if (s.type === 'inbound-rtp' && s.kind === 'audio') {
      counters.bytesReceived += Number(s.bytesReceived ?? 0);
      counters.packetsReceived += Number(s.packetsReceived ?? 0);
      counters.audioLevel = Math.max(counters.audioLevel, Number(s.audioLevel ?? 0));
    }
    if (s.type === 'outbound-rtp' && s.kind === 'audio')
      counters.bytesSent += Number(s.bytesSent ?? 0);
  });
  return counters;
}

window.T = {
  start(options) {
    engine = new TelephonyEngine({
      factory: sdkClientFactory({ remoteElement: 'remoteAudio' }),
      login: { get: () => window.crokoLoginMaterial() },
      sink: { report: (e) => logs.push(e) },
      signals,
      media: browserMediaDevices(navigator.mediaDevices),
      store: createTelephonyStore(),
      supervisor: options.supervisor,
      calls: { agentNumber: options.agentNumber, qualityIntervalMs: 500 },
    });
    engine.start();
  },
  stop: () => need().stop(),
  snapshot(): HarnessSnapshot {
    const e = need();
    const s = e.store.getState();
    return {
      connection: s.connection,
      calls: s.calls,
      logs,
      engineTimers: e.supervisor.timerCount + e.calls.timerCount,
      ...pageCounters(),
    };
  },
  dial: (destination, callerNumber): DialResult => need().dial({ destination, callerNumber }),
  answer: (id): Promise<CommandResult> => need().answer(id),
  hangup: (id) => need().hangup(id),
  hold: (id) => need().hold(id),
  resume: (id) => need().resume(id),
  dtmf: (id, digits) => need().sendDtmf(id, digits),
  setMuted: (id, muted) => need().setMuted(id, muted),
  setDoNotDisturb: (on) => need().setDoNotDisturb(on),
  retryNow: () => need().retryNow(),
  fireResume: () => {
    for (const l of resumeListeners) l();
  },
  media,
  selectInputDevice: (id) => need().selectInputDevice(id),
  selectOutputDevice: (id) => need().selectOutputDevice(id),
  devices: () => {
    const s = need().store.getState();
    return {
      inputs: s.devices.inputs.map((d) => d.deviceId),
      outputs: s.devices.outputs.map((d) => d.deviceId),
      input: s.inputDeviceId,
      output: s.outputDeviceId,
    };
  },
  callInputDevice: (id) => {
    const t = need().calls.calls.get(id);
    const pc = (t?.call as { sdk?: { peer?: { instance?: RTCPeerConnection } } } | undefined)?.sdk
      ?.peer?.instance;
    const track = pc?.getSenders().find((s) => s.track?.kind === 'audio')?.track;
    return track?.getSettings().deviceId;
  },
  unplug: (deviceId) => {
    // The OS device list is the one boundary a test cannot drive in Chromium: hide the device.
    const media = navigator.mediaDevices;
    const original = media.enumerateDevices.bind(media);
    media.enumerateDevices = async () => (await original()).filter((d) => d.deviceId !== deviceId);
    media.dispatchEvent(new Event('devicechange'));
  },
};
