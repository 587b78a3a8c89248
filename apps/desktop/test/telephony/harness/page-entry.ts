/**
 * Runs in the harness page: the engine exactly as the app builds it (`createEngine`, the real SDK)
 * over a `window.dialer` played by the page — login material from the test (an exposed function),
 * call-log events kept in an array, settings and system events the test fires. Main is the one
 * boundary stood in for; it is reached through the same `createDialerApi` the app uses. Tests drive
 * the page through `window.T`.
 */
import {
  createDialerApi,
  parseDialInput,
  type CountryCode,
  type DialerTransport,
  type EventChannel,
  type LoginMaterial,
  type Settings,
} from '@crokodialer/shared';
import { createEngine } from '../../../src/renderer/app/create-engine.js';
import type { CallLogEvent } from '../../../src/renderer/telephony/ports.js';
import {
  dialDestination,
  type TelephonyEngine,
} from '../../../src/renderer/telephony/telephony-engine.js';
import { createTelephonyStore } from '../../../src/renderer/telephony/telephony.store.js';
import type {
  HarnessApi,
  HarnessSnapshot,
  HostReport,
  MediaCounters,
  Transition,
} from './harness-api.js';
import { pageCounters, peerConnections } from './page-counters.js';

declare global {
  interface Window {
    /** Exposed by the test (playwright `exposeFunction`). */
    crokoLoginMaterial(): Promise<LoginMaterial>;
    T: HarnessApi;
  }
}

const logs: CallLogEvent[] = [];
const hostReports: HostReport[] = [];
const transitions: Transition[] = [];
let loginRequests = 0;
const settings: Settings = {
  apiUrl: 'http://127.0.0.1:9',
  mode: 'direct',
  telnyxHost: 'ws://127.0.0.1:9',
  defaultRegion: 'US',
  audio: { inputDeviceId: null, outputDeviceId: null, ringerDeviceId: null },
  ringtone: 'classic',
  shortcuts: { answer: null, hangup: null, mute: null },
  doNotDisturb: false,
  presence: 'available',
  autoDialLinks: false,
  directCallerIds: [],
  windowBounds: null,
  theme: 'system',
  launchAtLogin: false,
  accountEmail: null,
};

const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
const emit = (event: EventChannel, payload: unknown) => {
  for (const l of listeners.get(event) ?? []) l(payload);
};

/** Main, as far as the renderer can tell: replies in the IPC contract's `{ok, value}` shape. */
const main: DialerTransport = {
  async invoke(channel, args) {
    switch (channel) {
      case 'session:get-login-material':
        loginRequests += 1;
        return { ok: true, value: await window.crokoLoginMaterial() };
      case 'settings:get':
        return { ok: true, value: settings };
      case 'call-logs:enqueue':
        logs.push(args as CallLogEvent);
        return {
          ok: true,
          value: { pending: 0, capacity: 1000, lastError: null, nextAttemptAt: null },
        };
      case 'app:set-registration-state':
      case 'app:set-call-active':
      case 'app:notify-incoming-call':
        hostReports.push({ channel, args });
        return { ok: true, value: undefined };
      default:
        return { ok: false, error: { code: 'bad-request', message: `${channel} not in harness` } };
    }
  },
  subscribe(event, listener) {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
};

let engine: TelephonyEngine | undefined;
const need = (): TelephonyEngine => {
  if (!engine) throw new Error('T.start() first');
  return engine;
};

async function media(callId: string): Promise<MediaCounters | null> {
  const report = await need().callStats(callId);
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
    engine = createEngine(createDialerApi(main), window, {
      remoteElement: document.getElementById('remoteAudio') as HTMLAudioElement,
      store: createTelephonyStore(),
      agentNumber: options.agentNumber,
      supervisor: options.supervisor,
      calls: { qualityIntervalMs: 500 },
    });
    engine.store.subscribe((s, previous) => {
      if (s.connection !== previous.connection) {
        transitions.push({ at: Date.now(), state: s.connection });
      }
    });
    engine.start();
  },
  stop: () => need().stop(),
  snapshot(): HarnessSnapshot {
    const e = need();
    const s = e.store.getState();
    return {
      connection: s.connection,
      transitions,
      calls: s.calls,
      logs,
      hostReports,
      loginRequests,
      engineTimers: e.timerCount,
      ...pageCounters(),
    };
  },
  dial: (destination, callerNumber) => need().dial({ destination, callerNumber }),
  dialInput: (input, region, callerNumber) => {
    const parsed = parseDialInput(input, region as CountryCode);
    if (!parsed.ok) return { ok: false, message: parsed.message };
    return need().dial({ ...dialDestination(parsed), callerNumber });
  },
  answer: (id) => need().answer(id),
  hangup: (id) => need().hangup(id),
  hold: (id) => need().hold(id),
  resume: (id) => need().resume(id),
  dtmf: (id, digits) => need().sendDtmf(id, digits),
  setMuted: (id, muted) => need().setMuted(id, muted),
  setDoNotDisturb: (on) => {
    // As the tray or another window would: main's settings change and main tells the renderer.
    settings.doNotDisturb = on;
    emit('settings:on-change', { ...settings });
  },
  retryNow: () => need().retryNow(),
  fireResume: () => emit('system:on-resume', { at: new Date().toISOString() }),
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
  callInputDevice: () => {
    // The newest live peer connection is the call's (tests using this run one call).
    const pc = peerConnections()
      .filter((p) => p.connectionState !== 'closed')
      .at(-1);
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
