import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { DEFAULT_HEARTBEAT, type HeartbeatPolicy } from './heartbeat-policy.js';
import type { Clock, LoginMaterialProvider, SystemSignals, TelnyxClientFactory } from './ports.js';
import { DEFAULT_TOKEN_REFRESH, type TokenRefreshPolicy } from './token-refresh.js';

export interface SupervisorConfig {
  backoff: BackoffPolicy;
  heartbeat: HeartbeatPolicy;
  tokenRefresh: TokenRefreshPolicy;
  /** A connect attempt that is not registered after this long counts as failed. */
  connectTimeoutMs: number;
  /**
   * A socket whose WebSocket handshake has not completed this long after `connect()` is given up
   * with its client. Kept at or below the backoff cap, so the phone is back within the cap of a
   * black-holed gateway's return.
   */
  handshakeTimeoutMs: number;
  /** A registration counts as stable (the backoff starts over) once it has lasted this long. */
  stableMs: number;
}

export const DEFAULT_SUPERVISOR_CONFIG: SupervisorConfig = {
  backoff: DEFAULT_BACKOFF,
  heartbeat: DEFAULT_HEARTBEAT,
  tokenRefresh: DEFAULT_TOKEN_REFRESH,
  connectTimeoutMs: 10_000,
  handshakeTimeoutMs: 5_000,
  stableMs: 10_000,
};

export interface SupervisorDeps {
  factory: TelnyxClientFactory;
  login: LoginMaterialProvider;
  clock: Clock;
  signals?: SystemSignals | undefined;
  /** Whether a call is live: heartbeats run tighter then (docs/architecture.md#heartbeat). */
  hasActiveCall: () => boolean;
  /**
   * Whether an in-socket re-login is safe now. The gateway answers a re-login with `clientReady`
   * listing the calls it knows; a call still being set up is not on that list yet, and the SDK then
   * ends it with SESSION_NOT_REATTACHED (docs/telnyx-protocol.md#reattach). The engine says no
   * while a call is being set up.
   */
  canReloginNow?: (() => boolean) | undefined;
  config?: Partial<SupervisorConfig> | undefined;
  random?: (() => number) | undefined;
}
