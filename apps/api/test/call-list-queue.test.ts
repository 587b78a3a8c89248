import { randomUUID } from 'node:crypto';
import type { AuthSession, CallList, Contact } from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  assign,
  claim,
  complete,
  createList,
  csvOf,
  HOUR,
  importCsv,
  londonNumbers,
  MINUTE,
  TestClock,
} from './call-lists-helpers.js';
import { addAgent, bearer, build, codeOf, reset, signup } from './helpers.js';

// Noon in London: inside the default calling hours (09:00–20:00).
const clock = new TestClock(new Date('2026-12-01T12:00:00Z'));
let app: FastifyInstance;
let admin: AuthSession;
let alice: AuthSession;
let bob: AuthSession;
let list: CallList;

beforeAll(async () => {
  app = await build({ clock: clock.now });
}, 180_000);
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await reset(app);
  clock.set('2026-12-01T12:00:00Z');
  admin = await signup(app);
  alice = await addAgent(app, admin, 'Alice');
  bob = await addAgent(app, admin, 'Bob');
  list = await createList(app, admin, {
    retry: { noAnswerRetryHours: 2, busyRetryHours: 1, maxAttempts: 2 },
  });
  await assign(app, admin, list.id, [alice, bob]);
}, 60_000);

const post = (agent: AuthSession, url: string, payload?: object) =>
  app.inject({
    method: 'POST',
    url,
    headers: bearer(agent.accessToken),
    ...(payload ? { payload } : {}),
  });

describe('claiming contacts', () => {
  it('hands out untouched contacts in import order, each to one agent', async () => {
    await importCsv(app, admin, list.id, csvOf(londonNumbers(3)));
    const first = await claim(app, alice, list.id);
    const second = await claim(app, bob, list.id);
    expect(first).toMatchObject({ reason: 'new', contact: { phone: '+442079460000' } });
    expect(second).toMatchObject({ reason: 'new', contact: { phone: '+442079460001' } });
    expect(first.contact?.leaseOwnerId).toBe(alice.user.id);
    expect(first.contact?.state).toBe('in_progress');
  });

  it('never gives one contact to two claims, however many run at once', async () => {
    await importCsv(app, admin, list.id, csvOf(londonNumbers(50)));
    // 60 claims at once from two agents for 50 contacts: 50 distinct contacts, then empty answers.
    const claims = await Promise.all(
      Array.from({ length: 60 }, (_, i) => claim(app, i % 2 ? alice : bob, list.id)),
    );
    const ids = claims.flatMap((c) => (c.contact ? [c.contact.id] : []));
    expect(ids).toHaveLength(50);
    expect(new Set(ids).size).toBe(50);
    expect(claims.filter((c) => c.contact === null)).toHaveLength(10);
  }, 120_000);

  it('returns a contact whose lease ran out (the app died) to the queue', async () => {
    await importCsv(app, admin, list.id, csvOf(londonNumbers(1)));
    const held = await claim(app, alice, list.id);
    expect((await claim(app, bob, list.id)).contact).toBeNull();
    clock.advance(4 * MINUTE);
    const renewed = await post(
      alice,
      `/api/call-lists/${list.id}/contacts/${held.contact!.id}/renew`,
    );
    expect(renewed.statusCode).toBe(200);
    clock.advance(4 * MINUTE); // 8 min after the claim, 4 after the renewal: still held
    expect((await claim(app, bob, list.id)).contact).toBeNull();
    clock.advance(2 * MINUTE);
    const taken = await claim(app, bob, list.id);
    expect(taken).toMatchObject({ reason: 'retry', contact: { id: held.contact!.id } });
    expect(taken.contact?.attempts).toBe(0);
    const late = await complete(app, alice, list.id, held.contact!.id, { outcome: 'reached' });
    expect(late.statusCode).toBe(409);
    expect(codeOf(late)).toBe('lease_lost');
  });

  it('a skipped contact comes back after its delay', async () => {
    await importCsv(app, admin, list.id, csvOf(londonNumbers(2)));
    const first = await claim(app, alice, list.id);
    const released = await post(
      alice,
      `/api/call-lists/${list.id}/contacts/${first.contact!.id}/release`,
      { delayMinutes: 10 },
    );
    expect(released.json<Contact>()).toMatchObject({ leaseOwnerId: null, attempts: 0 });
    const second = (await claim(app, alice, list.id)).contact!;
    expect(second.phone).toBe('+442079460001');
    expect((await claim(app, alice, list.id)).contact).toBeNull();
    await complete(app, alice, list.id, second.id, { outcome: 'reached' });
    clock.advance(10 * MINUTE);
    expect(await claim(app, alice, list.id)).toMatchObject({
      reason: 'retry',
      contact: { id: first.contact!.id },
    });
  });

  it('an agent not on the list cannot claim from it', async () => {
    const carol = await addAgent(app, admin, 'Carol');
    const res = await post(carol, `/api/call-lists/${list.id}/claim`);
    expect(res.statusCode).toBe(404);
  });
});

