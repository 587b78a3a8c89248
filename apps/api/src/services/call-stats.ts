import type { CallStats } from '@crokodialer/shared';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Principal } from './access-tokens.js';
import { timeOf } from './keyset-cursor.js';

export interface CallStatsQuery {
  from?: string;
  to?: string;
  groupBy: 'day' | 'agent';
}

/**
 * The statement behind callStats, one row per (group, status). It reads only columns of
 * call_logs_org_started_cover_idx, so PostgreSQL answers from the index alone (bench/README.md
 * checks the plan).
 */
export function callStatsQuery(db: Db, p: Principal, q: CallStatsQuery) {
  const key =
    q.groupBy === 'day'
      ? sql<string>`to_char(started_at at time zone 'UTC', 'YYYY-MM-DD')`
      : sql<string>`coalesce(agent_id::text, 'unassigned')`;
  let query = db
    .selectFrom('call_logs')
    .select([
      key.as('key'),
      'status',
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(answered_at)::int`.as('answered'),
      sql<number>`coalesce(sum(duration_seconds), 0)::int`.as('talk'),
    ])
    .where('org_id', '=', p.orgId);
  if (p.role !== 'admin') query = query.where('agent_id', '=', p.userId);
  if (q.from) query = query.where('started_at', '>=', timeOf(q.from, 'querystring.from'));
  if (q.to) query = query.where('started_at', '<', timeOf(q.to, 'querystring.to'));
  return query.groupBy([key, 'status']);
}

/** Calls by outcome, answer rate and talk time, per UTC day or per agent. */
export async function callStats(db: Db, p: Principal, q: CallStatsQuery): Promise<CallStats> {
  const rows = await callStatsQuery(db, p, q).execute();

  const groups = new Map<string, CallStats['rows'][number]>();
  for (const r of rows) {
    const g = groups.get(r.key) ?? {
      key: r.key,
      total: 0,
      byStatus: {},
      answered: 0,
      answerRate: 0,
      talkSeconds: 0,
    };
    g.total += r.total;
    g.byStatus[r.status] = (g.byStatus[r.status] ?? 0) + r.total;
    // A call counts as answered once it connected, whoever reported it.
    g.answered += r.status === 'connected' || r.status === 'completed' ? r.total : r.answered;
    g.talkSeconds += r.talk;
    groups.set(r.key, g);
  }
  const out = [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
  for (const g of out)
    g.answerRate = g.total === 0 ? 0 : Math.round((g.answered / g.total) * 1000) / 1000;
  return { groupBy: q.groupBy, rows: out };
}
