// Signed webhook delivery (docs/telnyx-protocol.md#webhook-signatures,
// docs/telnyx-protocol.md#webhook-events), verified with the official SDK's
// `client.webhooks.unwrap`.
import Telnyx from 'telnyx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccountStore } from '../src/accounts/index.js';
import { createWebhookDispatcher, type WebhookDispatcherOptions } from '../src/webhooks/index.js';
import { startReceiver, type Receiver } from './webhook-receiver.js';

interface Envelope {
  data: {
    record_type: string;
    event_type: string;
    id: string;
    occurred_at: string;
    payload: Record<string, unknown>;
  };
  meta: { attempt: number; delivered_to: string };
}

let receiver: Receiver;
let cleanups: Array<() => Promise<void>> = [];

beforeEach(async () => {
  receiver = await startReceiver();
  cleanups = [() => receiver.close()];
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function setup(
  urls: { primary?: string | null; failover?: string | null } = {},
  options: Partial<WebhookDispatcherOptions> = {},
) {
  const store = createAccountStore();
  const created = store.connections.create({
    connectionName: 'hooks',
    userName: 'hooks-user',
    password: 'hooks-password',
    webhookEventUrl: urls.primary === undefined ? receiver.url() : urls.primary,
    webhookEventFailoverUrl: urls.failover ?? null,
  });
  if (!created.ok) throw new Error('connection');
  const dispatcher = createWebhookDispatcher({
    accounts: store,
    ...options,
    retry: { baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2000, ...options.retry },
  });
  cleanups.push(() => dispatcher.close());
  const client = new Telnyx({ apiKey: 'unused', publicKey: dispatcher.publicKeyBase64 });
  return { store, dispatcher, client, connectionId: created.value.id };
}

const parse = (body: string) => JSON.parse(body) as Envelope;

describe('webhook signing', () => {
  it('is verified by the SDK’s webhooks.unwrap; a tampered body fails', async () => {
    const { dispatcher, client, connectionId } = setup();
    expect(Buffer.from(dispatcher.publicKeyBase64, 'base64')).toHaveLength(32);
    dispatcher.emit(connectionId, 'call.initiated', { call_control_id: 'v3:abc', state: 'parked' });
    const [delivery] = await receiver.waitFor(1);
    const { headers, body } = delivery!;
    expect(headers['telnyx-timestamp']).toMatch(/^\d+$/);
    expect(Math.abs(Number(headers['telnyx-timestamp']) - Date.now() / 1000)).toBeLessThan(5);

    const event = (await client.webhooks.unwrap(body, { headers })) as unknown as Envelope;
    expect(event.data).toMatchObject({
      record_type: 'event',
      event_type: 'call.initiated',
      payload: { call_control_id: 'v3:abc', connection_id: connectionId, state: 'parked' },
    });
    expect(event.data.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(event.data.occurred_at))).toBe(false);
    expect(event.meta).toEqual({ attempt: 1, delivered_to: receiver.url() });

    const tampered = body.replace('v3:abc', 'v3:abd');
    await expect(client.webhooks.unwrap(tampered, { headers })).rejects.toThrow(
      /signature does not match/,
    );
    const otherKey = setup().client;
    await expect(otherKey.webhooks.unwrap(body, { headers })).rejects.toThrow(/does not match/);
  });

  it('signs with its timestamp: a delivery made 301 s ago is refused as stale', async () => {
    const { dispatcher, client, connectionId } = setup({}, { now: () => Date.now() - 301_000 });
    dispatcher.emit(connectionId, 'call.hangup', { hangup_cause: 'normal_clearing' });
    const [delivery] = await receiver.waitFor(1);
    await expect(
      client.webhooks.unwrap(delivery!.body, { headers: delivery!.headers }),
    ).rejects.toThrow(/too old/);
  });
});

describe('webhook delivery', () => {
  it('retries a 500 with backoff until a 2xx, same event id, rising meta.attempt', async () => {
    receiver.respond = (_path, index) => (index < 2 ? 500 : 204);
    const { dispatcher, client, connectionId } = setup();
    dispatcher.emit(connectionId, 'call.answered', { state: 'answered' });
    await dispatcher.drain();
    const envelopes = receiver.received.map((r) => parse(r.body));
    expect(envelopes.map((e) => e.meta.attempt)).toEqual([1, 2, 3]);
    expect(new Set(envelopes.map((e) => e.data.id)).size).toBe(1);
    // Each attempt is signed afresh.
    for (const r of receiver.received) await client.webhooks.unwrap(r.body, { headers: r.headers });
    expect(dispatcher.attempts().map((a) => [a.attempt, a.ok, a.status])).toEqual([
      [1, false, 500],
      [2, false, 500],
      [3, true, 204],
    ]);
  });

  it('gives up after maxAttempts and retries network errors too', async () => {
    receiver.respond = () => 503;
    const { dispatcher, connectionId } = setup({}, { retry: { maxAttempts: 3, baseDelayMs: 1 } });
    dispatcher.emit(connectionId, 'call.hangup', {});
    await dispatcher.drain();
    expect(receiver.received).toHaveLength(3);
    expect(dispatcher.attempts().at(-1)).toMatchObject({ attempt: 3, ok: false, gaveUp: true });

    const closed = await startReceiver();
    const deadUrl = closed.url();
    await closed.close();
    const dead = setup({ primary: deadUrl }, { retry: { maxAttempts: 2, baseDelayMs: 1 } });
    dead.dispatcher.emit(dead.connectionId, 'call.hangup', {});
    await dead.dispatcher.drain();
    const attempts = dead.dispatcher.attempts();
    expect(attempts).toHaveLength(2);
    expect(attempts.every((a) => !a.ok && a.status === undefined && a.error)).toBe(true);
  });

  it('times out a hanging receiver after the connection’s webhook_timeout_secs, then retries', async () => {
    receiver.respond = (_path, index) => (index === 0 ? 0 : 200);
    const { dispatcher, store, connectionId } = setup({}, { retry: { timeoutMs: 60_000 } });
    store.connections.update(connectionId, { webhookTimeoutSecs: 1 });
    dispatcher.emit(connectionId, 'call.initiated', {});
    await dispatcher.drain();
    expect(dispatcher.attempts().map((a) => a.ok)).toEqual([false, true]);
    expect(dispatcher.attempts()[0]?.error).toBeTruthy();
  });

  it('retries at the failover URL', async () => {
    receiver.respond = (path) => (path === '/primary' ? 500 : 200);
    const { dispatcher, connectionId } = setup({
      primary: receiver.url('/primary'),
      failover: receiver.url('/failover'),
    });
    dispatcher.emit(connectionId, 'call.initiated', {});
    await dispatcher.drain();
    expect(receiver.received.map((r) => r.path)).toEqual(['/primary', '/failover']);
    expect(parse(receiver.received[1]!.body).meta.delivered_to).toBe(receiver.url('/failover'));
  });

  it('delivers nothing for a connection without webhook_event_url, or an unknown one', async () => {
    const { dispatcher, connectionId } = setup({ primary: null });
    dispatcher.emit(connectionId, 'call.initiated', {});
    dispatcher.emit('no-such-connection', 'call.initiated', {});
    await dispatcher.drain();
    expect(receiver.received).toEqual([]);
    expect(dispatcher.attempts()).toEqual([]);
  });

  it('throws to the emitter on an unserialisable payload and keeps delivering', async () => {
    const { dispatcher, connectionId } = setup();
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => dispatcher.emit(connectionId, 'call.hangup', { n: 1n })).toThrow();
    expect(() => dispatcher.emit(connectionId, 'call.hangup', cyclic)).toThrow();
    dispatcher.emit(connectionId, 'call.hangup', { ok: true });
    await dispatcher.drain();
    expect(receiver.received.map((r) => parse(r.body).data.payload['ok'])).toEqual([true]);
  });

  it('keeps emit order for a healthy receiver', async () => {
    const { dispatcher, connectionId } = setup();
    for (let i = 0; i < 8; i += 1) dispatcher.emit(connectionId, 'call.dtmf.received', { i });
    await dispatcher.drain();
    expect(receiver.received.map((r) => parse(r.body).data.payload['i'])).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  it('can duplicate deliveries (same data.id) to test receivers', async () => {
    const { dispatcher, client, connectionId } = setup({}, { duplicateProbability: 1 });
    dispatcher.emit(connectionId, 'call.hold', {});
    dispatcher.emit(connectionId, 'call.unhold', {});
    await dispatcher.drain();
    const envelopes = receiver.received.map((r) => parse(r.body));
    expect(envelopes).toHaveLength(4);
    const byId = new Map<string, number>();
    for (const e of envelopes) byId.set(e.data.id, (byId.get(e.data.id) ?? 0) + 1);
    expect([...byId.values()]).toEqual([2, 2]);
    for (const r of receiver.received) await client.webhooks.unwrap(r.body, { headers: r.headers });
  });

  it('can reorder deliveries to test receivers', async () => {
    // The first event is held back; the second overtakes it.
    const rolls = [0, 0.99];
    const { dispatcher, connectionId } = setup(
      {},
      { reorderProbability: 0.5, reorderDelayMs: 100, random: () => rolls.shift() ?? 0.99 },
    );
    dispatcher.emit(connectionId, 'call.initiated', {});
    dispatcher.emit(connectionId, 'call.answered', {});
    await dispatcher.drain();
    expect(receiver.received.map((r) => parse(r.body).data.event_type)).toEqual([
      'call.answered',
      'call.initiated',
    ]);
  });

  it('close() cancels pending retries', async () => {
    receiver.respond = () => 500;
    const { dispatcher, connectionId } = setup(
      {},
      { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } },
    );
    dispatcher.emit(connectionId, 'call.initiated', {});
    await receiver.waitFor(1);
    await dispatcher.close();
    await dispatcher.drain();
    dispatcher.emit(connectionId, 'call.initiated', {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.received).toHaveLength(1);
  });
});
