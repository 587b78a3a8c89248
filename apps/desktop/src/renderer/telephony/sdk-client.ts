/**
 * The seam over the real SDK (@telnyx/webrtc 2.27.10): `new TelnyxRTC(...)` and its events, narrowed
 * to the RtcClient/RtcCall ports. Used in production and in end-to-end tests (never faked there).
 */
import {
  TelnyxRTC,
  type Call,
  type IClientOptions,
  type INotification,
  type ITelnyxErrorEvent,
  type ITelnyxWarningEvent,
} from '@telnyx/webrtc';
import { iceOptionsFor } from './ice-policy.js';
import type {
  LoginMaterial,
  OutboundCallRequest,
  RtcCall,
  RtcCallSnapshot,
  RtcClient,
  RtcClientEvent,
  TelnyxClientFactory,
  Unsubscribe,
} from './ports.js';

export interface SdkClientOptions {
  /** The <audio> element (or its id) that plays the far end. */
  remoteElement: HTMLMediaElement | string;
  /** Extra SDK options (tests: `maxReconnectAttempts`, …). Never credentials. */
  extra?: Partial<IClientOptions> | undefined;
}

/**
 * Options for one client. `host` and `autoReconnect` exist only on the SDK's IVertoOptions, not on
 * IClientOptions, hence the widened type (docs/telnyx-protocol.md#the-host-option). ICE servers
 * follow ice-policy.ts (the SDK's STUN/TURN for real Telnyx, none for a loopback sim); call reports
 * are off (docs/telnyx-protocol.md#call-reports). `maxReconnectAttempts: 0` (unlimited) stops the
 * SDK from giving up and tearing calls down locally after ten tries
 * (docs/telnyx-protocol.md#reconnect-schedule); the supervisor's own backoff runs alongside and
 * usually comes first.
 */
export function sdkOptions(
  material: LoginMaterial,
  extra?: Partial<IClientOptions>,
): IClientOptions & { host: string } {
  const auth =
    material.kind === 'token'
      ? { login_token: material.token }
      : { login: material.login, password: material.password };
  return {
    ...iceOptionsFor(material.host),
    enableCallReports: false,
    maxReconnectAttempts: 0,
    ...extra,
    ...auth,
    host: material.host,
  };
}

const CALL_STATES = [
  'new',
  'requesting',
  'trying',
  'recovering',
  'ringing',
  'answering',
  'early',
  'active',
  'held',
  'hangup',
  'destroy',
  'purge',
] as const;

const stringOrUndefined = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : undefined;
const numberOrNull = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

/** The SDK call options `partiesOf` reads. */
export type CallPartyOptions = Pick<
  Call['options'],
  'remoteCallerNumber' | 'remoteCallerName' | 'destinationNumber' | 'callerNumber'
>;

/**
 * The far end and our end of a call from its SDK options. Inbound, the SDK fills an empty caller
 * number with the callee, our own SIP user (docs/telnyx-protocol.md#inbound-invite): that is a
 * withheld caller, not us calling ourselves, so it reads as none.
 */
export function partiesOf(
  options: CallPartyOptions,
  inbound: boolean,
): { remoteNumber: string; remoteName: string; localNumber: string } {
  const remoteName = options.remoteCallerName ?? '';
  if (!inbound) {
    return {
      remoteNumber: options.destinationNumber ?? '',
      remoteName,
      localNumber: options.callerNumber ?? '',
    };
  }
  const callee = options.destinationNumber ?? '';
  const caller = options.remoteCallerNumber ?? '';
  return { remoteNumber: caller === callee ? '' : caller, remoteName, localNumber: callee };
}

class SdkCall implements RtcCall {
  constructor(readonly sdk: Call) {}

  get id(): string {
    return this.sdk.id;
  }

  snapshot(): RtcCallSnapshot {
    const call = this.sdk;
    const options = call.options;
    // `state` is a name on notifications; on the object it may be the enum's number
    // (docs/telnyx-protocol.md#outbound-invite).
    const raw: unknown = call.state;
    const state = typeof raw === 'number' ? (CALL_STATES[raw] ?? String(raw)) : String(raw);
    const rawDirection: string | undefined = call.direction;
    // Only inbound calls ring or get answered (docs/telnyx-protocol.md#inbound-invite); the field
    // may not be set yet when they do.
    const direction =
      state === 'ringing' || state === 'answering'
        ? 'inbound'
        : rawDirection === 'inbound' || rawDirection === 'outbound'
          ? rawDirection
          : undefined;
    const ids = call.telnyxIDs;
    return {
      id: call.id,
      state,
      direction,
      ...partiesOf(options, direction === 'inbound'),
      clientState: stringOrUndefined(options.clientState),
      telnyxCallControlId: stringOrUndefined(ids.telnyxCallControlId),
      telnyxSessionId: stringOrUndefined(ids.telnyxSessionId),
      telnyxLegId: stringOrUndefined(ids.telnyxLegId),
      cause: stringOrUndefined(call.cause) ?? null,
      causeCode: numberOrNull(call.causeCode),
      sipCode: numberOrNull(call.sipCode),
      sipReason: stringOrUndefined(call.sipReason) ?? null,
    };
  }