describe('do-not-call', () => {
  it('never hands out a number put on the list mid-session', async () => {
    await importCsv(app, admin, list.id, csvOf(londonNumbers(3)));
    expect((await claim(app, alice, list.id)).contact?.phone).toBe('+442079460000');
    // Bob adds the second number through the API (contacts become removed)…
    const added = await post(bob, '/api/dnc', { phone: '+442079460001', reason: 'asked' });
    expect(added.statusCode).toBe(201);
    // …and the third straight into the table, as a concurrent request would: the claim's own
    // check must still skip it.
    await app.services.db
      .insertInto('dnc')
      .values({ org_id: admin.org.id, phone: '+442079460002', reason: null, added_by: null })
      .execute();
    const next = await claim(app, alice, list.id);
    expect(next.contact).toBeNull();
    const check = await app.inject({
      method: 'GET',
      url: '/api/dnc/check/+442079460001',
      headers: bearer(alice.accessToken),
    });
    expect(check.json()).toEqual({ phone: '+442079460001', blocked: true });
  });

  it('a do-not-call outcome blocks the number in every list of the org', async () => {
    const other = await createList(app, admin, { name: 'Other' });
    await assign(app, admin, other.id, [bob]);
    await importCsv(app, admin, list.id, csvOf(londonNumbers(1)));
    await importCsv(app, admin, other.id, csvOf(londonNumbers(1)));
    const c = await claim(app, alice, list.id);
    const done = await complete(app, alice, list.id, c.contact!.id, { outcome: 'do-not-call' });
    expect(done.json<Contact>()).toMatchObject({ state: 'removed', attempts: 1 });
    expect((await claim(app, bob, other.id)).contact).toBeNull();
    const page = await app.inject({
      method: 'GET',
      url: '/api/dnc',
      headers: bearer(admin.accessToken),
    });
    expect(page.json()).toMatchObject({
      items: [{ phone: '+442079460000', addedBy: alice.user.id }],
    });
  });
});

describe('calling hours', () => {
  it('skips a contact outside hours in its own time zone until they start', async () => {
    const csv = [
      'Phone,Name,TZ',
      '+12125550100,New York,America/New_York',
      '020 7946 0000,London,',
    ];
    await importCsv(app, admin, list.id, csv.join('\n'), { timezone: 'TZ', name: 'Name' });
    // 12:00 UTC: 12:00 in London, 07:00 in New York.
    const london = (await claim(app, alice, list.id)).contact!;
    expect(london.name).toBe('London');
    expect((await claim(app, alice, list.id)).contact).toBeNull();
    await complete(app, alice, list.id, london.id, { outcome: 'reached' });
    clock.set('2026-12-01T14:00:00Z'); // 09:00 in New York
    expect((await claim(app, alice, list.id)).contact?.name).toBe('New York');
  });

  it('a number of a region spanning zones waits until every zone is inside hours', async () => {
    // No timezone column: a US number may be anywhere from New York to Honolulu.
    await importCsv(app, admin, list.id, csvOf(['+12125550100']));
    clock.set('2026-12-01T16:00:00Z'); // 11:00 in New York, 06:00 in Honolulu
    expect((await claim(app, alice, list.id)).contact).toBeNull();
    clock.set('2026-12-01T19:00:00Z'); // 14:00 New York, 09:00 Honolulu, 10:00 Anchorage
    expect((await claim(app, alice, list.id)).contact?.phone).toBe('+12125550100');
  });
});

