import type { CallLog, CallLogEvent } from '@crokodialer/shared';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCallLog, ownerOf } from '../../src/main/services/call-log-filing.js';
import { createDesktopServices } from '../../src/main/services/desktop-services.js';
import { loadKeytar } from '../../src/main/services/keytar-backend.js';
import { MERGE_RULES, mergeCallLogEvents } from '../../src/main/services/outbox-policy.js';
import { callLifecycle } from '../helpers/call-log-events.js';
import { FlakyProxy } from '../helpers/flaky-proxy.js';
import {
  createAccount,
  listCallLogs,
  startRealApi,
  type TestAccount,
} from '../helpers/real-api.js';
import { waitFor } from '../helpers/wait-for.js';

// Filing call records over the real services, keychain and API (PGlite).
let api: Awaited<ReturnType<typeof startRealApi>>;
beforeAll(async () => {
  api = await startRealApi();
}, 120_000);
afterAll(async () => {
  await api?.close();
});

async function desktop(apiUrl: string, extra: { probeFast?: boolean } = {}) {
  const services = await createDesktopServices({
    dataDir: mkdtempSync(join(tmpdir(), 'croko-filing-')),
    defaultApiUrl: apiUrl,
    keychain: await loadKeytar(),
    ...(extra.probeFast ? {} : { outboxBackoff: { baseMs: 20, maxMs: 200 } }),
  });
  await services.vault.deleteRefreshToken(apiUrl);
  await services.vault.deleteDirectCredential();
  return services;
}
const signIn = (s: Awaited<ReturnType<typeof desktop>>, a: TestAccount) =>
  s.session.signIn({ mode: 'companion', email: a.email, password: a.password });

describe('each record is filed only under the account it was queued for', () => {
  it('a signed-out agent’s calls wait for them, are never filed under the next agent', async () => {
    const alice = await createAccount(api.url);
    const bob = await createAccount(api.url);
    const services = await desktop(api.url);
    await signIn(services, alice);
    const call = callLifecycle(1);
    await services.enqueueCallLog(call[0]!);
    await services.session.signOut();
    await services.enqueueCallLog(call[3]!); // the call ends after the sign-out
    await signIn(services, bob);
    services.reconnected();
    await services.outbox.deliverDue();
    expect(services.outbox.listPending()).toMatchObject([
      { event: { id: call[0]!.id, status: 'completed' }, account: { email: alice.email } },
    ]);
    expect(services.outbox.listPending()[0]!.waitingFor).toBe('sign-in');
    expect(await listCallLogs(api.url, bob.accessToken)).toEqual([]);

    await services.session.signOut();
    await signIn(services, alice);
    services.reconnected();
    await services.outbox.deliverDue();
    expect(services.outbox.listPending()).toEqual([]);
    const filed = await listCallLogs(api.url, alice.accessToken);
    expect(filed.map((l) => [l.id, l.status])).toEqual([[call[0]!.id, 'completed']]);
    await services.session.signOut();
  });

  it('direct mode keeps history on this computer and grows no outbox', async () => {
    const services = await desktop(api.url);
    await services.session.signIn({ mode: 'direct', login: 'sipuser', password: 'sip-secret' });
    for (const e of callLifecycle(2)) await services.enqueueCallLog(e);
    expect(services.outbox.status().pending).toBe(0);
    expect(services.localHistory.list()).toMatchObject([{ status: 'completed' }]);
    await services.session.signOut();
  });
});