  answer(): Promise<void> {
    return this.sdk.answer();
  }

  hangup(): Promise<void> {
    return this.sdk.hangup();
  }

  async hold(): Promise<void> {
    await this.sdk.hold();
  }

  async unhold(): Promise<void> {
    await this.sdk.unhold();
  }

  dtmf(digits: string): void {
    this.sdk.dtmf(digits);
  }

  setMuted(muted: boolean): void {
    if (muted) this.sdk.muteAudio();
    else this.sdk.unmuteAudio();
  }

  isMuted(): boolean {
    return this.sdk.isAudioMuted;
  }

  setInputDevice(deviceId: string): Promise<void> {
    return this.sdk.setAudioInDevice(deviceId);
  }

  setOutputDevice(deviceId: string): Promise<boolean> {
    return this.sdk.setAudioOutDevice(deviceId);
  }

  async getStats(): Promise<RTCStatsReport | undefined> {
    const pc = this.sdk.peer?.instance;
    return pc ? await pc.getStats() : undefined;
  }
}

class SdkClient implements RtcClient {
  readonly sdk: TelnyxRTC;
  private readonly listeners = new Set<(event: RtcClientEvent) => void>();
  /** One wrapper per SDK Call object; a reattached call is a new object with the same id. */
  private readonly wrappers = new WeakMap<Call, SdkCall>();
  private readonly handlers: Array<[string, (payload: never) => void]>;

  constructor(material: LoginMaterial, options: SdkClientOptions) {
    this.sdk = new TelnyxRTC(sdkOptions(material, options.extra));
    this.sdk.remoteElement = options.remoteElement;
    this.handlers = [
      ['telnyx.ready', () => this.emit({ type: 'ready' })],
      [
        'telnyx.socket.close',
        (e: { event?: { code?: number } } | undefined) =>
          this.emit({ type: 'socket-closed', code: e?.event?.code }),
      ],
      ['telnyx.socket.error', () => this.emit({ type: 'socket-closed', code: undefined })],
      [
        'telnyx.error',
        (e: ITelnyxErrorEvent) =>
          this.emit({
            type: 'error',
            code: Number(e.error.code),
            name: e.error.name,
            message: e.error.message,
            callId: e.callId,
          }),
      ],
      [
        'telnyx.warning',
        (e: ITelnyxWarningEvent) =>
          this.emit({ type: 'warning', code: Number(e.warning.code), name: e.warning.name }),
      ],
      [
        'telnyx.notification',
        (n: INotification) => {
          if (n.type === 'callUpdate' && n.call)
            this.emit({ type: 'call-update', call: this.wrap(n.call) });
        },
      ],
    ];
    for (const [name, handler] of this.handlers) this.sdk.on(name, handler);
  }

  private wrap(call: Call): SdkCall {
    let wrapper = this.wrappers.get(call);
    if (!wrapper) {
      wrapper = new SdkCall(call);
      this.wrappers.set(call, wrapper);
    }
    return wrapper;
  }

  private emit(event: RtcClientEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  connect(): Promise<void> {
    return this.sdk.connect();
  }

  socketDisconnect(): void {
    this.sdk.socketDisconnect();
  }

  async disconnect(): Promise<void> {
    try {
      await this.sdk.disconnect();
    } finally {
      for (const [name, handler] of this.handlers) this.sdk.off(name, handler);
    }
  }

  abandon(): void {
    for (const [name, handler] of this.handlers) this.sdk.off(name, handler);
    // `serverDisconnect()` tears calls down locally without a BYE (the gateway keeps them for a
    // fresh client's reattach), turns the SDK's reconnects off and closes the socket even when it
    // is still connecting, which `socketDisconnect()` alone would leave to reconnect again.
    this.sdk.serverDisconnect().catch(() => undefined);
  }

  isConnected(): boolean {
    return this.sdk.connected === true;
  }

  getIsRegistered(): Promise<boolean> {
    return this.sdk.getIsRegistered();
  }

  refreshToken(token: string): Promise<void> {
    return this.sdk.login({ creds: { login_token: token } });
  }

  newCall(request: OutboundCallRequest): RtcCall {
    const call = this.sdk.newCall({
      destinationNumber: request.destination,
      callerNumber: request.callerNumber,
      callerName: request.callerName,
      clientState: request.clientState,
    });
    return this.wrap(call);
  }

  subscribe(listener: (event: RtcClientEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export function sdkClientFactory(options: SdkClientOptions): TelnyxClientFactory {
  return { create: (material) => new SdkClient(material, options) };
}
