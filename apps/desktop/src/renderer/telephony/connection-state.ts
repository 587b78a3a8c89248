/** What the UI sees of the connection to the gateway (docs/architecture.md#connection-states). */
export type ReconnectReason =
  | 'socket-closed'
  | 'heartbeat-failed'
  | 'connect-timeout'
  | 'handshake-timeout'
  | 'gateway-failed'
  | 'reconnection-exhausted'
  | 'network-change'
  | 'login-material-unavailable';

export type ConnectionState =
  | { status: 'offline' }
  | { status: 'connecting'; attempt: number }
  | { status: 'registered'; since: number }
  | { status: 'reconnecting'; attempt: number; nextRetryAt: number; reason: ReconnectReason }
  | { status: 'auth-failed'; reason: string }
  | { status: 'fatal'; reason: string };

export type ConnectionStatus = ConnectionState['status'];

/**
 * SDK error and warning codes the engine acts on (@telnyx/webrtc 2.27.10,
 * docs/telnyx-protocol.md#error-codes).
 */
export const SDK_CODES = {
  tokenExpiringSoon: 34001,
  signalingRecoveryRequired: 36003,
  websocketConnectionFailed: 45001,
  websocketError: 45002,
  reconnectionExhausted: 45003,
  gatewayFailed: 45004,
  loginFailed: 46001,
  sessionNotReattached: 48501,
} as const;
