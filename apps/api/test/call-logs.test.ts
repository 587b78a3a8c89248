import { randomUUID } from 'node:crypto';
import {
  BUILT_IN_DISPOSITIONS,
  type AuthSession,
  type CallLog,
  type CallLogPage,
  type CallPolicy,
  type CallStats,
  type OrgSettings,
  type UpsertCallLog,
} from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addAgent, bearer, build, codeOf, reset, signup } from './helpers.js';

let app: FastifyInstance;
let admin: AuthSession;
let agent: AuthSession;
beforeAll(async () => {
  app = await build();
});
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await reset(app);
  admin = await signup(app);
  agent = await addAgent(app, admin, 'Alice');
});

const call = (over: Partial<UpsertCallLog> = {}): UpsertCallLog => ({
  id: randomUUID(),
  direction: 'outbound',
  from: '+15550100001',
  to: '+4930123456',
  status: 'initiated',
  startedAt: '2026-03-01T10:00:00.000Z',
  ...over,
});
const upsert = (s: AuthSession, body: UpsertCallLog) =>
  app.inject({
    method: 'POST',
    url: '/api/call-logs',
    headers: bearer(s.accessToken),
    payload: body,
  });
const get = (s: AuthSession, url: string) =>
  app.inject({ method: 'GET', url, headers: bearer(s.accessToken) });

