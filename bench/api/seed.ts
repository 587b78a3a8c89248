import type { AuthSession } from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import type { SqlRunner } from './sql-runner.js';

export interface Tenant {
  orgId: string;
  admin: AuthSession;
  agents: AuthSession[];
}

let counter = 0;
const email = (prefix: string) => `${prefix}-${Date.now()}-${++counter}@bench.test`;

async function inject<T>(app: FastifyInstance, url: string, payload: unknown, token?: string) {
  const res = await app.inject({
    method: 'POST',
    url,
    payload: payload as Record<string, unknown>,
    ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
  });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

/** Orgs and agents through the API itself (sign-up, agent creation, login). */
export async function createTenants(
  app: FastifyInstance,
  orgs: number,
  agentsPerOrg: number,
): Promise<Tenant[]> {
  const out: Tenant[] = [];
  for (let o = 0; o < orgs; o++) {
    const account = { email: email('admin'), password: 'bench password 1' };
    await inject(app, '/api/auth/signup', {
      orgName: `Bench ${o}`,
      name: `Admin ${o}`,
      ...account,
    });
    const admin = await inject<AuthSession>(app, '/api/auth/login', account);
    const agents: AuthSession[] = [];
    for (let a = 0; a < agentsPerOrg; a++) {
      const e = email('agent');
      await inject(
        app,
        '/api/agents',
        { email: e, name: `Agent ${o}.${a}`, password: 'bench password 1' },
        admin.accessToken,
      );
      agents.push(
        await inject<AuthSession>(app, '/api/auth/login', {
          email: e,
          password: 'bench password 1',
        }),
      );
    }
    out.push({ orgId: admin.org.id, admin, agents });
  }
  return out;
}

/** Spread of started_at: six months back from now. */
export const SPAN_DAYS = 180;

/**
 * Bulk-loads `perOrg` call logs for each tenant in one INSERT … SELECT generate_series per org
 * (never row by row): a mix of directions and outcomes, evenly spread over SPAN_DAYS, agents round-robin.
 */
export async function loadCallLogs(
  db: SqlRunner,
  tenants: Tenant[],
  perOrg: number,
): Promise<void> {
  const stepSeconds = (SPAN_DAYS * 86_400) / perOrg;
  for (const t of tenants) {
    await db.query(
      `insert into call_logs (id, org_id, agent_id, direction, from_number, to_number, status,
         disposition, started_at, answered_at, ended_at, duration_seconds)
       select gen_random_uuid(), $1::uuid, ($2::uuid[])[1 + g % cardinality($2::uuid[])],
         case when g % 3 = 0 then 'inbound' else 'outbound' end,
         '+1555' || lpad((g % 9999991)::text, 7, '0'), '+1444' || lpad((g * 7 % 9999991)::text, 7, '0'),
         s.status, case when s.status = 'completed' then 'interested' end,
         st, case when s.status = 'completed' then st + interval '5 seconds' end,
         st + interval '2 minutes', case when s.status = 'completed' then 115 end
       from generate_series(1, $3::int) g
       cross join lateral (select now() - make_interval(secs => g * $4::float8) as st) t
       cross join lateral (select (array['completed','completed','completed','no-answer','busy',
         'failed','missed','cancelled'])[1 + g % 8] as status) s`,
      [t.orgId, t.agents.map((a) => a.user.id), perOrg, stepSeconds],
    );
  }
  await db.query('vacuum analyze call_logs', []);
}
