// Fault switches the control API flips (README.md "Faults"). The gateway reads them on every frame,
// so a fault takes effect at once and `reset` restores normal behaviour.

export interface Faults {
  /**
   * Epoch ms until which WebSocket upgrades get HTTP 503 (the SDK backs off;
   * docs/telnyx-protocol.md#reconnect-schedule).
   */
  refuseUntil: number;
  /**
   * Epoch ms until which upgrades are black-holed: TCP accepted, the HTTP upgrade never answered (a
   * load balancer dropping traffic, a captive portal). Those sockets stay stuck after the window,
   * as they would on a real network; only new connections get through.
   */
  blackHoleUntil: number;
  /** Every login is refused (-32001) and the socket closed right after, as Telnyx does. */
  refuseLogin: boolean;
  /**
   * Half-open link: sockets stay open but nothing is read, answered or pinged
   * (docs/telnyx-protocol.md#ping).
   */
  silent: boolean;
  /**
   * Gateway state reported instead of REGED (e.g. FAILED; docs/telnyx-protocol.md#gateway-states).
   */
  gatewayState: string | null;
  /** Every frame the sim sends is delayed this long. */
  replyDelayMs: number;
  /** A reconnecting session gets `reattached_sessions: []` and its calls end (SESSION_NOT_REATTACHED). */
  forgetCallsOnReconnect: boolean;
}

export const noFaults = (): Faults => ({
  refuseUntil: 0,
  blackHoleUntil: 0,
  refuseLogin: false,
  silent: false,
  gatewayState: null,
  replyDelayMs: 0,
  forgetCallsOnReconnect: false,
});