describe('POST /api/call-logs (idempotent upsert)', () => {
  it('logs calls whose ends are not phone numbers: withheld caller, SIP user, emergency number', async () => {
    for (const [from, to] of [
      ['anonymous', '+15550100001'],
      ['sip:lead@crm.example.com', '+15550100001'],
      ['+15550100001', '911'],
    ] as const) {
      const response = await upsert(agent, call({ from, to, status: 'missed' }));
      expect(response.statusCode).toBe(201);
      expect(response.json<CallLog>()).toMatchObject({ from, to });
    }
  });

  it('creates with 201, a retry is a 200 that changes nothing', async () => {
    const body = call({
      status: 'completed',
      answeredAt: '2026-03-01T10:00:05.000Z',
      endedAt: '2026-03-01T10:01:05.000Z',
    });
    const first = await upsert(agent, body);
    expect(first.statusCode).toBe(201);
    const log = first.json<CallLog>();
    expect(log).toMatchObject({ agentId: agent.user.id, status: 'completed', durationSeconds: 60 });
    const retry = await upsert(agent, body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(log);
  });

  it('concurrent duplicates create exactly one record', async () => {
    const body = call();
    const results = await Promise.all(Array.from({ length: 8 }, () => upsert(agent, body)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 201,
    ]);
    const page = (await get(admin, '/api/call-logs')).json<CallLogPage>();
    expect(page.items.map((i) => i.id)).toEqual([body.id]);
  });

  it('concurrent reports of different states end at the furthest state', async () => {
    const id = randomUUID();
    const states = [
      'initiated',
      'ringing',
      'connected',
      'completed',
      'ringing',
      'initiated',
    ] as const;
    await Promise.all(states.map((status) => upsert(agent, call({ id, status }))));
    expect((await get(agent, `/api/call-logs/${id}`)).json<CallLog>().status).toBe('completed');
  });

  it('status only moves forward; a final outcome is never replaced', async () => {
    const id = randomUUID();
    await upsert(agent, call({ id, status: 'connected', answeredAt: '2026-03-01T10:00:03.000Z' }));
    const back = await upsert(agent, call({ id, status: 'ringing' }));
    expect(back.json<CallLog>().status).toBe('connected');
    await upsert(agent, call({ id, status: 'completed', endedAt: '2026-03-01T10:00:13.000Z' }));
    const other = await upsert(agent, call({ id, status: 'failed', hangupCause: 'x' }));
    expect(other.json<CallLog>()).toMatchObject({ status: 'completed', durationSeconds: 10 });
  });

  it("another agent cannot overwrite someone's call log, and another org gets 404", async () => {
    const bob = await addAgent(app, admin, 'Bob');
    const body = call();
    await upsert(agent, body);
    const res = await upsert(bob, { ...body, status: 'failed' });
    expect(res.statusCode).toBe(404);
    const stranger = await signup(app, 'Other');
    expect((await upsert(stranger, { ...body, status: 'failed' })).statusCode).toBe(404);
    expect((await get(agent, `/api/call-logs/${body.id}`)).json<CallLog>().status).toBe(
      'initiated',
    );
  });
});

describe('PATCH and GET one', () => {
  it('sets disposition and notes; null clears them', async () => {
    const body = call({ status: 'completed' });
    await upsert(agent, body);
    const patch = (payload: object) =>
      app.inject({
        method: 'PATCH',
        url: `/api/call-logs/${body.id}`,
        headers: bearer(agent.accessToken),
        payload,
      });
    expect(
      (await patch({ disposition: 'sale', notes: 'wants 3 seats' })).json<CallLog>(),
    ).toMatchObject({
      disposition: 'sale',
      notes: 'wants 3 seats',
    });
    expect((await patch({ notes: null })).json<CallLog>()).toMatchObject({
      disposition: 'sale',
      notes: null,
    });
    const empty = await patch({});
    expect(empty.statusCode).toBe(400);
  });

  it('agents see only their own; admins see the org', async () => {
    const bob = await addAgent(app, admin, 'Bob');
    const mine = call();
    await upsert(agent, mine);
    expect((await get(agent, `/api/call-logs/${mine.id}`)).statusCode).toBe(200);
    expect((await get(admin, `/api/call-logs/${mine.id}`)).statusCode).toBe(200);
    const theirs = await get(bob, `/api/call-logs/${mine.id}`);
    expect(theirs.statusCode).toBe(404);
    expect(codeOf(theirs)).toBe('not_found');
  });
});

describe('dispositions', () => {
  it("PATCH takes only the org's list: built-in by default, the org's own once set", async () => {
    const body = call({ status: 'completed' });
    expect((await upsert(agent, body)).statusCode).toBe(201);
    const early = await app.inject({
      method: 'PATCH',
      url: `/api/call-logs/${body.id}`,
      headers: bearer(agent.accessToken),
      payload: { disposition: 'demo-booked' },
    });
    expect(early.statusCode).toBe(400);
    expect(codeOf(early)).toBe('unknown_disposition');

    const setList = await app.inject({
      method: 'PATCH',
      url: '/api/org/settings',
      headers: bearer(admin.accessToken),
      payload: { dispositions: ['demo-booked', 'not-interested'] },
    });
    expect(setList.json<{ dispositions: string[] }>().dispositions).toEqual([
      'demo-booked',
      'not-interested',
    ]);
    const patch = (disposition: string) =>
      app.inject({
        method: 'PATCH',
        url: `/api/call-logs/${body.id}`,
        headers: bearer(agent.accessToken),
        payload: { disposition },
      });
    expect((await patch('demo-booked')).json<CallLog>().disposition).toBe('demo-booked');
    expect(codeOf(await patch('sale'))).toBe('unknown_disposition');

    await app.inject({
      method: 'PATCH',
      url: '/api/org/settings',
      headers: bearer(admin.accessToken),
      payload: { dispositions: null },
    });
    expect((await patch('sale')).statusCode).toBe(200);
  });
  it("agents read the org's call policy; only admins change it or read the settings", async () => {
    const policy = async (s: AuthSession) => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/me/call-policy',
        headers: bearer(s.accessToken),
      });
      expect(res.statusCode).toBe(200);
      return res.json<CallPolicy>();
    };
    expect(await policy(agent)).toEqual({
      requireDisposition: false,
      dispositions: [...BUILT_IN_DISPOSITIONS],
    });
    const settings = (s: AuthSession, payload?: object) =>
      app.inject({
        method: payload ? 'PATCH' : 'GET',
        url: '/api/org/settings',
        headers: bearer(s.accessToken),
        ...(payload ? { payload } : {}),
      });
    expect((await settings(agent)).statusCode).toBe(403);
    expect((await settings(agent, { requireDisposition: true })).statusCode).toBe(403);
    expect((await policy(agent)).requireDisposition).toBe(false);

    const set = await settings(admin, { requireDisposition: true, dispositions: ['sale', 'lost'] });
    expect(set.json<OrgSettings>()).toMatchObject({
      requireDisposition: true,
      dispositions: ['sale', 'lost'],
    });
    expect(await policy(agent)).toEqual({
      requireDisposition: true,
      dispositions: ['sale', 'lost'],
    });
    // Another org keeps its own policy.
    expect((await policy(await signup(app))).requireDisposition).toBe(false);
    expect((await app.inject({ method: 'GET', url: '/api/me/call-policy' })).statusCode).toBe(401);
  });
  it('an outbox retry carrying a since-removed disposition still lands (no poison message)', async () => {
    await app.inject({
      method: 'PATCH',
      url: '/api/org/settings',
      headers: bearer(admin.accessToken),
      payload: { dispositions: ['demo-booked'] },
    });
    const res = await upsert(agent, call({ status: 'completed', disposition: 'sale' }));
    expect(res.statusCode).toBe(201);
    expect(res.json<CallLog>().disposition).toBe('sale');
  });
});

