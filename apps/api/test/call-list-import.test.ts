import type { AuthSession, CallList, Contact, ImportPreview } from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from '../src/services/call-lists/csv-rows.js';
import { assign, createList, importCsv, importUrl } from './call-lists-helpers.js';
import { addAgent, bearer, build, codeOf, reset, signup } from './helpers.js';

let app: FastifyInstance;
let admin: AuthSession;
let list: CallList;

beforeAll(async () => {
  app = await build();
}, 180_000);
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await reset(app);
  admin = await signup(app);
  list = await createList(app, admin, { defaultRegion: 'GB' });
}, 60_000);

const send = (token: string, url: string, csv: string, type = 'text/csv') =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...bearer(token), 'content-type': type },
    payload: csv,
  });

const contactsOf = async (listId: string) =>
  (
    await app.inject({
      method: 'GET',
      url: `/api/call-lists/${listId}/contacts?limit=200`,
      headers: bearer(admin.accessToken),
    })
  ).json<{ items: Contact[] }>().items;

const CSV = [
  'Phone,Name,Company,Plan,Notes',
  '020 7946 0000,Ann,Acme,Gold,first', // row 2
  'not a number,Bob,,,', // row 3: invalid
  ',Cy,,,', // row 4: missing phone
  '999,Emergency,,,', // row 5: a short number
  '+44 20 7946 0000,Ann B,,Silver,dup', // row 6: duplicate of row 2 (merged)
  '020 7946 0001,"Dee, Jr.",Beta,,', // row 7
  '020 7946 0002,Eve', // row 8: too few fields
].join('\r\n');

describe('CSV import', () => {
  it('imports valid rows, reports each bad row with its number and merges duplicates', async () => {
    const report = await importCsv(app, admin, list.id, CSV, {
      name: 'Name',
      company: 'Company',
      notes: 'Notes',
      custom: ['Plan'],
    });
    expect(report).toMatchObject({ rows: 7, imported: 2, merged: 1, doNotCall: 0, failed: 4 });
    expect(report.errors.map((e) => [e.row, e.reason])).toEqual([
      [3, 'invalid-phone'],
      [4, 'missing-phone'],
      [5, 'not-a-phone-number'],
      [8, 'malformed-row'],
    ]);
    const contacts = await contactsOf(list.id);
    expect(contacts).toMatchObject([
      {
        phone: '+442079460000',
        name: 'Ann',
        company: 'Acme',
        notes: 'first',
        customFields: { Plan: 'Gold' },
        timezones: ['Europe/London'],
        state: 'untouched',
      },
      { phone: '+442079460001', name: 'Dee, Jr.', company: 'Beta' },
    ]);
    // Importing again merges every valid row into the existing contacts.
    const again = await importCsv(app, admin, list.id, CSV, { name: 'Name' });
    expect(again).toMatchObject({ imported: 0, merged: 3, failed: 4 });
    const listNow = await app.inject({
      method: 'GET',
      url: `/api/call-lists/${list.id}`,
      headers: bearer(admin.accessToken),
    });
    expect(listNow.json<CallList>().progress).toMatchObject({ total: 2, untouched: 2 });
  });

  it('keeps a do-not-call number out of the queue at import', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/dnc',
      headers: bearer(admin.accessToken),
      payload: { phone: '020 7946 0001', region: 'GB' },
    });
    const report = await importCsv(app, admin, list.id, CSV, { name: 'Name' });
    expect(report).toMatchObject({ imported: 1, doNotCall: 1 });
    const removed = (await contactsOf(list.id)).find((c) => c.phone === '+442079460001');
    expect(removed?.state).toBe('removed');
  });

  it('previews the first rows as the import reads them and saves nothing', async () => {
    const res = await send(
      admin.accessToken,
      `${importUrl(list.id, { name: 'Name' }, 'import/preview')}&rows=3`,
      CSV,
    );
    expect(res.statusCode).toBe(200);
    const preview = res.json<ImportPreview>();
    expect(preview.headers).toEqual(['Phone', 'Name', 'Company', 'Plan', 'Notes']);
    expect(preview.rows).toMatchObject([
      { row: 2, phone: '+442079460000', name: 'Ann', error: null },
      { row: 3, phone: null, error: { reason: 'invalid-phone' } },
      { row: 4, phone: null, error: { reason: 'missing-phone' } },
    ]);
    expect(await contactsOf(list.id)).toEqual([]);
  });

  it('refuses a bad mapping, a missing column, a non-CSV body and an agent', async () => {
    const bad = await send(
      admin.accessToken,
      `/api/call-lists/${list.id}/import?mapping=not-json`,
      CSV,
    );
    expect([bad.statusCode, codeOf(bad)]).toEqual([400, 'invalid_mapping']);
    const missing = await send(admin.accessToken, importUrl(list.id, { name: 'Nom' }), CSV);
    expect([missing.statusCode, codeOf(missing)]).toEqual([400, 'unknown_column']);
    const json = await send(admin.accessToken, importUrl(list.id), '{}', 'application/json');
    expect(json.statusCode).toBe(415);
    const agent = await addAgent(app, admin);
    await assign(app, admin, list.id, [agent]);
    const byAgent = await send(agent.accessToken, importUrl(list.id), CSV);
    expect(byAgent.statusCode).toBe(403);
    const broken = await send(admin.accessToken, importUrl(list.id), 'Phone\n"020 7946 0000');
    expect([broken.statusCode, codeOf(broken)]).toEqual([400, 'invalid_csv']);
    const otherOrg = await signup(app, 'Other');
    const foreign = await send(otherOrg.accessToken, importUrl(list.id), CSV);
    expect(foreign.statusCode).toBe(404);
  });

  describe('limits', () => {
    const saved = { ...IMPORT_LIMITS };
    afterEach(() => Object.assign(IMPORT_LIMITS, saved));

    it('answers 413 past the row limit and says how far it got', async () => {
      IMPORT_LIMITS.maxRows = 3;
      const rows = ['Phone', ...Array.from({ length: 5 }, (_, i) => `020 7946 000${i}`)];
      const res = await send(admin.accessToken, importUrl(list.id), rows.join('\n'));
      expect([res.statusCode, codeOf(res)]).toEqual([413, 'payload_too_large']);
      expect(res.json()).toMatchObject({ error: { details: { report: { rows: 3 } } } });
    });

    it('answers 413 past the byte limit', async () => {
      IMPORT_LIMITS.maxBytes = 1000;
      const rows = ['Phone', ...Array.from({ length: 200 }, (_, i) => `020 7946 ${1000 + i}`)];
      const res = await send(admin.accessToken, importUrl(list.id), rows.join('\n'));
      expect([res.statusCode, codeOf(res)]).toEqual([413, 'payload_too_large']);
    });
  });
});

