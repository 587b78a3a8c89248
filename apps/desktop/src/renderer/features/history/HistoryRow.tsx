import { CloudOff, PhoneIncoming, PhoneMissed, PhoneOutgoing } from 'lucide-react';
import { Button } from 'react-aria-components';
import { formatDuration } from '../../ui/CallTimer.js';
import type { HistoryEntry } from './history-entries.js';

const STATUS_WORDS: Record<string, string> = {
  completed: 'Completed',
  connected: 'In progress',
  initiated: 'Started',
  ringing: 'Ringing',
  missed: 'Missed',
  'no-answer': 'No answer',
  cancelled: 'Cancelled',
  busy: 'Busy',
  failed: 'Failed',
  rejected: 'Declined',
};

const time = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function statusWords(status: string): string {
  return STATUS_WORDS[status] ?? status;
}

interface Props {
  entry: HistoryEntry;
  format: (number: string) => string;
  onRedial: (number: string) => void;
}

/** One call in the history; the whole row calls the number back. */
export function HistoryRow({ entry, format, onRedial }: Props) {
  const missed =
    entry.direction === 'inbound' &&
    ['missed', 'no-answer', 'cancelled', 'rejected'].includes(entry.status);
  const Icon = missed ? PhoneMissed : entry.direction === 'inbound' ? PhoneIncoming : PhoneOutgoing;
  const who = format(entry.remote);
  const when = time.format(new Date(entry.startedAt));
  const outcome = [statusWords(entry.status), entry.disposition?.replace(/-/g, ' ')]
    .filter(Boolean)
    .join(' · ');
  return (
    // The row's text is its name (what it shows is what a screen reader says), with the action first.
    <Button className="history-row" onPress={() => onRedial(entry.remote)}>
      <Icon size={16} aria-hidden="true" className={missed ? 'icon-missed' : 'icon-dir'} />
      <span className="history-main">
        <span className="sr-only">Call back </span>
        <span className="history-number mono">{who}</span>
        <span className="sr-only">
          {entry.direction === 'inbound' ? ' incoming, ' : ' outgoing, '}
        </span>
        <span className="history-outcome muted small">{outcome}</span>
      </span>
      <span className="history-meta small">
        <span className="muted">{when}</span>
        <span className="muted mono">
          {entry.pending && (
            <span
              className="badge badge-warn badge-tiny"
              title="Saved on this computer; not yet on the server"
            >
              <CloudOff size={11} aria-hidden="true" /> Pending
              <span className="sr-only">, not yet synced</span>
            </span>
          )}{' '}
          {entry.durationSeconds !== null ? formatDuration(entry.durationSeconds) : ''}
        </span>
      </span>
    </Button>
  );
}
