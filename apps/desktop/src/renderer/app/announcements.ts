import type { CallView } from '../telephony/telephony.store.js';

const OUTCOMES: Record<string, string> = {
  completed: 'Call ended',
  busy: 'The line is busy',
  'no-answer': 'No answer',
  rejected: 'The call was declined',
  cancelled: 'Call cancelled',
  missed: 'Missed call',
  failed: 'The call failed',
};

/**
 * What the live region says when a call changes, so a screen-reader user hears every call state
 * change; null when nothing worth saying changed (a quality update, a timer tick).
 */
export function announcementFor(
  before: CallView | undefined,
  after: CallView,
  format: (n: string) => string,
): string | null {
  const who = format(after.remoteNumber);
  const changed = before?.phase !== after.phase;
  switch (after.phase) {
    case 'incoming':
      return changed
        ? `Incoming call from ${who}${after.waiting ? ', while on another call' : ''}`
        : null;
    case 'dialing':
      return changed ? `Calling ${who}` : null;
    case 'ringing-out':
      return changed ? `Ringing ${who}` : null;
    case 'answering':
      return null;
    case 'active': {
      const was = before?.phase === 'active' ? before : undefined;
      if (!was) return `Connected with ${who}`;
      if (was.held !== after.held)
        return after.held ? `${who} is on hold` : `Resumed call with ${who}`;
      if (was.muted !== after.muted) return after.muted ? 'Microphone muted' : 'Microphone on';
      if (was.recovering !== after.recovering) {
        return after.recovering ? 'Connection lost, reconnecting the call' : 'Call reconnected';
      }
      return null;
    }
    case 'ended':
      return changed ? `${OUTCOMES[after.status] ?? 'Call ended'}: ${who}` : null;
  }
}
