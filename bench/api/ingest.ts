import { randomUUID } from 'node:crypto';
import type { UpsertCallLog } from '@crokodialer/shared';
import { runLoad } from '../lib/stats.js';
import type { LoadClient } from './http.js';
import type { Tenant } from './seed.js';
import type { SqlRunner } from './sql-runner.js';

/** A finished call as the desktop's outbox posts it (the upsert body, every field it knows). */
function finishedCall(i: number): UpsertCallLog {
  const started = new Date(Date.now() - 180_000 - i);
  return {
    id: randomUUID(),
    direction: 'outbound',
    from: '+15550001111',
    to: `+1444${String(i % 9_999_991).padStart(7, '0')}`,
    status: 'completed',
    disposition: null,
    notes: null,
    startedAt: started.toISOString(),
    answeredAt: new Date(started.getTime() + 5_000).toISOString(),
    endedAt: new Date(started.getTime() + 120_000).toISOString(),
    durationSeconds: 115,
    telnyxCallControlId: `v3:${randomUUID()}`,
    telnyxCallSessionId: randomUUID(),
    telnyxCallLegId: randomUUID(),
    hangupCause: 'normal_clearing',
  };
}

export interface IngestResult {
  perSecond: number;
  errors: number;
  firstError?: string;
  latencies: number[];
}

const rate = (n: number, wallMs: number) => Math.round((n / wallMs) * 1000 * 10) / 10;

export async function ingestHttp(
  client: LoadClient,
  tenants: Tenant[],
  total: number,
  concurrency: number,
): Promise<IngestResult> {
  const agents = tenants.flatMap((t) => t.agents);
  const r = await runLoad(total, concurrency, (i) =>
    client.expect(
      201,
      'POST',
      '/api/call-logs',
      agents[i % agents.length]!.accessToken,
      finishedCall(i),
    ),
  );
  return { perSecond: rate(r.latencies.length, r.wallMs), ...r };
}

/** The baseline: the same row straight into call_logs, one idempotent upsert statement each. */
export async function ingestRaw(
  db: SqlRunner,
  tenants: Tenant[],
  total: number,
  concurrency: number,
): Promise<IngestResult> {
  const agents = tenants.flatMap((t) =>
    t.agents.map((a) => ({ orgId: t.orgId, userId: a.user.id })),
  );
  const r = await runLoad(total, concurrency, async (i) => {
    const c = finishedCall(i);
    const a = agents[i % agents.length]!;
    const rows = await db.query(
      `insert into call_logs (id, org_id, agent_id, direction, from_number, to_number, status,
         disposition, notes, started_at, answered_at, ended_at, duration_seconds,
         telnyx_call_control_id, telnyx_call_session_id, telnyx_call_leg_id, hangup_cause)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       on conflict (id) do nothing returning *`,
      [
        c.id,
        a.orgId,
        a.userId,
        c.direction,
        c.from,
        c.to,
        c.status,
        c.disposition,
        c.notes,
        c.startedAt,
        c.answeredAt,
        c.endedAt,
        c.durationSeconds,
        c.telnyxCallControlId,
        c.telnyxCallSessionId,
        c.telnyxCallLegId,
        c.hangupCause,
      ],
    );
    if (rows.length !== 1) throw new Error('raw upsert inserted nothing');
  });
  return { perSecond: rate(r.latencies.length, r.wallMs), ...r };
}
