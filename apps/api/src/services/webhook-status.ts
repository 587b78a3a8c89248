import { statusFromWebhookHangup, type CallDirection, type CallStatus } from '@crokodialer/shared';

/**
 * Telnyx Call Control event → call status (docs/telnyx-protocol.md#webhook-events); hangups use the
 * shared call model.
 */
export function statusFromWebhook(
  eventType: string,
  payload: { hangup_cause?: unknown; hangup_source?: unknown; sip_hangup_cause?: unknown },
  ctx: { answered: boolean; direction: CallDirection },
): CallStatus | null {
  const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  switch (eventType) {
    case 'call.initiated':
      return 'initiated';
    case 'call.answered':
    case 'call.bridged':
      return 'connected';
    case 'call.hangup':
      return statusFromWebhookHangup({
        hangupCause: text(payload.hangup_cause),
        hangupSource: text(payload.hangup_source),
        sipHangupCause: text(payload.sip_hangup_cause),
        answered: ctx.answered,
        direction: ctx.direction,
      });
    default:
      return null;
  }
}
