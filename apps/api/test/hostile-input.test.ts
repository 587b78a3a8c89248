import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import type { AuthSession, ErrorEnvelope } from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addAgent, bearer, build, codeOf, reset, signup } from './helpers.js';

/**
 * Input that used to reach PostgreSQL and fail there as a 500: NUL characters, made-up keyset
 * cursors, times outside the database's range, and what the router rejects before any route.
 */
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
  agent = await addAgent(app, admin);
});

const NUL = '\u0000';
const issuePaths = (res: { json: <T>() => T }) =>
  (
    res.json<ErrorEnvelope>().error.details as { issues: { path: string }[] } | undefined
  )?.issues.map((i) => i.path);

const call = (extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  direction: 'outbound',
  from: '+15550100001',
  to: '+15550100002',
  status: 'completed',
  startedAt: '2026-03-01T10:00:00Z',
  ...extra,
});

describe('NUL characters', () => {
  const refused: [
    string,
    'POST' | 'PATCH' | 'PUT',
    (s: { self: string }) => string,
    unknown,
    string,
  ][] = [
    [
      'signup org name',
      'POST',
      () => '/api/auth/signup',
      { orgName: `A${NUL}`, name: 'A', email: 'n@x.test', password: 'long enough pw' },
      'body.orgName',
    ],
    [
      'signup password',
      'POST',
      () => '/api/auth/signup',
      { orgName: 'A', name: 'A', email: 'n@x.test', password: `long enough${NUL}` },
      'body.password',
    ],
    [
      'login password',
      'POST',
      () => '/api/auth/login',
      { email: 'n@x.test', password: `pw${NUL}` },
      'body.password',
    ],
    [
      'refresh token',
      'POST',
      () => '/api/auth/refresh',
      { refreshToken: `a${NUL}b` },
      'body.refreshToken',
    ],
    [
      'agent name',
      'POST',
      () => '/api/agents',
      { email: 'n@x.test', name: `Al${NUL}ice`, password: 'long enough pw' },
      'body.name',
    ],
    ['agent rename', 'PATCH', (s) => `/api/agents/${s.self}`, { name: `B${NUL}` }, 'body.name'],
    [
      'Telnyx API key',
      'PATCH',
      () => '/api/org/settings',
      { telnyxApiKey: `KEY${NUL}0123456789` },
      'body.telnyxApiKey',
    ],
    [
      'call control id',
      'POST',
      () => '/api/call-logs',
      call({ telnyxCallControlId: `v3:${NUL}` }),
      'body.telnyxCallControlId',
    ],
    [
      'unknown key with NUL',
      'POST',
      () => '/api/call-logs',
      { ...call(), [`x${NUL}`]: 1 },
      'body.x\\u0000',
    ],
  ];

  it.each(refused)('%s → 400 naming the field', async (_name, method, url, payload, field) => {
    const res = await app.inject({
      method,
      url: url({ self: admin.user.id }),
      headers: bearer(admin.accessToken),
      payload: payload as Record<string, unknown>,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(codeOf(res)).toBe('invalid_input');
    expect(issuePaths(res)).toContain(field);
  });

  it('in the query string → 400 naming the parameter', async () => {
    const res = await app.inject({
      url: '/api/call-logs?cursor=%00',
      headers: bearer(admin.accessToken),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(issuePaths(res)).toContain('querystring.cursor');
  });

  it("a call log's notes and hangup cause are stored without it, so the record lands", async () => {
    const body = call({ notes: `left a${NUL} message`, hangupCause: `NORMAL${NUL}_CLEARING` });
    const first = await app.inject({
      method: 'POST',
      url: '/api/call-logs',
      headers: bearer(agent.accessToken),
      payload: body,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ notes: 'left a message', hangupCause: 'NORMAL_CLEARING' });
    // The outbox retries the same record: it merges onto the stored one.
    const retry = await app.inject({
      method: 'POST',
      url: '/api/call-logs',
      headers: bearer(agent.accessToken),
      payload: body,
    });
    expect(retry.statusCode).toBe(200);
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/call-logs/${body.id}`,
      headers: bearer(agent.accessToken),
      payload: { notes: `call${NUL}back` },
    });
    expect(edit.json()).toMatchObject({ notes: 'callback' });
  });

  it('a refused call log is refused the same way on every retry (a terminal 4xx for the outbox)', async () => {
    const body = call({ telnyxCallLegId: `leg${NUL}` });
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/call-logs',
        headers: bearer(agent.accessToken),
        payload: body,
      });
      expect(res.statusCode).toBe(400);
      expect(issuePaths(res)).toEqual(['body.telnyxCallLegId']);
    }
  });

  it('in a webhook → 400, before any query', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/webhooks/telnyx',
      headers: {
        'content-type': 'application/json',
        'telnyx-signature-ed25519': 'c2ln',
        'telnyx-timestamp': String(Math.floor(Date.now() / 1000)),
      },
      payload: JSON.stringify({
        data: { id: 'e1', event_type: 'call.hangup', payload: { connection_id: `c${NUL}` } },
      }),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(codeOf(res)).toBe('invalid_webhook');
  });
});

describe('made-up keyset cursors', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64url');
  const cursor = (at: string, id: string) => b64(JSON.stringify([at, id]));
  const id = randomUUID();
  const cases: [string, string][] = [
    ['id not a UUID', cursor('2026-01-01T00:00:00.000Z', 'not-a-uuid-but-36-characters-long!!')],
    ['id of dashes', cursor('2026-01-01T00:00:00.000Z', '-'.repeat(36))],
    ['year 0', cursor('0000-01-01T00:00:00.000Z', id)],
    ['far past', cursor('-271821-04-20T00:00:00.000Z', id)],
    ['far future', cursor('+275760-09-13T00:00:00.000Z', id)],
    ['year 10000', cursor('+010000-01-01T00:00:00.000Z', id)],
    ['not a time', cursor('yesterday', id)],
    ['extra fields', b64(JSON.stringify(['2026-01-01T00:00:00.000Z', id, 'x']))],
    ['not JSON', b64('2026-01-01T00:00:00.000Z|' + id)],
    ['not base64', '!!!'],
  ];
  it.each(cases)('%s → 400 invalid_cursor on every keyset list', async (_name, c) => {
    for (const url of ['/api/call-logs', '/api/audit']) {
      const res = await app.inject({
        url: `${url}?cursor=${encodeURIComponent(c)}`,
        headers: bearer(admin.accessToken),
      });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(codeOf(res)).toBe('invalid_cursor');
    }
  });

  it('a cursor the API returned still pages on', async () => {
    for (let i = 0; i < 3; i++)
      await app.inject({
        method: 'POST',
        url: '/api/call-logs',
        headers: bearer(admin.accessToken),
        payload: call({ startedAt: `2026-03-0${i + 1}T10:00:00Z` }),
      });
    const first = await app.inject({
      url: '/api/call-logs?limit=2',
      headers: bearer(admin.accessToken),
    });
    const next = first.json<{ nextCursor: string }>().nextCursor;
    const second = await app.inject({
      url: `/api/call-logs?limit=2&cursor=${next}`,
      headers: bearer(admin.accessToken),
    });
    expect(second.statusCode).toBe(200);
    expect(second.json<{ items: unknown[] }>().items).toHaveLength(1);
  });
});

describe('times outside what the database holds', () => {
  it.each([
    ['body.startedAt', 'POST', '/api/call-logs', call({ startedAt: '0000-01-01T00:00:00+01:00' })],
    ['body.endedAt', 'POST', '/api/call-logs', call({ endedAt: '9999-12-31T23:59:59-23:00' })],
    ['querystring.from', 'GET', '/api/call-logs?from=0000-01-01T00:00:00Z', undefined],
    ['querystring.to', 'GET', '/api/call-logs/stats?to=0000-06-01T00:00:00Z', undefined],
  ] as const)('%s → 400 naming it', async (field, method, url, payload) => {
    const res = await app.inject({
      method,
      url,
      headers: bearer(admin.accessToken),
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(issuePaths(res)).toEqual([field]);
  });
});

describe('errors the framework raises answer in the envelope', () => {
  const expectEnvelope = (
    res: { statusCode: number; body: string },
    status: number,
    code: string,
  ) => {
    expect(res.statusCode, res.body).toBe(status);
    const body = JSON.parse(res.body) as ErrorEnvelope;
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
  };

  it('an over-long path parameter → 414', async () => {
    const res = await app.inject({
      url: `/api/agents/${'a'.repeat(500)}`,
      headers: bearer(admin.accessToken),
    });
    expectEnvelope(res, 414, 'uri_too_long');
  });

  it('a malformed URL escape → 400', async () => {
    for (const url of ['/api/agents/%zz', '/api/agents/%E0%A4%A', '/api/call-logs/%']) {
      const res = await app.inject({ url, headers: bearer(admin.accessToken) });
      expectEnvelope(res, 400, 'bad_request');
    }
  });

  it('a body Fastify cannot take: wrong content type, bad JSON, too large, bad charset', async () => {
    const post = (headers: Record<string, string>, payload: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', headers, payload });
    expectEnvelope(
      await post({ 'content-type': 'application/xml' }, '<a/>'),
      415,
      'unsupported_media_type',
    );
    expectEnvelope(await post({ 'content-type': 'application/json' }, '{bad'), 400, 'bad_request');
    expectEnvelope(
      await post({ 'content-type': 'application/json' }, `"${'x'.repeat(70_000)}"`),
      413,
      'payload_too_large',
    );
    const empty = await post({ 'content-type': 'application/json' }, '');
    expect(empty.statusCode).toBe(400);
    expect(Object.keys(empty.json<object>())).toEqual(['error']);
  });

  it('an unknown route or method → 404 in the envelope', async () => {
    expectEnvelope(await app.inject({ url: '/nope' }), 404, 'not_found');
    expectEnvelope(
      await app.inject({ method: 'DELETE', url: '/api/auth/login' }),
      404,
      'not_found',
    );
  });

  it('a request the HTTP parser rejects → 400 in the envelope, on a real socket', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = new URL(address);
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1');
        let out = '';
        socket.on('data', (d: Buffer) => (out += d.toString()));
        socket.on('close', () => resolve(out));
        socket.on('error', reject);
        socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
      });
      expect(raw).toMatch(/^HTTP\/1\.1 400/);
      const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as ErrorEnvelope;
      expect(body.error.code).toBe('bad_request');
    } finally {
      await app.close();
      app = await build();
    }
  });
});
