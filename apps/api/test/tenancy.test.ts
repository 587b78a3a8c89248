import { randomUUID } from 'node:crypto';
import type { AuthSession } from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assign, createList, importCsv } from './call-lists-helpers.js';
import { addAgent, bearer, build, reset, signup } from './helpers.js';

/**
 * Walks every route in the OpenAPI document with org B's admin token and org A's ids: each route
 * either answers 404 for A's resource or answers about B only. A route added without a case here
 * fails the test, so new routes cannot skip the tenancy check.
 */
type Ids = {
  agent: string;
  callLog: string;
  number: string;
  ringGroup: string;
  list: string;
  contact: string;
  callback: string;
  dncPhone: string;
  invite: string;
};
interface Case {
  expect: 'not-found' | 'no-leak' | 'not-tenant-scoped';
  query?: (a: Ids) => string;
  body?: (a: Ids) => object;
}

const CASES: Record<string, Case> = {
  'GET /healthz': { expect: 'not-tenant-scoped' },
  'GET /readyz': { expect: 'not-tenant-scoped' },
  // Public auth routes answer about the caller's own credentials only.
  'POST /api/auth/signup': { expect: 'not-tenant-scoped' },
  'POST /api/auth/login': { expect: 'not-tenant-scoped' },
  'POST /api/auth/refresh': { expect: 'not-tenant-scoped' },
  'POST /api/auth/logout': { expect: 'not-tenant-scoped' },
  // The console's cookie session acts on the caller's own session only (browser-auth.test.ts).
  'POST /api/auth/browser/login': { expect: 'not-tenant-scoped' },
  'POST /api/auth/browser/refresh': { expect: 'not-tenant-scoped' },
  'POST /api/auth/browser/logout': { expect: 'not-tenant-scoped' },
  'POST /api/auth/browser/logout-everywhere': { expect: 'not-tenant-scoped' },
  // Authenticated by Ed25519 signature per org, covered in webhooks.test.ts ("another org").
  'POST /api/webhooks/telnyx': { expect: 'not-tenant-scoped' },
  'GET /api/auth/me': { expect: 'no-leak' },
  'GET /api/agents': { expect: 'no-leak' },
  'POST /api/agents': {
    expect: 'no-leak',
    body: () => ({
      email: `new-${randomUUID()}@example.test`,
      name: 'New',
      password: 'long enough pw',
    }),
  },
  'GET /api/agents/{id}': { expect: 'not-found' },
  'PATCH /api/agents/{id}': { expect: 'not-found', body: () => ({ name: 'Hijacked' }) },
  'DELETE /api/agents/{id}': { expect: 'not-found' },
  'GET /api/agents/{id}/webrtc-credential': { expect: 'not-found' },
  'POST /api/agents/{id}/webrtc-credential': { expect: 'not-found' },
  'DELETE /api/agents/{id}/webrtc-credential': { expect: 'not-found' },
  'POST /api/agents/{id}/webrtc-credential/rotate': { expect: 'not-found' },
  'POST /api/me/webrtc-token': { expect: 'no-leak' },
  'PUT /api/me/presence': { expect: 'no-leak', body: () => ({ presence: 'away' }) },
  'GET /api/presence': { expect: 'no-leak' },
  'GET /api/me/call-policy': { expect: 'no-leak' },
  // Public: the invite's secret token is the only key, checked in invites.test.ts.
  'POST /api/invites/details': { expect: 'not-tenant-scoped' },
  'POST /api/invites/accept': { expect: 'not-tenant-scoped' },
  'GET /api/invites': { expect: 'no-leak' },
  'POST /api/invites': {
    expect: 'no-leak',
    body: () => ({ email: `invited-${randomUUID()}@example.test`, name: 'Invited' }),
  },
  'DELETE /api/invites/{id}': { expect: 'not-found' },
  // Provisions the caller's own org at Telnyx; org A's resources are never named.
  'POST /api/org/telnyx/provision': { expect: 'no-leak' },
  'POST /api/call-logs': {
    expect: 'not-found',
    body: (a) => ({
      id: a.callLog,
      direction: 'outbound',
      from: '+15550100001',
      to: '+15550100002',
      status: 'failed',
      startedAt: '2026-03-01T10:00:00.000Z',
    }),
  },
  'GET /api/call-logs': { expect: 'no-leak', query: (a) => `?agentId=${a.agent}` },
  'GET /api/call-logs/stats': { expect: 'no-leak', query: () => '?groupBy=agent' },
  'GET /api/call-logs/export.csv': { expect: 'no-leak' },
  'GET /api/call-logs/{id}': { expect: 'not-found' },
  'PATCH /api/call-logs/{id}': { expect: 'not-found', body: () => ({ notes: 'hijacked' }) },
  'GET /api/phone-numbers': { expect: 'no-leak' },
  'POST /api/phone-numbers/sync': { expect: 'no-leak' },
  'PATCH /api/phone-numbers/{id}': { expect: 'not-found', body: () => ({ inboundAgentId: null }) },
  'GET /api/org/settings': { expect: 'no-leak' },
  'PATCH /api/org/settings': { expect: 'no-leak', body: () => ({ webrtcHost: 'wss://b.example' }) },
  'GET /api/audit': { expect: 'no-leak' },
  'GET /api/admin/dashboard': {
    expect: 'no-leak',
    query: () => '?from=2026-02-01T00:00:00.000Z&to=2026-04-01T00:00:00.000Z',
  },
  'GET /api/admin/call-logs/{id}/timeline': { expect: 'not-found' },
  'GET /api/admin/webhook': { expect: 'no-leak' },
  'POST /api/admin/webhook/test': { expect: 'no-leak' },
  'GET /api/ring-groups': { expect: 'no-leak' },
  'POST /api/ring-groups': {
    expect: 'no-leak',
    body: (a) => ({ name: 'B', memberIds: [a.agent] }),
  },
  'GET /api/ring-groups/{id}': { expect: 'not-found' },
  'PATCH /api/ring-groups/{id}': { expect: 'not-found', body: () => ({ name: 'Hijacked' }) },
  'DELETE /api/ring-groups/{id}': { expect: 'not-found' },
  'GET /api/call-lists': { expect: 'no-leak' },
  'POST /api/call-lists': { expect: 'no-leak', body: () => ({ name: 'B', defaultRegion: 'US' }) },
  'GET /api/call-lists/{listId}': { expect: 'not-found' },
  'PATCH /api/call-lists/{listId}': { expect: 'not-found', body: () => ({ name: 'Hijacked' }) },
  'DELETE /api/call-lists/{listId}': { expect: 'not-found' },
  'PUT /api/call-lists/{listId}/agents': { expect: 'not-found', body: () => ({ agentIds: [] }) },
  'GET /api/call-lists/{listId}/contacts': { expect: 'not-found' },
  'GET /api/call-lists/{listId}/contacts/{contactId}': { expect: 'not-found' },
  'GET /api/call-lists/{listId}/contacts/{contactId}/calls': { expect: 'not-found' },
  'POST /api/call-lists/{listId}/claim': { expect: 'not-found' },
  'POST /api/call-lists/{listId}/contacts/{contactId}/renew': { expect: 'not-found' },
  'POST /api/call-lists/{listId}/contacts/{contactId}/release': {
    expect: 'not-found',
    body: () => ({}),
  },
  'POST /api/call-lists/{listId}/contacts/{contactId}/complete': {
    expect: 'not-found',
    body: () => ({ outcome: 'reached' }),
  },
  'POST /api/call-lists/{listId}/import': {
    expect: 'not-found',
    query: () => `?mapping=${encodeURIComponent('{"phone":"Phone"}')}`,
    body: () => ({}),
  },
  'POST /api/call-lists/{listId}/import/preview': {
    expect: 'not-found',
    query: () => `?mapping=${encodeURIComponent('{"phone":"Phone"}')}`,
    body: () => ({}),
  },
  'GET /api/callbacks': { expect: 'no-leak' },
  'POST /api/callbacks': {
    expect: 'no-leak',
    body: () => ({ phone: '+12125550199', when: { dueAt: '2026-03-01T10:00:00.000Z' } }),
  },
  'GET /api/callbacks/{id}': { expect: 'not-found' },
  'PATCH /api/callbacks/{id}': { expect: 'not-found', body: () => ({ status: 'cancelled' }) },
  'GET /api/dnc': { expect: 'no-leak' },
  'POST /api/dnc': { expect: 'no-leak', body: () => ({ phone: '+12125550188' }) },
  'GET /api/dnc/check/{phone}': { expect: 'no-leak' },
  'DELETE /api/dnc/{phone}': { expect: 'not-found' },
};

