import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  AuditEntry,
  AuthSession,
  CallTimeline,
  Dashboard,
  UpsertCallLog,
} from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addAgent, bearer, build, codeOf, reset, signup } from './helpers.js';

/** What the admin console reads beyond the desktop's API: dashboard, timeline, audit filters, /admin. */
let app: FastifyInstance;
let admin: AuthSession;
let alice: AuthSession;
let bob: AuthSession;
const consoleDir = mkdtempSync(join(tmpdir(), 'croko-admin-'));
mkdirSync(join(consoleDir, 'assets'));
writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>console</title>');
writeFileSync(join(consoleDir, 'assets', 'app-1234.js'), 'console.log(1)');

beforeAll(async () => {
  app = await build({ adminConsoleDir: consoleDir });
}, 120_000);
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await reset(app);
  admin = await signup(app);
  alice = await addAgent(app, admin, 'Alice');
  bob = await addAgent(app, admin, 'Bob');
});

const upsert = async (s: AuthSession, over: Partial<UpsertCallLog>) => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/call-logs',
    headers: bearer(s.accessToken),
    payload: {
      id: randomUUID(),
      direction: 'outbound',
      from: '+15550100001',
      to: '+4930123456',
      status: 'completed',
      startedAt: '2026-03-02T10:00:00.000Z',
      ...over,
    },
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json<{ id: string }>();
};

