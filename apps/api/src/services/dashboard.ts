import type { CallTimeline, Dashboard, DashboardQuery } from '@crokodialer/shared';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import type { Principal } from './access-tokens.js';

type Period = Required<DashboardQuery>;

/** Agents count as online when they chose a presence and the API heard from them this recently. */
const ONLINE_WINDOW = sql`interval '20 minutes'`;
/** A call counts as answered once it connected, whoever reported it. */
const ANSWERED = sql<boolean>`(answered_at is not null or status in ('connected', 'completed'))`;

/**
 * The admin dashboard for a period, every figure aggregated in SQL over the covering index
 * call_logs (org_id, started_at) include (…), so a year of a busy org's calls never leaves the
 * database as rows. Days and hours are counted in the admin's time zone.
 */
export async function dashboard(db: Db, p: Principal, q: Period): Promise<Dashboard> {
  const from = new Date(q.from);
  const to = new Date(q.to);
  const inPeriod = db
    .selectFrom('call_logs')
    .where('org_id', '=', p.orgId)
    .where('started_at', '>=', from)
    .where('started_at', '<', to);
  const local = sql`(started_at at time zone ${q.tz})`;

  const [totals, perDay, perAgent, hours, online] = await Promise.all([
    inPeriod
      .select([
        sql<number>`count(*)::int`.as('calls'),
        sql<number>`(count(*) filter (where ${ANSWERED}))::int`.as('answered'),
        sql<number>`coalesce(sum(duration_seconds), 0)::int`.as('talk'),
      ])
      .executeTakeFirstOrThrow(),
    inPeriod
      .select([
        sql<string>`to_char(${local}, 'YYYY-MM-DD')`.as('day'),
        'status',
        sql<number>`count(*)::int`.as('calls'),
      ])
      .groupBy([sql`1`, 'status'])
      .orderBy(sql`1`)
      .execute(),
    db
      .with('per_agent', () =>
        inPeriod
          .select([
            'agent_id',
            sql<number>`count(*)::int`.as('calls'),
            sql<number>`(count(*) filter (where ${ANSWERED}))::int`.as('answered'),
            sql<number>`coalesce(sum(duration_seconds), 0)::int`.as('talk'),
          ])
          .groupBy('agent_id'),
      )
      .selectFrom('per_agent')
      .leftJoin('users', 'users.id', 'per_agent.agent_id')
      .select(['per_agent.agent_id', 'users.name', 'calls', 'answered', 'talk'])
      .orderBy('talk', 'desc')
      .orderBy('calls', 'desc')
      .execute(),
    inPeriod
      .select([
        sql<number>`extract(isodow from ${local})::int`.as('weekday'),
        sql<number>`extract(hour from ${local})::int`.as('hour'),
        sql<number>`count(*)::int`.as('calls'),
      ])
      .groupBy([sql`1`, sql`2`])
      .execute(),
    db
      .selectFrom('users')
      .select(['id', 'name', 'presence', 'last_seen_at'])
      .where('org_id', '=', p.orgId)
      .where('active', '=', true)
      .where('presence', '<>', 'offline')
      .where(sql<boolean>`last_seen_at > now() - ${ONLINE_WINDOW}`)
      .orderBy('name')
      .execute(),
  ]);

  const days = new Map<string, Record<string, number>>();
  for (const r of perDay) {
    const byStatus = days.get(r.day) ?? {};
    byStatus[r.status] = r.calls;
    days.set(r.day, byStatus);
  }
  return {
    totals: {
      calls: totals.calls,
      answered: totals.answered,
      answerRate:
        totals.calls === 0 ? 0 : Math.round((totals.answered / totals.calls) * 1000) / 1000,
      talkSeconds: totals.talk,
    },
    callsPerDay: [...days].map(([day, byStatus]) => ({ day, byStatus })),
    talkPerAgent: perAgent.map((r) => ({
      agentId: r.agent_id,
      name: r.name ?? (r.agent_id ? 'Removed agent' : 'Unassigned'),
      calls: r.calls,
      answered: r.answered,
      talkSeconds: r.talk,
    })),
    busiestHours: hours,
    onlineNow: online.map((u) => ({
      agentId: u.id,
      name: u.name,
      presence: u.presence,
      lastSeenAt: u.last_seen_at ? u.last_seen_at.toISOString() : null,
    })),
  };
}

/** A call's recorded changes, oldest first. Admins see every call of the org, agents their own. */
export async function callTimeline(db: Db, p: Principal, callLogId: string): Promise<CallTimeline> {
  let owner = db
    .selectFrom('call_logs')
    .select('id')
    .where('org_id', '=', p.orgId)
    .where('id', '=', callLogId);
  if (p.role !== 'admin') owner = owner.where('agent_id', '=', p.userId);
  if (!(await owner.executeTakeFirst())) throw notFound('call log');
  const rows = await db
    .selectFrom('call_log_events')
    .select(['at', 'kind', 'status', 'disposition'])
    .where('org_id', '=', p.orgId)
    .where('call_log_id', '=', callLogId)
    .orderBy('id')
    .execute();
  return {
    events: rows.map((r) => ({
      at: r.at.toISOString(),
      kind: r.kind,
      status: r.status as CallTimeline['events'][number]['status'],
      disposition: r.disposition,
    })),
  };
}