describe('attempts, retries and callbacks', () => {
  it('retries a no-answer after the list’s hours, then marks it exhausted', async () => {
    await importCsv(app, admin, list.id, csvOf(londonNumbers(1)));
    const c = (await claim(app, alice, list.id)).contact!;
    const first = await complete(app, alice, list.id, c.id, { outcome: 'no-answer' });
    expect(first.json<Contact>()).toMatchObject({
      state: 'in_progress',
      attempts: 1,
      nextAttemptAt: '2026-12-01T14:00:00.000Z',
      leaseOwnerId: null,
    });
    const none = await claim(app, bob, list.id);
    expect(none).toMatchObject({ contact: null, nextDueAt: '2026-12-01T14:00:00.000Z' });
    clock.advance(2 * HOUR);
    const again = await claim(app, bob, list.id);
    expect(again).toMatchObject({ reason: 'retry', contact: { id: c.id } });
    const last = await complete(app, bob, list.id, c.id, { outcome: 'busy' });
    expect(last.json<Contact>()).toMatchObject({ state: 'exhausted', attempts: 2 });
    const progress = await app.inject({
      method: 'GET',
      url: `/api/call-lists/${list.id}`,
      headers: bearer(admin.accessToken),
    });
    expect(progress.json<CallList>().progress).toMatchObject({ total: 1, exhausted: 1 });
  });

  it('a callback comes back to its owner first when due, and is done once called', async () => {
    await importCsv(app, admin, list.id, csvOf(londonNumbers(3)));
    const c = (await claim(app, alice, list.id)).contact!;
    const logId = randomUUID();
    const log = await post(alice, '/api/call-logs', {
      id: logId,
      direction: 'outbound',
      from: '+442079460999',
      to: c.phone,
      status: 'completed',
      startedAt: '2026-12-01T12:00:00.000Z',
    });
    expect(log.statusCode).toBe(201);
    const done = await complete(app, alice, list.id, c.id, {
      outcome: 'reached',
      callLogId: logId,
      callback: {
        when: { localTime: '2026-12-01T13:30', timeZone: 'Europe/London' },
        note: 'ask Jo',
      },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json<Contact>()).toMatchObject({ state: 'in_progress', nextAttemptAt: null });
    const soon = await app.inject({
      method: 'GET',
      url: '/api/callbacks?dueWithinMinutes=120',
      headers: bearer(alice.accessToken),
    });
    expect(soon.json()).toMatchObject([
      { contactId: c.id, listId: list.id, dueAt: '2026-12-01T13:30:00.000Z', note: 'ask Jo' },
    ]);
    const bobs = await app.inject({
      method: 'GET',
      url: '/api/callbacks',
      headers: bearer(bob.accessToken),
    });
    expect(bobs.json()).toEqual([]);

    clock.set('2026-12-01T13:30:00Z');
    // Bob gets untouched contacts, never Alice's callback; Alice gets her callback before them.
    expect((await claim(app, bob, list.id)).contact?.id).not.toBe(c.id);
    const back = await claim(app, alice, list.id);
    expect(back).toMatchObject({ reason: 'callback', contact: { id: c.id } });
    expect(back.callbackId).toBeTruthy();
    await complete(app, alice, list.id, c.id, { outcome: 'reached' });
    const cb = await app.inject({
      method: 'GET',
      url: `/api/callbacks/${back.callbackId}`,
      headers: bearer(alice.accessToken),
    });
    expect(cb.json()).toMatchObject({ status: 'done' });

    // The contact's history is its call logs.
    const history = await app.inject({
      method: 'GET',
      url: `/api/call-lists/${list.id}/contacts/${c.id}/calls`,
      headers: bearer(alice.accessToken),
    });
    expect(history.json()).toMatchObject([{ id: logId, contactId: c.id }]);
  });

  it('an admin reassigns a callback; an agent may not', async () => {
    const scheduled = await post(alice, '/api/callbacks', {
      phone: '+442079460123',
      when: { dueAt: '2026-12-01T15:00:00+01:00' },
    });
    expect(scheduled.statusCode).toBe(201);
    const id = scheduled.json<{ id: string; dueAt: string }>().id;
    expect(scheduled.json()).toMatchObject({
      dueAt: '2026-12-01T14:00:00.000Z',
      ownerId: alice.user.id,
    });
    const byAgent = await app.inject({
      method: 'PATCH',
      url: `/api/callbacks/${id}`,
      headers: bearer(alice.accessToken),
      payload: { ownerId: bob.user.id },
    });
    expect(byAgent.statusCode).toBe(403);
    const byBob = await app.inject({
      method: 'GET',
      url: `/api/callbacks/${id}`,
      headers: bearer(bob.accessToken),
    });
    expect(byBob.statusCode).toBe(404);
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/callbacks/${id}`,
      headers: bearer(admin.accessToken),
      payload: { ownerId: bob.user.id },
    });
    expect(moved.json()).toMatchObject({ ownerId: bob.user.id });
    const bad = await post(alice, '/api/callbacks', {
      phone: '+442079460123',
      when: { localTime: '2026-02-30T10:00', timeZone: 'Europe/London' },
    });
    expect(bad.statusCode).toBe(400);
    const badZone = await post(alice, '/api/callbacks', {
      phone: '+442079460123',
      when: { localTime: '2026-02-03T10:00', timeZone: 'Mars/Olympus' },
    });
    expect(codeOf(badZone)).toBe('invalid_time_zone');
  });
});
