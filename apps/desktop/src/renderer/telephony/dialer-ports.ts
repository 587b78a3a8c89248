/**
 * The engine's ports over `window.dialer` (the preload/web-mode API, DialerApi in packages/shared).
 * The only secret that crosses is per-registration login material
 * (docs/architecture.md#login-material); it is handed to the SDK and never stored or logged here.
 */
import type { DialerApi, Settings } from '@crokodialer/shared';
import type {
  CallLogSink,
  HostPort,
  LoginMaterialProvider,
  Preferences,
  PreferencesPort,
  SystemSignals,
  Unsubscribe,
} from './ports.js';

export interface DialerPorts {
  login: LoginMaterialProvider;
  sink: CallLogSink;
  signals: SystemSignals;
  host: HostPort;
  preferences: PreferencesPort;
}

const preferencesOf = (settings: Settings): Preferences => ({
  doNotDisturb: settings.doNotDisturb,
  inputDeviceId: settings.audio.inputDeviceId,
  outputDeviceId: settings.audio.outputDeviceId,
});

/** The part of `window` used here. */
export interface WindowEvents {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** `win` gives focus and the browser's own online/offline; main adds resume and OS network changes. */
export function dialerPorts(
  dialer: DialerApi,
  win: WindowEvents,
  onDiagnostic: (message: string) => void = () => undefined,
): DialerPorts {
  const listen = (type: string, fn: () => void): Unsubscribe => {
    win.addEventListener(type, fn);
    return () => win.removeEventListener(type, fn);
  };
  // Main's tray and notifications are conveniences: a failed report is a diagnostic, not an error.
  const fire = (what: string, request: Promise<void>) => {
    request.catch((error: unknown) => {
      onDiagnostic(`${what} failed: ${error instanceof Error ? error.name : 'error'}`);
    });
  };
  return {
    login: { get: () => dialer.session.getLoginMaterial() },
    preferences: {
      get: async () => preferencesOf(await dialer.settings.get()),
      onChange: (listener) => dialer.settings.onChange((s) => listener(preferencesOf(s))),
    },
    host: {
      registrationChanged: (status) =>
        fire('registration state', dialer.app.setRegistrationState(status)),
      callActiveChanged: (active) => fire('call active', dialer.app.setCallActive(active)),
      incomingCall: (call) => fire('incoming-call notice', dialer.app.notifyIncomingCall(call)),
    },
    sink: {
      // The outbox is durable and merges by id; a failure here is reported, never thrown into
      // call handling (the outbox warns the agent itself through call-logs:on-warning).
      report: (event) => {
        dialer.callLogs.enqueue(event).catch((error: unknown) => {
          onDiagnostic(`call-log enqueue failed: ${error instanceof Error ? error.name : 'error'}`);
        });
      },
    },
    signals: {
      onResume: (listener) => dialer.system.onResume(() => listener()),
      onNetworkChange: (listener) => {
        const fromMain = dialer.system.onNetworkChange(({ online }) => listener(online));
        const online = listen('online', () => listener(true));
        const offline = listen('offline', () => listener(false));
        return () => {
          fromMain();
          online();
          offline();
        };
      },
      onFocusChange: (listener) => {
        const focus = listen('focus', () => listener(true));
        const blur = listen('blur', () => listener(false));
        return () => {
          focus();
          blur();
        };
      },
    },
  };
}
