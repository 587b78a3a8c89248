import { backoffDelayMs } from './backoff.js';
import { SDK_CODES, type ConnectionState, type ReconnectReason } from './connection-state.js';
import { heartbeatIntervalMs, raceHeartbeat, shouldCheckOnFocus } from './heartbeat-policy.js';
import type { LoginMaterial, RtcClient, RtcClientEvent, Unsubscribe } from './ports.js';
import {
  DEFAULT_SUPERVISOR_CONFIG,
  type SupervisorConfig,
  type SupervisorDeps,
} from './supervisor-config.js';
import { TimerSet } from './timer-set.js';
import { materialExpiryMs, tokenRefreshDelayMs } from './token-refresh.js';

export {
  DEFAULT_SUPERVISOR_CONFIG,
  type SupervisorConfig,
  type SupervisorDeps,
} from './supervisor-config.js';

type TimerName = 'retry' | 'connect-timeout' | 'handshake' | 'heartbeat' | 'token-refresh';

/**
 * Owns the one `TelnyxRTC` client and keeps it registered (docs/architecture.md#reconnect-design):
 * explicit states, heartbeat with its own timeout, backoff that never gives up, token refresh on
 * the same socket, and LOGIN_FAILED → fresh material once → `auth-failed`. Calls are the call
 * controller's; it hears the client's events through `onClientEvent`.
 */
export class ConnectionSupervisor {
  private readonly config: SupervisorConfig;
  private readonly timers: TimerSet<TimerName>;
  private state: ConnectionState = { status: 'offline' };
  private client: RtcClient | undefined;
  private unsubscribeClient: Unsubscribe | undefined;
  private material: LoginMaterial | undefined;
  private attempt = 0;
  private running = false;
  /** Bumped by stop() and client rebuilds: stale async continuations check it and bail out. */
  private generation = 0;
  private loginRetried = false;
  private heartbeatInFlight = false;
  private refreshWhenRegistered = false;
  private blurredAt: number | undefined;
  private signalSubscriptions: Unsubscribe[] = [];
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly eventListeners = new Set<(event: RtcClientEvent) => void>();

  constructor(private readonly deps: SupervisorDeps) {
    this.config = { ...DEFAULT_SUPERVISOR_CONFIG, ...deps.config };
    this.timers = new TimerSet(deps.clock);
  }

  getState(): ConnectionState {
    return this.state;
  }

  currentClient(): RtcClient | undefined {
    return this.client;
  }

  /** Timers the supervisor holds right now (leak checks). */
  get timerCount(): number {
    return this.timers.size;
  }