const dashboardOf = async (query: string) => {
  const res = await app.inject({
    url: `/api/admin/dashboard?${query}`,
    headers: bearer(admin.accessToken),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Dashboard>();
};

describe('GET /api/admin/dashboard', () => {
  it('aggregates calls per day by outcome, answer rate, talk per agent and busiest hours in SQL', async () => {
    // Monday 2 March 2026: Alice 2 answered (60 s + 120 s), 1 missed; Tuesday: Bob 1 answered (30 s).
    await upsert(alice, {
      answeredAt: '2026-03-02T10:00:05.000Z',
      endedAt: '2026-03-02T10:01:05.000Z',
      durationSeconds: 60,
    });
    await upsert(alice, {
      startedAt: '2026-03-02T10:30:00.000Z',
      answeredAt: '2026-03-02T10:30:05.000Z',
      durationSeconds: 120,
    });
    await upsert(alice, {
      direction: 'inbound',
      status: 'missed',
      startedAt: '2026-03-02T23:30:00.000Z',
    });
    await upsert(bob, {
      startedAt: '2026-03-03T09:00:00.000Z',
      answeredAt: '2026-03-03T09:00:01.000Z',
      durationSeconds: 30,
    });
    // Outside the period: must not count.
    await upsert(bob, { startedAt: '2026-04-01T09:00:00.000Z', durationSeconds: 999 });

    const d = await dashboardOf('from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z');
    expect(d.totals).toEqual({ calls: 4, answered: 3, answerRate: 0.75, talkSeconds: 210 });
    expect(d.callsPerDay).toEqual([
      { day: '2026-03-02', byStatus: { completed: 2, missed: 1 } },
      { day: '2026-03-03', byStatus: { completed: 1 } },
    ]);
    expect(d.talkPerAgent).toEqual([
      { agentId: alice.user.id, name: 'Alice', calls: 3, answered: 2, talkSeconds: 180 },
      { agentId: bob.user.id, name: 'Bob', calls: 1, answered: 1, talkSeconds: 30 },
    ]);
    expect(d.busiestHours).toEqual(
      expect.arrayContaining([
        { weekday: 1, hour: 10, calls: 2 },
        { weekday: 1, hour: 23, calls: 1 },
        { weekday: 2, hour: 9, calls: 1 },
      ]),
    );
    expect(d.busiestHours).toHaveLength(3);

    // In Berlin (UTC+1 in March) the 23:30 UTC missed call falls on Tuesday at midnight.
    const berlin = await dashboardOf(
      'from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z&tz=Europe/Berlin',
    );
    expect(berlin.callsPerDay).toEqual([
      { day: '2026-03-02', byStatus: { completed: 2 } },
      { day: '2026-03-03', byStatus: { completed: 1, missed: 1 } },
    ]);
    expect(berlin.busiestHours).toContainEqual({ weekday: 2, hour: 0, calls: 1 });
  });

  it('lists agents online now: a chosen presence and heard from recently', async () => {
    await app.inject({
      method: 'PUT',
      url: '/api/me/presence',
      headers: bearer(alice.accessToken),
      payload: { presence: 'available' },
    });
    await app.services.db
      .updateTable('users')
      .set({ presence: 'away', last_seen_at: new Date(Date.now() - 3_600_000) })
      .where('id', '=', bob.user.id)
      .execute();
    const d = await dashboardOf('from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z');
    expect(d.onlineNow.map((a) => [a.name, a.presence])).toEqual([['Alice', 'available']]);
  });

  it('another org sees none of it, and bad periods are a 400 naming the field', async () => {
    await upsert(alice, {});
    const other = await signup(app, 'Other');
    const res = await app.inject({
      url: '/api/admin/dashboard?from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z',
      headers: bearer(other.accessToken),
    });
    expect(res.json<Dashboard>().totals.calls).toBe(0);
    for (const q of [
      'from=2026-03-08T00:00:00Z&to=2026-03-01T00:00:00Z',
      'from=2020-01-01T00:00:00Z&to=2026-03-01T00:00:00Z',
      'from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z&tz=Mars/Olympus',
      "from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z&tz=UTC';drop",
    ]) {
      const bad = await app.inject({
        url: `/api/admin/dashboard?${q}`,
        headers: bearer(admin.accessToken),
      });
      expect([bad.statusCode, codeOf(bad)], q).toEqual([400, 'invalid_input']);
    }
  });
});

describe('GET /api/admin/call-logs/:id/timeline', () => {
  it('records every status change, disposition and notes edit, whichever path made it', async () => {
    const { id } = await upsert(alice, { status: 'initiated' });
    await upsert(alice, { id, status: 'ringing' });
    await upsert(alice, { id, status: 'ringing' }); // a retry changes nothing
    await upsert(alice, { id, status: 'connected', answeredAt: '2026-03-02T10:00:05.000Z' });
    await upsert(alice, { id, status: 'completed', endedAt: '2026-03-02T10:01:00.000Z' });
    await app.inject({
      method: 'PATCH',
      url: `/api/call-logs/${id}`,
      headers: bearer(alice.accessToken),
      payload: { disposition: 'interested', notes: 'call back Friday' },
    });
    const res = await app.inject({
      url: `/api/admin/call-logs/${id}/timeline`,
      headers: bearer(admin.accessToken),
    });
    expect(res.statusCode).toBe(200);
    const { events } = res.json<CallTimeline>();
    expect(events.map((e) => [e.kind, e.status ?? e.disposition])).toEqual([
      ['status', 'initiated'],
      ['status', 'ringing'],
      ['status', 'connected'],
      ['status', 'completed'],
      ['disposition', 'interested'],
      ['notes', null],
    ]);
    const times = events.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('is 404 for another org’s call and 403 for an agent', async () => {
    const { id } = await upsert(alice, {});
    const other = await signup(app, 'Other');
    const foreign = await app.inject({
      url: `/api/admin/call-logs/${id}/timeline`,
      headers: bearer(other.accessToken),
    });
    expect(foreign.statusCode).toBe(404);
    const agent = await app.inject({
      url: `/api/admin/call-logs/${id}/timeline`,
      headers: bearer(alice.accessToken),
    });
    expect(agent.statusCode).toBe(403);
  });
});

describe('GET /api/audit filters', () => {
  it('filters by action, actor, target type and period', async () => {
    await app.inject({
      method: 'PATCH',
      url: `/api/agents/${bob.user.id}`,
      headers: bearer(admin.accessToken),
      payload: { name: 'Robert' },
    });
    const list = async (q: string) => {
      const res = await app.inject({ url: `/api/audit?${q}`, headers: bearer(admin.accessToken) });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: AuditEntry[] }>().items;
    };
    const all = await list('');
    const actions = new Set(all.map((e) => e.action));
    expect(actions.size).toBeGreaterThan(1);
    const [one] = [...actions];
    const filtered = await list(`action=${one}`);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((e) => e.action === one)).toBe(true);
    expect(await list(`actorId=${admin.user.id}`)).toHaveLength(all.length);
    expect(await list(`actorId=${alice.user.id}`)).toHaveLength(0);
    expect(await list('targetType=agent')).toHaveLength(
      all.filter((e) => e.targetType === 'agent').length,
    );
    expect(await list('from=2999-01-01T00:00:00Z')).toHaveLength(0);
    const bad = await app.inject({
      url: '/api/audit?action=DROP%20TABLE',
      headers: bearer(admin.accessToken),
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('/admin static console', () => {
  it('serves the built console with its own CSP; hashed assets cache forever, the page never', async () => {
    const bare = await app.inject({ url: '/admin' });
    expect([bare.statusCode, bare.headers['content-type']]).toEqual([
      200,
      expect.stringMatching(/text\/html/),
    ]);
    const page = await app.inject({ url: '/admin/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("object-src 'none'");
    const asset = await app.inject({ url: '/admin/assets/app-1234.js' });
    expect(asset.headers['cache-control']).toContain('immutable');
    // The JSON API keeps its own "nothing active" policy.
    const api = await app.inject({ url: '/api/audit', headers: bearer(admin.accessToken) });
    expect(api.headers['content-security-policy']).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
  });

  it('answers 503 with the build command when the console is not built', async () => {
    const bare = await build({ adminConsoleDir: join(consoleDir, 'missing') });
    try {
      const res = await bare.inject({ url: '/admin/' });
      expect([res.statusCode, codeOf(res)]).toEqual([503, 'admin_console_not_built']);
      expect(res.json<{ error: { message: string } }>().error.message).toContain(
        'npm run build -w @crokodialer/admin',
      );
    } finally {
      await bare.close();
    }
  }, 120_000);
});
