import type { ConnectionStatus } from './connection-state.js';
/**
 * Everything the telephony engine needs from outside, as small injected ports
 * (docs/architecture.md#reconnect-design): main's login material and call-log outbox, system
 * signals, a clock, and a seam over `new TelnyxRTC(...)`. Production wires them to `window.dialer`
 * and the real SDK (dialer-ports.ts, sdk-client.ts); unit tests pass fakes; end-to-end tests run
 * the real SDK against telnyx-sim.
 */
import type { CallLogEvent, IncomingCall, LoginMaterial, Unsubscribe } from '@crokodialer/shared';

export type { CallLogEvent, LoginMaterial, Unsubscribe };

/**
 * Main hands over material for ONE registration; ask again for every (re)login
 * (docs/architecture.md#login-material).
 */
export interface LoginMaterialProvider {
  get(): Promise<LoginMaterial>;
}

/** Main's durable outbox; `report` must not throw (failures are the outbox's business). */
export interface CallLogSink {
  report(event: CallLogEvent): void;
}

/**
 * What main shows outside the window: the tray's registration state, keep-awake while a call is
 * live, and a native notification for a ringing inbound call. Fire-and-forget, must not throw.
 */
export interface HostPort {
  registrationChanged(status: ConnectionStatus): void;
  callActiveChanged(active: boolean): void;
  incomingCall(call: IncomingCall): void;
}

/**
 * The agent's choices the engine acts on. Main's settings are their one home: a change from the
 * tray, the UI or another window arrives here, and the engine follows it (auto-decline, routing).
 * `null` devices mean the system default.
 */
export interface Preferences {
  doNotDisturb: boolean;
  inputDeviceId: string | null;
  outputDeviceId: string | null;
}

export interface PreferencesPort {
  get(): Promise<Preferences>;
  onChange(listener: (preferences: Preferences) => void): Unsubscribe;
}

export interface SystemSignals {
  /** The machine woke up (main tells the renderer). */
  onResume(listener: () => void): Unsubscribe;
  onNetworkChange(listener: (online: boolean) => void): Unsubscribe;
  /** The window gained or lost focus. */
  onFocusChange(listener: (focused: boolean) => void): Unsubscribe;
}

export type TimerHandle = unknown;

/** Time and timers, injectable so backoff and heartbeats are testable with fake timers. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * SDK call states as strings (docs/telnyx-protocol.md#call-flows; `SdkCallState` in
 * packages/shared).
 */
export interface RtcCallSnapshot {
  id: string;
  state: string;
  direction: 'inbound' | 'outbound' | undefined;
  remoteNumber: string;
  remoteName: string;
  localNumber: string;
  clientState: string | undefined;
  telnyxCallControlId: string | undefined;
  telnyxSessionId: string | undefined;
  telnyxLegId: string | undefined;
  cause: string | null;
  causeCode: number | null;
  sipCode: number | null;
  sipReason: string | null;
}

/** One SDK call, narrowed to what the engine uses. */
export interface RtcCall {
  readonly id: string;
  snapshot(): RtcCallSnapshot;
  answer(): Promise<void>;
  hangup(): Promise<void>;
  hold(): Promise<void>;
  unhold(): Promise<void>;
  dtmf(digits: string): void;
  setMuted(muted: boolean): void;
  isMuted(): boolean;
  setInputDevice(deviceId: string): Promise<void>;
  setOutputDevice(deviceId: string): Promise<boolean>;
  /** The call's peer connection stats, or undefined while it has no peer. */
  getStats(): Promise<RTCStatsReport | undefined>;
}

export interface OutboundCallRequest {
  destination: string;
  callerNumber: string;
  callerName: string | undefined;
  /**
   * Base64 of the call-log id: the gateway echoes it to webhooks as `client_state`
   * (docs/telnyx-protocol.md#outbound-invite).
   */
  clientState: string;
}

/**
 * SDK events, normalised (docs/telnyx-protocol.md#gateway-states,
 * docs/telnyx-protocol.md#reconnect-schedule, docs/telnyx-protocol.md#sdk-behaviour).
 */
export type RtcClientEvent =
  | { type: 'ready' }
  | { type: 'socket-closed'; code: number | undefined }
  | { type: 'error'; code: number; name: string; message: string; callId: string | undefined }
  | { type: 'warning'; code: number; name: string }
  | { type: 'call-update'; call: RtcCall };

/** One `TelnyxRTC` instance, narrowed. */
export interface RtcClient {
  connect(): Promise<void>;
  /**
   * Closes only the socket: calls stay and are reattached after the reconnect
   * (docs/telnyx-protocol.md#socketdisconnect-versus-disconnect).
   */
  socketDisconnect(): void;
  /**
   * Ends everything, BYEs calls (docs/telnyx-protocol.md#socketdisconnect-versus-disconnect): only
   * for sign-out.
   */
  disconnect(): Promise<void>;
  /**
   * Gives this client up for good, whatever its socket is doing (even mid-handshake): its events
   * stop, its own reconnects stop and its socket closes, without a BYE. The gateway keeps the
   * calls for a fresh client to reattach.
   */
  abandon(): void;
  isConnected(): boolean;
  getIsRegistered(): Promise<boolean>;
  /**
   * Re-login on the same socket with a fresh token
   * (docs/telnyx-protocol.md#token-expiry-and-refresh).
   */
  refreshToken(token: string): Promise<void>;
  newCall(request: OutboundCallRequest): RtcCall;
  subscribe(listener: (event: RtcClientEvent) => void): Unsubscribe;
}

export interface TelnyxClientFactory {
  create(material: LoginMaterial): RtcClient;
}