  onStateChange(listener: (state: ConnectionState) => void): Unsubscribe {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onClientEvent(listener: (event: RtcClientEvent) => void): Unsubscribe {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const { signals } = this.deps;
    if (signals) {
      this.signalSubscriptions = [
        signals.onResume(() => this.checkNow('resume')),
        signals.onNetworkChange((online) => {
          if (online) this.checkNow('network-change');
        }),
        signals.onFocusChange((focused) => this.focusChanged(focused)),
      ];
    }
    void this.connectAttempt();
  }

  /** Sign-out: ends calls (the only place `disconnect()` is used) and forgets the client. */
  async stop(): Promise<void> {
    this.running = false;
    this.generation += 1;
    this.timers.clearAll();
    for (const unsubscribe of this.signalSubscriptions) unsubscribe();
    this.signalSubscriptions = [];
    const client = this.dropClient();
    this.setState({ status: 'offline' });
    await client?.disconnect();
  }

  /** "Retry now": skip the backoff wait; after auth-failed, start over with fresh login material. */
  retryNow(): void {
    if (!this.running) return;
    if (this.state.status === 'auth-failed' || this.state.status === 'fatal') {
      this.loginRetried = false;
      const client = this.dropClient();
      void client?.disconnect();
      this.attempt = 0;
      void this.connectAttempt();
      return;
    }
    if (this.state.status === 'reconnecting') {
      this.timers.clear('retry');
      void this.connectAttempt();
    }
  }

  /**
   * An immediate health check: on `online`, resume, long-unfocused focus
   * (docs/architecture.md#network-changes-and-wake-up), or a call's media that stopped. Media
   * stopping is the fastest sign of a dead path during a call, so that probe gets the short
   * timeout: the two together say "half-open" within about 3 s.
   */
  checkNow(reason: 'resume' | 'network-change' | 'focus' | 'media-stalled'): void {
    if (!this.running) return;
    if (this.state.status === 'reconnecting') {
      this.retryNow();
      return;
    }
    if (this.state.status !== 'registered') return;
    // A network change mid-call: the old socket's route is likely gone, and a fresh socket makes the
    // gateway reattach the call with a new offer on the new network
    // (docs/architecture.md#network-changes-and-wake-up).
    if (reason === 'network-change' && this.deps.hasActiveCall()) {
      this.recover('network-change');
      return;
    }
    this.timers.clear('heartbeat');
    const { heartbeat } = this.config;
    void this.heartbeat(
      reason === 'media-stalled' ? heartbeat.stalledProbeMs : heartbeat.timeoutMs,
    );
  }

  /** Calls started or ended: the heartbeat interval depends on it. */
  callsChanged(): void {
    if (this.state.status === 'registered') this.scheduleHeartbeat();
  }

  private focusChanged(focused: boolean): void {
    const now = this.deps.clock.now();
    if (!focused) {
      this.blurredAt = now;
      return;
    }
    const blurredFor = this.blurredAt === undefined ? 0 : now - this.blurredAt;
    this.blurredAt = undefined;
    if (shouldCheckOnFocus(this.config.heartbeat, blurredFor)) this.checkNow('focus');
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }

  private dropClient(): RtcClient | undefined {
    this.unsubscribeClient?.();
    this.unsubscribeClient = undefined;
    const client = this.client;
    this.client = undefined;
    this.generation += 1;
    return client;
  }

  private async connectAttempt(fresh?: LoginMaterial): Promise<void> {
    if (!this.running) return;
    const generation = this.generation;
    this.timers.clear('retry');
    this.setState({ status: 'connecting', attempt: this.attempt });
    this.timers.set('connect-timeout', this.config.connectTimeoutMs, () => this.connectTimedOut());
    if (!this.client) {
      let material = fresh;
      try {
        material ??= await this.deps.login.get();
      } catch {
        if (generation === this.generation) this.scheduleRetry('login-material-unavailable');
        return;
      }
      if (generation !== this.generation || !this.running) return;
      this.material = material;
      let client: RtcClient;
      try {
        client = this.deps.factory.create(material);
      } catch (error) {
        // Construction fails only on what retrying cannot fix (a host the SDK cannot use, no
        // WebRTC in this runtime): say so instead of looping. "Retry now" starts over.
        this.fatal(`The phone client could not start: ${errorMessage(error)}`);
        return;
      }
      this.client = client;
      this.unsubscribeClient = client.subscribe((event) => this.handleEvent(client, event));
    }
    const client = this.client;
    const connectAt = this.deps.clock.now();
    this.timers.set('handshake', this.config.handshakeTimeoutMs, () =>
      this.handshakeTimedOut(client, connectAt),
    );
    try {
      await client.connect();
    } catch {
      if (client === this.client && this.state.status === 'connecting') {
        this.scheduleRetry('socket-closed');
      }
    }
  }

  /**
   * TCP accepted but the WebSocket upgrade never answered (a black-holed load balancer, a captive
   * portal): the SDK would wait on that socket until the browser gives up, minutes later, and every
   * `connect()` meanwhile is a no-op. Abandon the client; the next attempt builds a fresh one with a
   * fresh socket. The wait already spent counts towards the backoff.
   */
  private handshakeTimedOut(client: RtcClient, connectAt: number): void {
    if (client !== this.client || this.state.status !== 'connecting' || client.isConnected()) {
      return;
    }
    this.dropClient()?.abandon();
    this.scheduleRetry('handshake-timeout', this.deps.clock.now() - connectAt);
  }

  private connectTimedOut(): void {
    if (this.state.status !== 'connecting') return;
    const client = this.client;
    if (client && !client.isConnected()) {
      this.handshakeTimedOut(client, this.deps.clock.now() - this.config.connectTimeoutMs);
      return;
    }
    this.scheduleRetry('connect-timeout');
    // A socket that opened but never registered (silent gateway): close it so the next attempt
    // starts clean. Socket-only, so calls waiting for reattach survive
    // (docs/telnyx-protocol.md#socketdisconnect-versus-disconnect).
    client?.socketDisconnect();
  }

  private scheduleRetry(reason: ReconnectReason, waitedMs = 0): void {
    if (!this.running || this.state.status === 'reconnecting') return;
    if (this.state.status === 'auth-failed' || this.state.status === 'fatal') return;
    this.timers.clear('connect-timeout');
    this.timers.clear('handshake');
    this.timers.clear('heartbeat');
    // The backoff starts over only after a registration that held: a gateway that accepts and
    // drops at once, or two devices punting each other (docs/telnyx-protocol.md#punt), must not
    // reconnect in a tight loop.
    const now = this.deps.clock.now();
    if (this.state.status === 'registered' && now - this.state.since >= this.config.stableMs) {
      this.attempt = 0;
    }
    this.attempt += 1;
    const backoff = backoffDelayMs(this.attempt, this.config.backoff, this.deps.random);
    const delay = Math.max(0, backoff - waitedMs);
    const nextRetryAt = now + delay;
    this.setState({ status: 'reconnecting', attempt: this.attempt, nextRetryAt, reason });
    this.timers.set('retry', delay, () => void this.connectAttempt());
  }

  /**
   * Dead or unhealthy socket: close the socket only, never `disconnect()`
   * (docs/architecture.md#heartbeat).
   */
  private recover(reason: ReconnectReason): void {
    this.scheduleRetry(reason);
    this.client?.socketDisconnect();
  }

  private handleEvent(client: RtcClient, event: RtcClientEvent): void {
    if (client !== this.client || !this.running) return;
    switch (event.type) {
      case 'ready':
        this.registered();
        break;
      case 'socket-closed':
        if (this.state.status === 'registered' || this.state.status === 'connecting') {
          this.scheduleRetry('socket-closed');
        }
        break;
      case 'error':
        this.handleError(event.code, event.message);
        break;
      case 'warning':
        // A fallback only: our own schedule runs well ahead of the SDK's 120 s warning
        // (docs/telnyx-protocol.md#token-expiry-and-refresh), and a short-lived token would
        // otherwise trigger a refresh after every single login.
        if (
          event.code === SDK_CODES.tokenExpiringSoon &&
          this.state.status === 'registered' &&
          !this.timers.has('token-refresh')
        ) {
          void this.refreshToken();
        }
        break;
      case 'call-update':
        break;
    }
    for (const listener of [...this.eventListeners]) listener(event);
  }

  private handleError(code: number, message: string): void {
    if (code === SDK_CODES.loginFailed) {
      void this.loginFailed(message);
    } else if (code === SDK_CODES.reconnectionExhausted) {
      this.scheduleRetry('reconnection-exhausted');
    } else if (code === SDK_CODES.gatewayFailed) {
      this.scheduleRetry('gateway-failed');
    } else if (code === SDK_CODES.websocketConnectionFailed) {
      // 45001: the WebSocket constructor itself threw (an unusable URL,
      // docs/telnyx-protocol.md#reconnect-schedule); the SDK has already ended its calls, and the
      // same URL will fail the same way.
      this.fatal(`The gateway address cannot be used: ${message}`);
    }
  }

  private registered(): void {
    this.timers.clear('connect-timeout');
    this.timers.clear('handshake');
    this.timers.clear('retry');
    this.loginRetried = false;
    this.setState({ status: 'registered', since: this.deps.clock.now() });
    this.scheduleHeartbeat();
    if (this.refreshWhenRegistered) void this.refreshToken();
    else this.scheduleTokenRefresh();
  }

  /**
   * LOGIN_FAILED: fetch fresh material once (docs/architecture.md#login-failures), then give up
   * with a reason.
   */
  private async loginFailed(message: string): Promise<void> {
    if (this.loginRetried) {
      this.authFailed(`The gateway refused the login: ${message}`);
      return;
    }
    this.loginRetried = true;
    const generation = this.generation;
    let material: LoginMaterial;
    try {
      material = await this.deps.login.get();
    } catch {
      if (generation === this.generation) this.authFailed('Could not get fresh login details.');
      return;
    }
    if (generation !== this.generation || !this.running) return;
    const client = this.client;
    if (client?.isConnected() && material.kind === 'token') {
      this.material = material;
      this.timers.clear('token-refresh');
      await client.refreshToken(material.token).catch(() => undefined);
      return;
    }
    // Credentials changed, or no socket to log in on: rebuild the client with the new material.
    this.dropClient()?.abandon();
    this.timers.clear('token-refresh');
    this.state = { status: 'offline' };
    await this.connectAttempt(material);
  }

  private fatal(reason: string): void {
    this.timers.clearAll();
    const client = this.dropClient();
    void client?.disconnect();
    this.setState({ status: 'fatal', reason });
  }

  /**
   * Final for this client: the SDK would otherwise log in again on every reconnect (a gateway that
   * closes the socket after refusing a login), a lockout risk on a real account. Only "Retry now",
   * or a fresh start with new login material, builds another client.
   */
  private authFailed(reason: string): void {
    this.timers.clearAll();
    this.dropClient()?.abandon();
    this.setState({ status: 'auth-failed', reason });
  }

  private scheduleHeartbeat(): void {
    const interval = heartbeatIntervalMs(this.config.heartbeat, this.deps.hasActiveCall());
    this.timers.set('heartbeat', interval, () => void this.heartbeat());
  }

  private async heartbeat(timeoutMs = this.config.heartbeat.timeoutMs): Promise<void> {
    const client = this.client;
    if (!client || this.state.status !== 'registered' || this.heartbeatInFlight) return;
    this.heartbeatInFlight = true;
    const generation = this.generation;
    const outcome = await raceHeartbeat(
      () => client.getIsRegistered(),
      timeoutMs,
      (fn, ms) => {
        const handle = this.deps.clock.setTimeout(fn, ms);
        return () => this.deps.clock.clearTimeout(handle);
      },
    );
    this.heartbeatInFlight = false;
    if (generation !== this.generation || this.state.status !== 'registered') return;
    if (outcome === 'registered') this.scheduleHeartbeat();
    else this.recover('heartbeat-failed');
  }

  private scheduleTokenRefresh(): void {
    const material = this.material;
    if (material?.kind !== 'token' || this.timers.has('token-refresh')) return;
    const expiresAt = materialExpiryMs(material.expiresAt, material.token);
    if (expiresAt === undefined) return;
    const delay = tokenRefreshDelayMs(expiresAt, this.deps.clock.now(), this.config.tokenRefresh);
    this.timers.set('token-refresh', delay, () => void this.refreshToken());
  }

  /**
   * Fresh token on the same socket: `client.login({creds:{login_token}})`
   * (docs/telnyx-protocol.md#token-expiry-and-refresh).
   */
  private async refreshToken(): Promise<void> {
    this.timers.clear('token-refresh');
    const client = this.client;
    if (!client || this.material?.kind !== 'token') return;
    if (this.state.status !== 'registered') {
      this.refreshWhenRegistered = true;
      return;
    }
    this.refreshWhenRegistered = false;
    if (this.deps.canReloginNow && !this.deps.canReloginNow()) {
      this.timers.set('token-refresh', this.config.tokenRefresh.minDelayMs, () => {
        void this.refreshToken();
      });
      return;
    }
    const generation = this.generation;
    try {
      const material = await this.deps.login.get();
      if (generation !== this.generation) return;
      if (material.kind !== 'token') return;
      await client.refreshToken(material.token);
      if (generation !== this.generation) return;
      this.material = material;
    } catch {
      if (generation !== this.generation) return;
      this.timers.set('token-refresh', this.config.tokenRefresh.retryMs, () => {
        void this.refreshToken();
      });
      return;
    }
    this.scheduleTokenRefresh();
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
