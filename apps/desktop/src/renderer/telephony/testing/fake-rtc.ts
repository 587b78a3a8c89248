/**
 * A scripted stand-in for the SDK boundary, for unit tests only (end-to-end tests use the real SDK
 * against telnyx-sim). It records what the engine asked for and lets a test play the gateway's part.
 */
import type {
  LoginMaterial,
  OutboundCallRequest,
  RtcCall,
  RtcCallSnapshot,
  RtcClient,
  RtcClientEvent,
  TelnyxClientFactory,
  Unsubscribe,
} from '../ports.js';

export class FakeRtcCall implements RtcCall {
  muted = false;
  dtmfSent = '';
  inputDevice: string | undefined;
  outputDevice: string | undefined;
  answered = 0;
  hungUp = 0;
  snap: RtcCallSnapshot;

  constructor(
    private readonly client: FakeRtcClient,
    init: Partial<RtcCallSnapshot> & { id: string },
  ) {
    this.snap = {
      state: 'new',
      direction: undefined,
      remoteNumber: '',
      remoteName: '',
      localNumber: '',
      clientState: undefined,
      telnyxCallControlId: undefined,
      telnyxSessionId: undefined,
      telnyxLegId: undefined,
      cause: null,
      causeCode: null,
      sipCode: null,
      sipReason: null,
      ...init,
    };
  }

  get id(): string {
    return this.snap.id;
  }

  snapshot(): RtcCallSnapshot {
    return { ...this.snap };
  }

  /** The gateway (or SDK) moves the call and the SDK notifies. */
  update(patch: Partial<RtcCallSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    this.client.emit({ type: 'call-update', call: this });
  }

  answer(): Promise<void> {
    this.answered += 1;
    this.update({ state: 'answering' });
    return Promise.resolve();
  }

  hangup(): Promise<void> {
    this.hungUp += 1;
    const answered = this.snap.state === 'active' || this.snap.state === 'held';
    this.update(
      answered
        ? { state: 'hangup', cause: 'NORMAL_CLEARING', causeCode: 16 }
        : { state: 'hangup', cause: 'USER_BUSY', causeCode: 17 },
    );
    this.update({ state: 'destroy' });
    return Promise.resolve();
  }

  hold(): Promise<void> {
    this.update({ state: 'held' });
    return Promise.resolve();
  }

  unhold(): Promise<void> {
    this.update({ state: 'active' });
    return Promise.resolve();
  }

  dtmf(digits: string): void {
    this.dtmfSent += digits;
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
  }

  isMuted(): boolean {
    return this.muted;
  }

  setInputDevice(deviceId: string): Promise<void> {
    this.inputDevice = deviceId;
    return Promise.resolve();
  }

  setOutputDevice(deviceId: string): Promise<boolean> {
    this.outputDevice = deviceId;
    return Promise.resolve(true);
  }

  getStats(): Promise<RTCStatsReport | undefined> {
    return Promise.resolve(undefined);
  }
}

export class FakeRtcClient implements RtcClient {
  connected = false;
  connectCalls = 0;
  socketDisconnects = 0;
  disconnects = 0;
  abandoned = false;
  refreshedTokens: string[] = [];
  outbound: OutboundCallRequest[] = [];
  /** The calls `newCall()` placed, in order. */
  readonly placed: FakeRtcCall[] = [];
  /** What getIsRegistered() does: answer true/false, or never settle (a half-open socket). */
  registeredAnswer: 'yes' | 'no' | 'hang' = 'yes';
  private readonly listeners = new Set<(event: RtcClientEvent) => void>();
  private nextCall = 1;

  constructor(readonly material: LoginMaterial) {}

  get listenerCount(): number {
    return this.listeners.size;
  }

  emit(event: RtcClientEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  /** The gateway accepts the socket and registers the client. */
  becomeReady(): void {
    this.connected = true;
    this.emit({ type: 'ready' });
  }

  closeSocket(code = 1006): void {
    this.connected = false;
    this.emit({ type: 'socket-closed', code });
  }

  error(code: number, name: string, callId?: string): void {
    this.emit({ type: 'error', code, name, message: name, callId });
  }

  connect(): Promise<void> {
    this.connectCalls += 1;
    return Promise.resolve();
  }

  socketDisconnect(): void {
    this.socketDisconnects += 1;
    this.closeSocket(1005);
  }

  disconnect(): Promise<void> {
    this.disconnects += 1;
    this.connected = false;
    return Promise.resolve();
  }

  abandon(): void {
    this.abandoned = true;
    this.connected = false;
    this.listeners.clear();
  }

  isConnected(): boolean {
    return this.connected;
  }

  getIsRegistered(): Promise<boolean> {
    if (this.registeredAnswer === 'hang') return new Promise<boolean>(() => undefined);
    return Promise.resolve(this.registeredAnswer === 'yes');
  }

  refreshToken(token: string): Promise<void> {
    this.refreshedTokens.push(token);
    return Promise.resolve();
  }

  newCall(request: OutboundCallRequest): FakeRtcCall {
    this.outbound.push(request);
    const call = new FakeRtcCall(this, {
      id: `out-${this.nextCall++}`,
      direction: 'outbound',
      remoteNumber: request.destination,
      localNumber: request.callerNumber,
      clientState: request.clientState,
    });
    this.placed.push(call);
    call.update({ state: 'new' });
    return call;
  }

  /**
   * The gateway offers an inbound call. As the real SDK does, the call is first reported `new`
   * before its direction is set, so its parties then read the outbound way round: both are the
   * callee, the agent's own line (sdk-client.ts); `ringing` follows with the caller.
   */
  ring(id: string, from: string, to: string): FakeRtcCall {
    const call = new FakeRtcCall(this, { id, remoteNumber: to, localNumber: to });
    call.update({ state: 'new' });
    call.update({ state: 'ringing', direction: 'inbound', remoteNumber: from });
    return call;
  }

  subscribe(listener: (event: RtcClientEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export class FakeClientFactory implements TelnyxClientFactory {
  readonly created: FakeRtcClient[] = [];

  create(material: LoginMaterial): FakeRtcClient {
    const client = new FakeRtcClient(material);
    this.created.push(client);
    return client;
  }

  get last(): FakeRtcClient {
    const client = this.created.at(-1);
    if (!client) throw new Error('no client created yet');
    return client;
  }
}