describe('call list administration', () => {
  it('only admins create, change, assign and delete lists; agents see only their lists', async () => {
    const agent = await addAgent(app, admin);
    const create = await app.inject({
      method: 'POST',
      url: '/api/call-lists',
      headers: bearer(agent.accessToken),
      payload: { name: 'Mine', defaultRegion: 'US' },
    });
    expect(create.statusCode).toBe(403);
    for (const [method, url, payload] of [
      ['PATCH', `/api/call-lists/${list.id}`, { name: 'x' }],
      ['PUT', `/api/call-lists/${list.id}/agents`, { agentIds: [agent.user.id] }],
      ['DELETE', `/api/call-lists/${list.id}`, undefined],
      ['GET', '/api/dnc', undefined],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        headers: bearer(agent.accessToken),
        ...(payload ? { payload } : {}),
      });
      // An agent not on the list learns nothing about it (404); admin-only routes say 403.
      expect([403, 404], `${method} ${url}`).toContain(res.statusCode);
    }
    const before = await app.inject({
      method: 'GET',
      url: '/api/call-lists',
      headers: bearer(agent.accessToken),
    });
    expect(before.json()).toEqual([]);
    await assign(app, admin, list.id, [agent]);
    const after = await app.inject({
      method: 'GET',
      url: '/api/call-lists',
      headers: bearer(agent.accessToken),
    });
    expect(after.json()).toMatchObject([{ id: list.id, agentIds: [agent.user.id] }]);
    const patchByAgent = await app.inject({
      method: 'PATCH',
      url: `/api/call-lists/${list.id}`,
      headers: bearer(agent.accessToken),
      payload: { name: 'x' },
    });
    expect(patchByAgent.statusCode).toBe(403);
    const otherOrg = await signup(app, 'Other');
    const foreignAgent = await app.inject({
      method: 'PUT',
      url: `/api/call-lists/${list.id}/agents`,
      headers: bearer(admin.accessToken),
      payload: { agentIds: [otherOrg.user.id] },
    });
    expect([foreignAgent.statusCode, codeOf(foreignAgent)]).toEqual([400, 'unknown_agent']);
  });
});
