import type { CallStatus } from '@crokodialer/shared';

/**
 * Telnyx Call Control event → call status (PROTOCOL.md §5.7). Kept in this one function until the
 * shared call model offers the same mapping; then this delegates to it.
 */
export function statusFromWebhook(
  eventType: string,
  payload: { hangup_cause?: unknown; state?: unknown },
  ctx: { answered: boolean; direction: 'inbound' | 'outbound' },
): CallStatus | null {
  switch (eventType) {
    case 'call.initiated':
      return 'initiated';
    case 'call.answered':
    case 'call.bridged':
      return 'connected';
    case 'call.hangup':
      return statusFromHangupCause(
        typeof payload.hangup_cause === 'string' ? payload.hangup_cause : 'unspecified',
        ctx,
      );
    default:
      return null;
  }
}

export function statusFromHangupCause(
  cause: string,
  ctx: { answered: boolean; direction: 'inbound' | 'outbound' },
): CallStatus {
  if (ctx.answered) return 'completed';
  switch (cause) {
    case 'user_busy':
      return 'busy';
    case 'no_answer':
    case 'timeout':
      return ctx.direction === 'inbound' ? 'missed' : 'no-answer';
    case 'call_rejected':
      return 'rejected';
    case 'originator_cancel':
      return ctx.direction === 'inbound' ? 'missed' : 'cancelled';
    case 'normal_clearing':
      return ctx.direction === 'inbound' ? 'missed' : 'cancelled';
    default:
      return 'failed';
  }
}