/** One field, two events of a call: what the first says, what the later one says. */
const CASES: [keyof CallLogEvent, Partial<CallLogEvent>, Partial<CallLogEvent>][] = [
  ['direction', { direction: 'outbound' }, { direction: 'inbound' }],
  ['from', { from: '+14155550100' }, { from: '+14155550199' }],
  ['to', { to: '+14155550101' }, { to: '+14155550198' }],
  ['startedAt', {}, { startedAt: '2026-01-01T10:05:00.000Z' }],
  ['status', { status: 'completed' }, { status: 'ringing' }],
  ['answeredAt', {}, { answeredAt: '2026-01-01T10:00:05.000Z' }],
  [
    'answeredAt',
    { answeredAt: '2026-01-01T10:00:05.000Z' },
    { answeredAt: '2026-01-01T10:00:09.000Z' },
  ],
  ['endedAt', { endedAt: '2026-01-01T10:01:00.000Z' }, { endedAt: '2026-01-01T10:02:00.000Z' }],
  ['durationSeconds', { durationSeconds: 30 }, { durationSeconds: 31 }],
  ['durationSeconds', {}, { durationSeconds: 31 }],
  ['hangupCause', { hangupCause: 'NORMAL_CLEARING' }, { hangupCause: 'USER_BUSY' }],
  ['telnyxCallControlId', {}, { telnyxCallControlId: 'v3:abc' }],
  ['telnyxCallControlId', { telnyxCallControlId: 'v3:a' }, { telnyxCallControlId: 'v3:b' }],
  ['telnyxCallSessionId', { telnyxCallSessionId: 's1' }, { telnyxCallSessionId: 's2' }],
  ['telnyxCallLegId', { telnyxCallLegId: 'l1' }, { telnyxCallLegId: 'l2' }],
  ['disposition', {}, { disposition: 'interested' }],
  ['disposition', { disposition: 'interested' }, { disposition: 'not-interested' }],
  ['disposition', { disposition: 'interested' }, { disposition: null }],
  ['notes', {}, { notes: 'call back Monday' }],
  ['notes', { notes: 'first note' }, { notes: 'corrected note' }],
  ['notes', { notes: 'first note' }, { notes: null }],
];

describe('the outbox merge and the API upsert agree on every field', () => {
  it('covers every field of the upsert', () => {
    const covered = new Set(CASES.map(([field]) => field));
    expect([...covered].sort()).toEqual(
      Object.keys(MERGE_RULES)
        .filter((f) => f !== 'id')
        .sort(),
    );
  });

  it.each(CASES)('%s: %o then %o', async (field, first, later) => {
    const account = await createAccount(api.url);
    const services = await desktop(api.url);
    await signIn(services, account);
    const owner = ownerOf(await services.session.getState())!;
    const file = fileCallLog(services.session);
    const base = (id: string): CallLogEvent => ({
      id,
      direction: 'outbound',
      from: '+14155550100',
      to: '+14155550101',
      status: 'connected',
      startedAt: '2026-01-01T10:00:00.000Z',
    });
    // At the API: the first event delivered, then the later one (as two outbox rounds do).
    const twoRounds = randomUUID();
    await file({ ...base(twoRounds), ...first }, owner);
    await file({ ...base(twoRounds), ...later }, owner);
    // In the outbox: both merged before one delivery (the API was down in between).
    const merged = mergeCallLogEvents({ ...base('x'), ...first }, { ...base('x'), ...later });
    const oneRound = randomUUID();
    await file({ ...merged, id: oneRound }, owner);

    const logs = await listCallLogs(api.url, account.accessToken);
    const byId = (id: string) => logs.find((l) => l.id === id) as unknown as CallLog;
    const atApi = byId(twoRounds)[field as keyof CallLog];
    expect(byId(oneRound)[field as keyof CallLog]).toEqual(atApi);
    // And the merge itself says the same as the API (timestamps compared as instants).
    const mergedValue = merged[field] ?? null;
    const norm = (v: unknown) =>
      typeof v === 'string' && /^\d{4}-/.test(v) ? Date.parse(v) : (v ?? null);
    if (field !== 'durationSeconds') expect(norm(mergedValue)).toEqual(norm(atApi));
    await services.session.signOut();
  });
});

describe('delivery after an outage', () => {
  it('resumes within seconds of the API coming back after a 10 s outage (production backoff)', async () => {
    const account = await createAccount(api.url);
    const proxy = new FlakyProxy(api.url);
    await proxy.up();
    const services = await desktop(proxy.url, { probeFast: true });
    await signIn(services, account);
    services.outbox.start();
    await proxy.down();
    for (const e of callLifecycle(3)) await services.enqueueCallLog(e);
    await new Promise((r) => setTimeout(r, 10_000));
    await proxy.up();
    const back = Date.now();
    await waitFor(() => services.outbox.status().pending === 0, 'delivery', 30_000);
    const resumedMs = Date.now() - back;
    console.info(`call-log delivery resumed ${resumedMs} ms after the API came back`);
    await services.outbox.stop();
    await proxy.down();
    expect(resumedMs).toBeLessThan(3_000);
    expect(await listCallLogs(api.url, account.accessToken)).toHaveLength(1);
  }, 60_000);
});
