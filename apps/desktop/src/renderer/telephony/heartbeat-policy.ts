/**
 * How often and how patiently the supervisor asks the gateway "am I registered?"
 * (docs/architecture.md#reconnect-design,
 * docs/telnyx-protocol.md#socketdisconnect-versus-disconnect). The SDK alone notices a silent
 * gateway only after ~27 s (docs/telnyx-protocol.md#ping); during a call that is far too long, so
 * the check runs tighter then.
 */
export interface HeartbeatPolicy {
  idleIntervalMs: number;
  inCallIntervalMs: number;
  /** How long `getIsRegistered()` may take before the socket counts as dead. */
  timeoutMs: number;
  /**
   * The same, when a call's inbound media has just stopped: with media gone too, a slow answer is
   * far more likely a dead path than a slow gateway.
   */
  stalledProbeMs: number;
  /** A window that was unfocused this long gets an immediate check when it regains focus. */
  longBlurMs: number;
}

/** Idle: a half-open socket is found within interval + timeout = 10 s. */
export const DEFAULT_HEARTBEAT: HeartbeatPolicy = {
  idleIntervalMs: 7_000,
  inCallIntervalMs: 5_000,
  timeoutMs: 3_000,
  stalledProbeMs: 1_500,
  longBlurMs: 60_000,
};

export function heartbeatIntervalMs(policy: HeartbeatPolicy, inCall: boolean): number {
  return inCall ? Math.min(policy.inCallIntervalMs, policy.idleIntervalMs) : policy.idleIntervalMs;
}

/** Worst case from the gateway going silent to the supervisor forcing a reconnect. */
export function detectionBudgetMs(policy: HeartbeatPolicy, inCall: boolean): number {
  return heartbeatIntervalMs(policy, inCall) + policy.timeoutMs;
}

export function shouldCheckOnFocus(policy: HeartbeatPolicy, blurredForMs: number): boolean {
  return blurredForMs >= policy.longBlurMs;
}

/** What one heartbeat learned: registered, told "not registered", or no answer in time. */
export type HeartbeatOutcome = 'registered' | 'unregistered' | 'timeout';

/**
 * `getIsRegistered()` has no timeout of its own (docs/telnyx-protocol.md#gateway-states): race it
 * against one.
 */
export async function raceHeartbeat(
  probe: () => Promise<boolean>,
  timeoutMs: number,
  setTimer: (fn: () => void, ms: number) => () => void,
): Promise<HeartbeatOutcome> {
  let cancel: (() => void) | undefined;
  const timeout = new Promise<HeartbeatOutcome>((resolve) => {
    cancel = setTimer(() => resolve('timeout'), timeoutMs);
  });
  const answer = probe().then(
    (ok): HeartbeatOutcome => (ok ? 'registered' : 'unregistered'),
    (): HeartbeatOutcome => 'unregistered',
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    cancel?.();
  }
}
