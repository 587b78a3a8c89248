import { CallLogQuerySchema, CallStatsQuerySchema, type AuthSession } from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import type { CompiledQuery } from 'kysely';
import type { Tenant } from './seed.js';
import type { SqlRunner } from './sql-runner.js';

/** One history query: the API request, and the raw SQL doing the same work (the baseline). */
export interface HistoryQuery {
  name: string;
  /** p95 target in ms (PostgreSQL at 1 M rows). */
  targetP95Ms: number;
  /** The index the API's statement must use (its plan is checked). */
  index: string;
  http(t: Tenant, i: number): { path: string; as: AuthSession };
  sql(t: Tenant, i: number): { text: string; params: unknown[] };
}

/**
 * The statement the API runs for a request: the query string parsed by the route's own schema and
 * compiled by the service's own query builder — what the plan check EXPLAINs.
 */
export function compiledFor(
  app: FastifyInstance,
  req: { path: string; as: AuthSession },
): CompiledQuery {
  const url = new URL(req.path, 'http://bench.invalid');
  const query = Object.fromEntries(url.searchParams);
  const p = { userId: req.as.user.id, orgId: req.as.user.orgId, role: req.as.user.role };
  const { callLogs } = app.services;
  return url.pathname.endsWith('/stats')
    ? callLogs.statsQuery(p, CallStatsQuerySchema.parse(query)).compile()
    : callLogs.listQuery(p, CallLogQuerySchema.parse(query)).compile();
}

const COLUMNS = 'select * from call_logs';
const ORDER = 'order by started_at desc, id desc limit 51';
const since30d = () => new Date(Date.now() - 30 * 86_400_000).toISOString();

/** Where a deep page starts for each org: the keyset cursor of the row at `offset`. */
export interface DeepCursor {
  startedAt: Date;
  id: string;
  cursor: string;
}

export async function deepCursors(
  db: SqlRunner,
  tenants: Tenant[],
  offset: number,
): Promise<DeepCursor[]> {
  const out: DeepCursor[] = [];
  for (const t of tenants) {
    const [row] = await db.query<{ started_at: Date; id: string }>(
      `select started_at, id from call_logs where org_id = $1
       order by started_at desc, id desc offset $2 limit 1`,
      [t.orgId, offset],
    );
    if (!row) throw new Error('deep cursor: too few rows');
    // The API's cursor encoding: base64url of [ISO started_at, id].
    const cursor = Buffer.from(JSON.stringify([row.started_at.toISOString(), row.id])).toString(
      'base64url',
    );
    out.push({ startedAt: row.started_at, id: row.id, cursor });
  }
  return out;
}

export function historyQueries(
  tenants: Tenant[],
  deep: DeepCursor[],
  deepOffset: number,
): HistoryQuery[] {
  const agentOf = (t: Tenant, i: number) => t.agents[i % t.agents.length]!;
  const deepOf = (t: Tenant) => deep[tenants.indexOf(t)]!;
  return [
    {
      name: "agent's first page",
      targetP95Ms: 20,
      index: 'call_logs_agent_started_idx',
      http: (t, i) => ({ path: '/api/call-logs?limit=50', as: agentOf(t, i) }),
      sql: (t, i) => ({
        text: `${COLUMNS} where org_id = $1 and agent_id = $2 ${ORDER}`,
        params: [t.orgId, agentOf(t, i).user.id],
      }),
    },
    {
      name: 'filtered team page',
      targetP95Ms: 20,
      index: 'call_logs_org_status_idx',
      http: (t) => ({
        path: '/api/call-logs?limit=50&status=completed&direction=inbound',
        as: t.admin,
      }),
      sql: (t) => ({
        text: `${COLUMNS} where org_id = $1 and direction = 'inbound' and status = 'completed' ${ORDER}`,
        params: [t.orgId],
      }),
    },
    {
      name: `deep keyset page (row ${deepOffset})`,
      targetP95Ms: 20,
      index: 'call_logs_org_started_idx',
      http: (t) => ({
        path: `/api/call-logs?limit=50&cursor=${deepOf(t).cursor}`,
        as: t.admin,
      }),
      sql: (t) => ({
        text: `${COLUMNS} where org_id = $1 and (started_at, id) < ($2, $3::uuid) ${ORDER}`,
        params: [t.orgId, deepOf(t).startedAt, deepOf(t).id],
      }),
    },
    {
      name: 'stats, 30 days by day',
      targetP95Ms: 100,
      index: 'call_logs_org_started_cover_idx',
      http: (t) => ({
        path: `/api/call-logs/stats?groupBy=day&from=${encodeURIComponent(since30d())}`,
        as: t.admin,
      }),
      sql: (t) => ({
        text: `select to_char(started_at at time zone 'UTC', 'YYYY-MM-DD') as key, status,
                 count(*)::int as total, count(answered_at)::int as answered,
                 coalesce(sum(duration_seconds), 0)::int as talk
               from call_logs where org_id = $1 and started_at >= $2 group by 1, 2`,
        params: [t.orgId, since30d()],
      }),
    },
  ];
}
