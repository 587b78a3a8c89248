import type { CallLogRow } from '../db/schema.js';

const COLUMNS = [
  'id',
  'agent_id',
  'direction',
  'from',
  'to',
  'status',
  'disposition',
  'notes',
  'started_at',
  'answered_at',
  'ended_at',
  'duration_seconds',
  'hangup_cause',
  'telnyx_call_control_id',
] as const;

/**
 * One CSV cell. Quotes when needed; a leading `=`, `@`, tab or CR (and `+`/`-` not followed by
 * digits only) gets a `'` so spreadsheets do not run it as a formula — phone numbers stay intact.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (/^[=@\t\r]/.test(s) || (/^[+-]/.test(s) && !/^[+-]\d+$/.test(s))) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export async function* callLogsCsv(rows: AsyncIterable<CallLogRow>): AsyncGenerator<string> {
  yield `${COLUMNS.join(',')}\r\n`;
  for await (const r of rows) {
    const cells = [
      r.id,
      r.agent_id,
      r.direction,
      r.from_number,
      r.to_number,
      r.status,
      r.disposition,
      r.notes,
      iso(r.started_at),
      iso(r.answered_at),
      iso(r.ended_at),
      r.duration_seconds,
      r.hangup_cause,
      r.telnyx_call_control_id,
    ];
    yield `${cells.map(csvCell).join(',')}\r\n`;
  }
}
