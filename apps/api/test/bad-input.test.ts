import { randomUUID } from 'node:crypto';
import type { AuthSession, ErrorEnvelope } from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, build, reset, signup } from './helpers.js';

/**
 * Bad input for every body the API accepts: a 400 in the shared envelope that names the field,
 * never a 500. `field` is the path the client sees in details.issues.
 */
type Row = [name: string, body: unknown, field: string];
const uuid = randomUUID();
const validCall = {
  id: uuid,
  direction: 'outbound',
  from: '+15550100001',
  to: '+15550100002',
  status: 'ringing',
  startedAt: '2026-03-01T10:00:00Z',
};

const TABLES: Record<
  string,
  {
    method: 'POST' | 'PATCH' | 'PUT';
    url: (ids: { self: string }) => string;
    auth: boolean;
    rows: Row[];
  }
> = {
  signup: {
    method: 'POST',
    url: () => '/api/auth/signup',
    auth: false,
    rows: [
      [
        'missing org name',
        { name: 'A', email: 'a@b.test', password: 'long enough pw' },
        'body.orgName',
      ],
      [
        'bad email',
        { orgName: 'A', name: 'A', email: 'nope', password: 'long enough pw' },
        'body.email',
      ],
      [
        'short password',
        { orgName: 'A', name: 'A', email: 'a@b.test', password: 'short' },
        'body.password',
      ],
      [
        'huge password',
        { orgName: 'A', name: 'A', email: 'a@b.test', password: 'x'.repeat(300) },
        'body.password',
      ],
      [
        'blank name',
        { orgName: 'A', name: '   ', email: 'a@b.test', password: 'long enough pw' },
        'body.name',
      ],
      [
        'number as name',
        { orgName: 7, name: 'A', email: 'a@b.test', password: 'long enough pw' },
        'body.orgName',
      ],
      [
        'unknown field',
        { orgName: 'A', name: 'A', email: 'a@b.test', password: 'long enough pw', role: 'admin' },
        'body.role',
      ],
    ],
  },
  login: {
    method: 'POST',
    url: () => '/api/auth/login',
    auth: false,
    rows: [
      ['no password', { email: 'a@b.test' }, 'body.password'],
      ['array email', { email: ['a@b.test'], password: 'x' }, 'body.email'],
      ['unknown field', { email: 'a@b.test', password: 'x', remember: true }, 'body.remember'],
    ],
  },
  refresh: {
    method: 'POST',
    url: () => '/api/auth/refresh',
    auth: false,
    rows: [
      ['empty token', { refreshToken: '' }, 'body.refreshToken'],
      ['missing token', {}, 'body.refreshToken'],
      ['oversized token', { refreshToken: 'x'.repeat(600) }, 'body.refreshToken'],
    ],
  },
  logout: {
    method: 'POST',
    url: () => '/api/auth/logout',
    auth: false,
    rows: [['null token', { refreshToken: null }, 'body.refreshToken']],
  },
  'create agent': {
    method: 'POST',
    url: () => '/api/agents',
    auth: true,
    rows: [
      [
        'bad role',
        { email: 'x@y.test', name: 'X', password: 'long enough pw', role: 'owner' },
        'body.role',
      ],
      [
        'caller id not E.164',
        { email: 'x@y.test', name: 'X', password: 'long enough pw', callerIds: ['555-0100'] },
        'body.callerIds.0',
      ],
      [
        'unknown field',
        { email: 'x@y.test', name: 'X', password: 'long enough pw', admin: true },
        'body.admin',
      ],
    ],
  },
  'update agent': {
    method: 'PATCH',
    url: ({ self }) => `/api/agents/${self}`,
    auth: true,
    rows: [
      ['active as string', { active: 'no' }, 'body.active'],
      ['unknown field', { orgId: uuid }, 'body.orgId'],
      ['short password', { password: 'x' }, 'body.password'],
    ],
  },
  presence: {
    method: 'PUT',
    url: () => '/api/me/presence',
    auth: true,
    rows: [
      ['unknown presence', { presence: 'sleeping' }, 'body.presence'],
      ['offline is not settable', { presence: 'offline' }, 'body.presence'],
    ],
  },
  'upsert call log': {
    method: 'POST',
    url: () => '/api/call-logs',
    auth: true,
    rows: [
      ['id not a UUID', { ...validCall, id: '42' }, 'body.id'],
      ['bad direction', { ...validCall, direction: 'sideways' }, 'body.direction'],
      ['to not E.164', { ...validCall, to: '0049 30 123' }, 'body.to'],
      ['unknown status', { ...validCall, status: 'exploded' }, 'body.status'],
      ['bad disposition', { ...validCall, disposition: 'Not Good!' }, 'body.disposition'],
      ['date without zone', { ...validCall, startedAt: '2026-03-01 10:00' }, 'body.startedAt'],
      ['negative duration', { ...validCall, durationSeconds: -1 }, 'body.durationSeconds'],
      ['fractional duration', { ...validCall, durationSeconds: 1.5 }, 'body.durationSeconds'],
      ['huge notes', { ...validCall, notes: 'x'.repeat(5001) }, 'body.notes'],
      ['unknown field', { ...validCall, orgId: uuid }, 'body.orgId'],
      ['agent id is not client-settable', { ...validCall, agentId: uuid }, 'body.agentId'],
    ],
  },
  'update call log': {
    method: 'PATCH',
    url: () => `/api/call-logs/${uuid}`,
    auth: true,
    rows: [
      ['status is not patchable', { status: 'completed' }, 'body.status'],
      ['bad disposition', { disposition: 'UPPER' }, 'body.disposition'],
      ['empty patch', {}, 'body'],
    ],
  },
  'org settings': {
    method: 'PATCH',
    url: () => '/api/org/settings',
    auth: true,
    rows: [
      ['http webrtc host', { webrtcHost: 'http://example.com' }, 'body.webrtcHost'],
      ['short public key', { telnyxPublicKey: 'abc' }, 'body.telnyxPublicKey'],
      ['short api key', { telnyxApiKey: 'k' }, 'body.telnyxApiKey'],
      ['unknown field', { credentialConnectionId: '1' }, 'body.credentialConnectionId'],
      ['empty disposition list', { dispositions: [] }, 'body.dispositions'],
      ['bad disposition in list', { dispositions: ['Good One'] }, 'body.dispositions.0'],
    ],
  },
  'phone number': {
    method: 'PATCH',
    url: () => `/api/phone-numbers/${uuid}`,
    auth: true,
    rows: [
      ['agent id not a UUID', { inboundAgentId: 'bob' }, 'body.inboundAgentId'],
      ['missing agent id', {}, 'body.inboundAgentId'],
    ],
  },
};

