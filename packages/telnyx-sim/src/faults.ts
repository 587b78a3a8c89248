// Fault switches the control API flips (README.md "Faults"). The gateway reads them on every frame,
// so a fault takes effect at once and `reset` restores normal behaviour.

export interface Faults {
  /** Epoch ms until which WebSocket upgrades get HTTP 503 (the SDK backs off; PROTOCOL.md §3.1). */
  refuseUntil: number;
  /** Half-open link: sockets stay open but nothing is read, answered or pinged (PROTOCOL.md §2.4). */
  silent: boolean;
  /** Gateway state reported instead of REGED (e.g. FAILED; PROTOCOL.md §2.3). */
  gatewayState: string | null;
  /** Every frame the sim sends is delayed this long. */
  replyDelayMs: number;
  /** A reconnecting session gets `reattached_sessions: []` and its calls end (SESSION_NOT_REATTACHED). */
  forgetCallsOnReconnect: boolean;
}

export const noFaults = (): Faults => ({
  refuseUntil: 0,
  silent: false,
  gatewayState: null,
  replyDelayMs: 0,
  forgetCallsOnReconnect: false,
});
