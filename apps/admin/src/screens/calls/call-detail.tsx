import type { CallLog } from '@crokodialer/shared';
import { ModalDialog } from '../../ui/dialog';
import { ErrorNote } from '../../ui/error-note';
import { dateTime, duration } from '../../ui/format';
import { useTimeline } from './calls-api';

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

/** One call: its facts, Telnyx ids and the timeline of what changed when. */
export function CallDetail(props: { call: CallLog; agentName: string; onClose: () => void }) {
  const { call } = props;
  const timeline = useTimeline(call.id);
  return (
    <ModalDialog title="Call detail" isOpen onOpenChange={(o) => !o && props.onClose()}>
      <dl className="facts">
        <dt>Agent</dt>
        <dd>{props.agentName}</dd>
        <dt>Direction</dt>
        <dd>{call.direction}</dd>
        <dt>From → to</dt>
        <dd>
          {call.from} → {call.to}
        </dd>
        <dt>Outcome</dt>
        <dd>{call.status}</dd>
        <dt>Started</dt>
        <dd>{dateTime(call.startedAt)}</dd>
        <dt>Answered</dt>
        <dd>{dateTime(call.answeredAt)}</dd>
        <dt>Ended</dt>
        <dd>{dateTime(call.endedAt)}</dd>
        <dt>Talk time</dt>
        <dd>{duration(call.durationSeconds)}</dd>
        <dt>Hangup cause</dt>
        <dd>{call.hangupCause ?? '—'}</dd>
        <dt>Disposition</dt>
        <dd>{call.disposition ?? '—'}</dd>
        <dt>Notes</dt>
        <dd>{call.notes ?? '—'}</dd>
        <dt>Call control id</dt>
        <dd className="mono">{call.telnyxCallControlId ?? '—'}</dd>
        <dt>Call session id</dt>
        <dd className="mono">{call.telnyxCallSessionId ?? '—'}</dd>
        <dt>Call leg id</dt>
        <dd className="mono">{call.telnyxCallLegId ?? '—'}</dd>
      </dl>
      <h3>Timeline</h3>
      <ErrorNote error={timeline.error} />
      <ol className="timeline" aria-label="Timeline">
        {timeline.data?.events.map((e, i) => (
          <li key={i}>
            <span className="mono">{time(e.at)}</span>{' '}
            {e.kind === 'status'
              ? `status → ${e.status}`
              : e.kind === 'disposition'
                ? `disposition → ${e.disposition ?? 'cleared'}`
                : 'notes edited'}
          </li>
        ))}
      </ol>
      <div className="btn-row">
        <button className="btn" type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