describe('GET /api/call-logs (keyset pages, filters)', () => {
  it('pages newest first without gaps or repeats, including equal start times', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const startedAt = new Date(Date.UTC(2026, 2, 1, 10, 0, i < 4 ? 0 : i)).toISOString();
      const body = call({ startedAt });
      ids.push(body.id);
      await upsert(agent, body);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/call-logs?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page: CallLogPage = (await get(admin, url)).json<CallLogPage>();
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort()).toEqual([...ids].sort());
    const full = (await get(admin, '/api/call-logs?limit=200')).json<CallLogPage>();
    expect(full.items.map((i) => i.id)).toEqual(seen);
    const starts = full.items.map((i) => i.startedAt);
    expect([...starts].sort().reverse()).toEqual(starts);
  });

  it('filters by agent, direction, status, disposition, date range and number prefix', async () => {
    const bob = await addAgent(app, admin, 'Bob');
    const a = call({
      to: '+4930111',
      status: 'completed',
      disposition: 'sale',
      startedAt: '2026-03-01T08:00:00.000Z',
    });
    const b = call({
      direction: 'inbound',
      from: '+4420777',
      to: '+15550100001',
      status: 'missed',
      startedAt: '2026-03-02T08:00:00.000Z',
    });
    const c = call({ to: '+33111', status: 'busy', startedAt: '2026-03-03T08:00:00.000Z' });
    await upsert(agent, a);
    await upsert(agent, b);
    await upsert(bob, c);
    const ids = async (q: string, s = admin) =>
      (await get(s, `/api/call-logs?${q}`)).json<CallLogPage>().items.map((i) => i.id);
    expect(await ids(`agentId=${bob.user.id}`)).toEqual([c.id]);
    expect(await ids('direction=inbound')).toEqual([b.id]);
    expect(await ids('status=busy')).toEqual([c.id]);
    expect(await ids('disposition=sale')).toEqual([a.id]);
    expect(await ids('from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z')).toEqual([b.id]);
    expect(await ids('number=%2B4930')).toEqual([a.id]);
    expect(await ids('number=%2B44')).toEqual([b.id]);
    // An agent sees its own, even when asking for someone else's.
    expect(await ids('', agent)).toEqual([b.id, a.id]);
    expect(await ids(`agentId=${bob.user.id}`, agent)).toEqual([]);
  });

  it('rejects a forged cursor and limits over 200 with 400', async () => {
    expect(codeOf(await get(admin, '/api/call-logs?cursor=garbage'))).toBe('invalid_cursor');
    expect((await get(admin, '/api/call-logs?limit=201')).statusCode).toBe(400);
    expect((await get(admin, '/api/call-logs?colour=red')).statusCode).toBe(400);
  });
});

describe('stats and CSV export', () => {
  it('counts by outcome, answer rate and talk time per day and per agent', async () => {
    await upsert(
      agent,
      call({
        status: 'completed',
        answeredAt: '2026-03-01T10:00:00.000Z',
        endedAt: '2026-03-01T10:02:00.000Z',
      }),
    );
    await upsert(agent, call({ status: 'busy' }));
    await upsert(agent, call({ status: 'no-answer', startedAt: '2026-03-02T10:00:00.000Z' }));
    const byDay = (await get(admin, '/api/call-logs/stats?groupBy=day')).json<CallStats>();
    expect(byDay.rows).toEqual([
      {
        key: '2026-03-01',
        total: 2,
        byStatus: { completed: 1, busy: 1 },
        answered: 1,
        answerRate: 0.5,
        talkSeconds: 120,
      },
      {
        key: '2026-03-02',
        total: 1,
        byStatus: { 'no-answer': 1 },
        answered: 0,
        answerRate: 0,
        talkSeconds: 0,
      },
    ]);
    const byAgent = (
      await get(admin, '/api/call-logs/stats?groupBy=agent&from=2026-03-02T00:00:00Z')
    ).json<CallStats>();
    expect(byAgent.rows).toEqual([
      {
        key: agent.user.id,
        total: 1,
        byStatus: { 'no-answer': 1 },
        answered: 0,
        answerRate: 0,
        talkSeconds: 0,
      },
    ]);
  });

  it('admins export the org as CSV (formula-safe); agents may not', async () => {
    await upsert(agent, call({ status: 'completed', notes: '=cmd|calc' }));
    const again = call({ status: 'busy' });
    await upsert(agent, again);
    const res = await get(admin, '/api/call-logs/export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,agent_id,direction,from,to,status/);
    expect(lines).toHaveLength(3);
    expect(res.body).toContain("'=cmd|calc");
    expect(res.body).toContain('+4930123456');
    const filtered = await get(admin, '/api/call-logs/export.csv?status=busy');
    expect(filtered.body.trim().split('\r\n')).toHaveLength(2);
    expect(filtered.body).toContain(again.id);
    expect((await get(agent, '/api/call-logs/export.csv')).statusCode).toBe(403);
  });
});
