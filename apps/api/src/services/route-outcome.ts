import type { RouteAttempt } from '@crokodialer/shared';

/**
 * How an agent's leg ended before anyone answered, from Telnyx's `call.hangup` payload: 480 is an
 * agent with no registered app (SIP RG1), 486/603 or `user_busy`/`call_rejected` a decline (the SDK
 * hangs up a ringing call with USER_BUSY), `timeout` the dial's ring timeout
 * (docs/telnyx-protocol.md#inbound-routing).
 */
export function attemptOutcome(payload: Record<string, unknown>): Omit<RouteAttempt, 'agentId'> {
  const cause = typeof payload.hangup_cause === 'string' ? payload.hangup_cause : 'unspecified';
  const sip = typeof payload.sip_hangup_cause === 'string' ? payload.sip_hangup_cause : '';
  if (sip === '480') return { outcome: 'offline', reason: 'sip 480' };
  if (['user_busy', 'call_rejected'].includes(cause) || ['486', '600', '603'].includes(sip)) {
    return { outcome: 'declined', reason: sip ? `sip ${sip}` : cause };
  }
  if (['timeout', 'no_answer'].includes(cause) || sip === '408') {
    return { outcome: 'no-answer', reason: cause };
  }
  return { outcome: 'failed', reason: sip ? `${cause}, sip ${sip}` : cause };
}

/** What the API puts in `client_state` (base64 JSON) to know a leg when its webhooks come back. */
export type RouteState =
  { k: 'in'; id: string } | { k: 'agent'; id: string; step: number } | { k: 'bye'; id: string };

export const encodeState = (s: RouteState): string =>
  Buffer.from(JSON.stringify(s)).toString('base64');

export function decodeState(value: unknown): RouteState | undefined {
  if (typeof value !== 'string' || value.length > 512) return undefined;
  try {
    const s = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as Partial<RouteState>;
    if (typeof s.id !== 'string') return undefined;
    if (s.k === 'in' || s.k === 'bye') return { k: s.k, id: s.id };
    if (s.k === 'agent' && typeof s.step === 'number')
      return { k: 'agent', id: s.id, step: s.step };
  } catch {
    // not ours: a desktop's client_state (a call log id) or garbage
  }
  return undefined;
}