let app: FastifyInstance;
let adminA: AuthSession;
let a: Ids;
let secretsOfA: string[];
beforeAll(async () => {
  app = await build();
});
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await reset(app);
  adminA = await signup(app, 'Alpha');
  const agentA = await addAgent(app, adminA, 'Alpha Agent');
  const callLog = randomUUID();
  const res = await app.inject({
    method: 'POST',
    url: '/api/call-logs',
    headers: bearer(agentA.accessToken),
    payload: {
      id: callLog,
      direction: 'outbound',
      from: '+15550100001',
      to: '+15550100002',
      status: 'completed',
      startedAt: '2026-03-01T10:00:00.000Z',
      notes: 'alpha secret note',
    },
  });
  expect(res.statusCode).toBe(201);
  const number = randomUUID();
  await app.services.db
    .insertInto('phone_numbers')
    .values({
      id: number,
      org_id: adminA.org.id,
      telnyx_id: 'tx-alpha',
      phone_number: '+15550100001',
      inbound_agent_id: agentA.user.id,
    })
    .execute();
  await app.services.db
    .insertInto('webrtc_credentials')
    .values({
      id: randomUUID(),
      org_id: adminA.org.id,
      user_id: agentA.user.id,
      telnyx_credential_id: 'cred-alpha',
      sip_username: 'alpha-sip',
    })
    .execute();
  const group = await app.inject({
    method: 'POST',
    url: '/api/ring-groups',
    headers: bearer(adminA.accessToken),
    payload: { name: 'Alpha group', memberIds: [agentA.user.id] },
  });
  expect(group.statusCode).toBe(201);
  const ringGroup = group.json<{ id: string }>().id;
  const list = await createList(app, adminA, { name: 'Alpha leads', defaultRegion: 'US' });
  await assign(app, adminA, list.id, [agentA]);
  await importCsv(app, adminA, list.id, 'Phone,Name\n+12125550142,Alpha contact', { name: 'Name' });
  const contact = await app.services.db
    .selectFrom('contacts')
    .select('id')
    .where('list_id', '=', list.id)
    .executeTakeFirstOrThrow();
  const callback = await app.inject({
    method: 'POST',
    url: '/api/callbacks',
    headers: bearer(agentA.accessToken),
    payload: { contactId: contact.id, when: { dueAt: '2026-03-02T10:00:00.000Z' } },
  });
  expect(callback.statusCode).toBe(201);
  const dnc = await app.inject({
    method: 'POST',
    url: '/api/dnc',
    headers: bearer(adminA.accessToken),
    payload: { phone: '+12125550177' },
  });
  expect(dnc.statusCode).toBe(201);
  const invite = await app.inject({
    method: 'POST',
    url: '/api/invites',
    headers: bearer(adminA.accessToken),
    payload: { email: `alpha-invitee-${randomUUID()}@example.test`, name: 'Alpha Invitee' },
  });
  expect(invite.statusCode).toBe(201);
  a = {
    agent: agentA.user.id,
    callLog,
    number,
    ringGroup,
    list: list.id,
    contact: contact.id,
    callback: callback.json<{ id: string }>().id,
    dncPhone: '+12125550177',
    invite: invite.json<{ invite: { id: string } }>().invite.id,
  };
  secretsOfA = [
    adminA.org.id,
    adminA.user.id,
    agentA.user.id,
    adminA.user.email,
    agentA.user.email,
    callLog,
    number,
    ringGroup,
    a.list,
    a.contact,
    a.callback,
    'Alpha group',
    'Alpha leads',
    'Alpha contact',
    'Alpha Invitee',
    '+12125550142',
    'alpha secret note',
    'alpha-sip',
    'cred-alpha',
  ];
});

