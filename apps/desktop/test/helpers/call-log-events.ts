import type { CallLogEvent } from '@crokodialer/shared';
import { randomUUID } from 'node:crypto';

/** The events a real outbound call produces, in order, for one call-log id. */
export function callLifecycle(n: number): CallLogEvent[] {
  const id = randomUUID();
  const start = new Date(Date.UTC(2026, 0, 1, 10, 0, n)).toISOString();
  const base = {
    id,
    direction: 'outbound' as const,
    from: '+14155550100',
    to: `+1415555${String(1000 + n).slice(-4)}`,
    startedAt: start,
  };
  return [
    { ...base, status: 'initiated' },
    { ...base, status: 'ringing' },
    { ...base, status: 'connected', answeredAt: start },
    { ...base, status: 'completed', answeredAt: start, endedAt: start, durationSeconds: 42 },
  ];
}