let app: FastifyInstance;
let admin: AuthSession;
beforeAll(async () => {
  app = await build({ config: { bodyLimitBytes: 8192 } });
});
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await reset(app);
  admin = await signup(app);
});

describe.each(Object.entries(TABLES))('%s', (_name, table) => {
  it.each(table.rows.map(([n, b, f]) => [n, f, b] as const))(
    '%s → 400 naming %s',
    async (_row, field, body) => {
      const res = await app.inject({
        method: table.method,
        url: table.url({ self: admin.user.id }),
        headers: table.auth ? bearer(admin.accessToken) : {},
        payload: body as object,
      });
      expect(res.statusCode, res.body).toBe(400);
      const err = res.json<ErrorEnvelope>().error;
      expect(err.code).toBe('invalid_input');
      const issues = (err.details as { issues: Array<{ path: string }> }).issues;
      expect(issues.map((i) => i.path)).toContain(field);
      expect(err.message).toContain(field);
    },
  );
});

describe('malformed requests', () => {
  const post = (
    payload: string,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ) =>
    app.inject({
      method: 'POST',
      url: '/api/call-logs',
      headers: { ...bearer(admin.accessToken), ...headers },
      payload,
    });

  it.each([
    ['broken JSON', '{"id":', 400, 'bad_request'],
    ['JSON array body', '[]', 400, 'invalid_input'],
    ['JSON null body', 'null', 400, 'invalid_input'],
  ])('%s → %i %s', async (_n, payload, status, code) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(status);
    expect(res.json<ErrorEnvelope>().error.code).toBe(code);
  });

  it.each([
    ['/api/call-logs/stats?groupBy=week', 'querystring.groupBy'],
    ['/api/call-logs/stats?from=yesterday', 'querystring.from'],
    ['/api/call-logs?direction=up', 'querystring.direction'],
    ['/api/call-logs?number=4930', 'querystring.number'],
    ['/api/call-logs?limit=0', 'querystring.limit'],
    ['/api/call-logs/export.csv?cursor=x', 'querystring.cursor'],
    ['/api/audit?limit=abc', 'querystring.limit'],
  ])('GET %s → 400 naming %s', async (url, field) => {
    const res = await app.inject({ method: 'GET', url, headers: bearer(admin.accessToken) });
    expect(res.statusCode, res.body).toBe(400);
    const err = res.json<ErrorEnvelope>().error;
    const paths = (err.details as { issues: Array<{ path: string }> }).issues.map((i) => i.path);
    expect(paths).toContain(field);
  });

  it('names each unknown field separately', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@b.test', password: 'x', admin: true, orgId: 'x' },
    });
    const issues = (res.json<ErrorEnvelope>().error.details as { issues: Array<{ path: string }> })
      .issues;
    expect(issues.map((i) => i.path).sort()).toEqual(['body.admin', 'body.orgId']);
  });

  it('an oversize body is a 413 in the envelope', async () => {
    const res = await post(JSON.stringify({ ...validCall, notes: 'x'.repeat(9000) }));
    expect(res.statusCode).toBe(413);
    expect(res.json<ErrorEnvelope>().error.code).toBe('payload_too_large');
  });

  it('a wrong content type is a 415', async () => {
    const res = await post('id=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBe(415);
    expect(res.json<ErrorEnvelope>().error.code).toBe('unsupported_media_type');
  });

  it('a bad path id is a 400, an unknown route a 404', async () => {
    const bad = await app.inject({
      method: 'GET',
      url: '/api/call-logs/not-a-uuid',
      headers: bearer(admin.accessToken),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorEnvelope>().error.message).toContain('params.id');
    const none = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(none.statusCode).toBe(404);
    expect(none.json<ErrorEnvelope>().error.code).toBe('not_found');
  });
});