describe('tenant isolation over every documented route', () => {
  it("another org's admin never sees or changes org A's data", async () => {
    const adminB = await signup(app, 'Beta');
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.length).toBeGreaterThan(25);
    const missing = routes.filter((r) => !CASES[r]);
    expect(missing, 'routes without a tenancy case').toEqual([]);

    // Org B's admin, then org B's agent (who may also meet a 403 on admin-only routes).
    const agentB = await addAgent(app, adminB, 'Beta Agent');
    for (const [who, token] of [
      ['admin', adminB.accessToken],
      ['agent', agentB.accessToken],
    ] as const) {
      for (const route of routes) {
        const c = CASES[route]!;
        if (c.expect === 'not-tenant-scoped') continue;
        const [method, path] = route.split(' ') as [
          'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
          string,
        ];
        const id =
          path.startsWith('/api/call-logs') || path.startsWith('/api/admin/call-logs')
            ? a.callLog
            : path.startsWith('/api/phone-numbers')
              ? a.number
              : path.startsWith('/api/ring-groups')
                ? a.ringGroup
                : path.startsWith('/api/callbacks')
                  ? a.callback
                  : path.startsWith('/api/invites')
                    ? a.invite
                    : a.agent;
        const url =
          path
            .replace('{id}', id)
            .replace('{listId}', a.list)
            .replace('{contactId}', a.contact)
            .replace('{phone}', a.dncPhone) + (c.query?.(a) ?? '');
        const body = c.body?.(a);
        const res = await app.inject({
          method,
          url,
          headers: bearer(token),
          ...(body ? { payload: body } : {}),
        });
        const label = `${who}: ${route} → ${res.body}`;
        if (c.expect === 'not-found' && who === 'admin') expect(res.statusCode, label).toBe(404);
        else if (c.expect === 'not-found') expect([403, 404], label).toContain(res.statusCode);
        else expect(res.statusCode, label).toBeLessThan(500);
        for (const secret of secretsOfA)
          expect(res.body, `${label} leaked ${secret}`).not.toContain(secret);
      }
    }

    // And A's data is unchanged by all of that.
    const agent = await app.inject({
      method: 'GET',
      url: `/api/agents/${a.agent}`,
      headers: bearer(adminA.accessToken),
    });
    expect(agent.json()).toMatchObject({
      name: 'Alpha Agent',
      active: true,
      hasWebrtcCredential: true,
    });
    const log = await app.inject({
      method: 'GET',
      url: `/api/call-logs/${a.callLog}`,
      headers: bearer(adminA.accessToken),
    });
    expect(log.json()).toMatchObject({ status: 'completed', notes: 'alpha secret note' });
    const numbers = await app.inject({
      method: 'GET',
      url: '/api/phone-numbers',
      headers: bearer(adminA.accessToken),
    });
    expect(numbers.json()).toMatchObject([{ id: a.number, inboundAgentId: a.agent }]);
  });

  it('an agent cannot read another agent of its own org (404) or admin routes (403)', async () => {
    const other = await addAgent(app, adminA, 'Other');
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/api/agents/${a.agent}`,
          headers: bearer(other.accessToken),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/api/agents/${other.user.id}`,
          headers: bearer(other.accessToken),
        })
      ).statusCode,
    ).toBe(200);
    for (const [method, url] of [
      ['POST', `/api/agents/${a.agent}/webrtc-credential`],
      ['PATCH', `/api/agents/${a.agent}`],
      ['GET', '/api/org/settings'],
      ['GET', '/api/audit'],
      ['POST', '/api/phone-numbers/sync'],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        headers: bearer(other.accessToken),
        ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });
});
