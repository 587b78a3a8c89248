import { isFinalCallStatus, type CallStatus } from './call-enums.js';

/**
 * Status only moves forward: initiated → ringing → connected → one final outcome. Events arrive late,
 * twice or out of order (SDK notifications, the desktop outbox retrying, Telnyx webhooks), so every
 * writer merges through here instead of overwriting.
 */
export function callStatusRank(status: CallStatus): number {
  switch (status) {
    case 'initiated':
      return 0;
    case 'ringing':
      return 1;
    case 'connected':
      return 2;
    default:
      return 3;
  }
}

/** Whether a record in `from` may move to `to`. A final outcome is never replaced, not even by another. */
export function canAdvanceCallStatus(from: CallStatus, to: CallStatus): boolean {
  // Equivalent without it (outcomes share the top rank, so the rank test refuses them too); it
  // states the rule.
  // Stryker disable next-line ConditionalExpression: equivalent, see above
  if (isFinalCallStatus(from)) return false;
  return callStatusRank(to) > callStatusRank(from);
}

/** The status a record should hold after seeing `incoming`: the later of the two in call order. */
export function mergeCallStatus(current: CallStatus | undefined, incoming: CallStatus): CallStatus {
  if (current === undefined) return incoming;
  return canAdvanceCallStatus(current, incoming) ? incoming : current;
}
