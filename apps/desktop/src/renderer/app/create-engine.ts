/**
 * Production wiring of the telephony engine: the real SDK, the ports over `window.dialer`, the
 * browser's audio devices and the app's store. The renderer's composition root calls this, and the
 * end-to-end harness calls the very same function, so what ships is what the e2e tier tests.
 */
import type { DialerApi } from '@crokodialer/shared';
import { browserMediaDevices } from '../telephony/audio-devices.js';
import type { CallControllerConfig } from '../telephony/call-controller.js';
import { dialerPorts, type WindowEvents } from '../telephony/dialer-ports.js';
import { sdkClientFactory } from '../telephony/sdk-client.js';
import type { SupervisorConfig } from '../telephony/supervisor.js';
import { TelephonyEngine } from '../telephony/telephony-engine.js';
import { telephonyStore, type TelephonyStore } from '../telephony/telephony.store.js';

/** The part of `window` the engine uses: focus and online events, media devices, the document. */
export interface EngineWindow extends WindowEvents {
  readonly navigator: { readonly mediaDevices?: MediaDevices | undefined };
  readonly document: Document;
}

export interface CreateEngineOptions {
  /** Plays the far end; by default a hidden `<audio autoplay>` the engine adds to the page. */
  remoteElement?: HTMLMediaElement | undefined;
  /** Defaults to the app's one store (`useTelephonyStore`). */
  store?: TelephonyStore | undefined;
  /** Our own number, for inbound call logs when the gateway names the SIP user instead. */
  agentNumber?: string | undefined;
  /** Shorter policies for tests; production runs on the engine's defaults. */
  supervisor?: Partial<SupervisorConfig> | undefined;
  calls?: Partial<Omit<CallControllerConfig, 'agentNumber'>> | undefined;
  /** Something support may want (never secrets); the console by default. */
  onDiagnostic?: ((message: string) => void) | undefined;
}

/** Builds the engine (not started: call `start()` once signed in, `stop()` on sign-out). */
export function createEngine(
  dialer: DialerApi,
  win: EngineWindow,
  options: CreateEngineOptions = {},
): TelephonyEngine {
  const onDiagnostic = options.onDiagnostic ?? ((message) => console.warn(`telephony: ${message}`));
  const ports = dialerPorts(dialer, win, onDiagnostic);
  const mediaDevices = win.navigator.mediaDevices;
  return new TelephonyEngine({
    ...ports,
    factory: sdkClientFactory({
      remoteElement: options.remoteElement ?? remoteAudio(win.document),
    }),
    media: mediaDevices ? browserMediaDevices(mediaDevices) : undefined,
    store: options.store ?? telephonyStore,
    supervisor: options.supervisor,
    calls: { ...options.calls, agentNumber: options.agentNumber },
    onDiagnostic,
  });
}

function remoteAudio(document: Document): HTMLAudioElement {
  const audio = document.createElement('audio');
  audio.autoplay = true;
  audio.hidden = true;
  document.body.append(audio);
  return audio;
}
