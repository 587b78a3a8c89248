import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { AuthSession, CallLog } from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pruneWebhookEvents } from '../src/services/webhook-service.js';
import { addAgent, bearer, build, codeOf, reset, signup } from './helpers.js';

/**
 * Signature edge cases need control over body, timestamp and key, so these sign per
 * docs/telnyx-protocol.md#webhook-signatures with node:crypto exactly as telnyx-sim does;
 * telnyx-sim.test.ts covers the sim's own deliveries.
 */
function keyPair(): { privateKey: KeyObject; publicKeyBase64: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    privateKey,
    publicKeyBase64: publicKey
      .export({ format: 'der', type: 'spki' })
      .subarray(-32)
      .toString('base64'),
  };
}
const signed = (privateKey: KeyObject, body: string, ts = Math.floor(Date.now() / 1000)) => ({
  'content-type': 'application/json',
  'telnyx-timestamp': String(ts),
  'telnyx-signature-ed25519': sign(null, Buffer.from(`${ts}|${body}`), privateKey).toString(
    'base64',
  ),
});

const CONNECTION_ID = '1000000000000000042';
let app: FastifyInstance;
let admin: AuthSession;
let agent: AuthSession;
let keys: ReturnType<typeof keyPair>;

beforeAll(async () => {
  app = await build();
  keys = keyPair();
});
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await reset(app);
  admin = await signup(app);
  agent = await addAgent(app, admin);
  await app.inject({
    method: 'PATCH',
    url: '/api/org/settings',
    headers: bearer(admin.accessToken),
    payload: { telnyxPublicKey: keys.publicKeyBase64 },
  });
  // As if the connection had been created at Telnyx on first use.
  await app.services.db
    .updateTable('org_settings')
    .set({ credential_connection_id: CONNECTION_ID })
    .where('org_id', '=', admin.org.id)
    .execute();
});

const event = (type: string, payload: Record<string, unknown>, id: string = randomUUID()) =>
  JSON.stringify({
    data: {
      record_type: 'event',
      event_type: type,
      id,
      occurred_at: new Date().toISOString(),
      payload: { connection_id: CONNECTION_ID, ...payload },
    },
    meta: { attempt: 1 },
  });
const deliver = (body: string, headers: Record<string, string> = signed(keys.privateKey, body)) =>
  app.inject({ method: 'POST', url: '/api/webhooks/telnyx', payload: body, headers });
const logOf = async (id: string) =>
  (
    await app.inject({
      method: 'GET',
      url: `/api/call-logs/${id}`,
      headers: bearer(admin.accessToken),
    })
  ).json<CallLog>();

async function newCall(status: 'ringing' | 'initiated' = 'ringing'): Promise<string> {
  const id = randomUUID();
  const res = await app.inject({
    method: 'POST',
    url: '/api/call-logs',
    headers: bearer(agent.accessToken),
    payload: {
      id,
      direction: 'outbound',
      from: '+15550100001',
      to: '+15550100002',
      status,
      startedAt: new Date().toISOString(),
    },
  });
  expect(res.statusCode).toBe(201);
  return id;
}

describe('signature (docs/telnyx-protocol.md#webhook-signatures)', () => {
  it('accepts a valid signature', async () => {
    const id = await newCall('initiated');
    const res = await deliver(
      event('call.answered', { call_control_id: 'v3:a', client_state: id }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: true, duplicate: false, handled: true });
    expect((await logOf(id)).status).toBe('connected');
  });

  it('rejects a tampered body', async () => {
    const body = event('call.hangup', { hangup_cause: 'normal_clearing' });
    const headers = signed(keys.privateKey, body);
    const res = await deliver(body.replace('normal_clearing', 'user_busy'), headers);
    expect(res.statusCode).toBe(401);
    expect(codeOf(res)).toBe('invalid_signature');
  });

  it('rejects a stale (301 s old) or future timestamp, accepts 299 s', async () => {
    const body = event('call.initiated', {});
    const now = Math.floor(Date.now() / 1000);
    const stale = await deliver(body, signed(keys.privateKey, body, now - 301));
    expect(stale.statusCode).toBe(401);
    expect(codeOf(stale)).toBe('stale_webhook');
    expect(codeOf(await deliver(body, signed(keys.privateKey, body, now + 301)))).toBe(
      'stale_webhook',
    );
    expect((await deliver(body, signed(keys.privateKey, body, now - 299))).statusCode).toBe(200);
  });

  it('rejects a signature made with another key', async () => {
    const body = event('call.initiated', {});
    const res = await deliver(body, signed(keyPair().privateKey, body));
    expect(res.statusCode).toBe(401);
    expect(codeOf(res)).toBe('invalid_signature');
  });

  it('rejects missing headers (400), non-JSON (400) and events no org can verify (401)', async () => {
    const body = event('call.initiated', {});
    expect(codeOf(await deliver(body, { 'content-type': 'application/json' }))).toBe(
      'missing_signature',
    );
    const junk = 'not json';
    expect(codeOf(await deliver(junk, signed(keys.privateKey, junk)))).toBe('invalid_json');
    const shapeless = '{"data":{}}';
    expect((await deliver(shapeless, signed(keys.privateKey, shapeless))).statusCode).toBe(400);
    const foreign = JSON.stringify({
      data: { id: 'x', event_type: 'call.initiated', payload: { connection_id: 'nope' } },
    });
    expect((await deliver(foreign, signed(keys.privateKey, foreign))).statusCode).toBe(401);
  });
});

describe('reconciliation', () => {
  it('answered then hangup completes the call log, matched by client_state', async () => {
    const id = await newCall();
    const cs = Buffer.from(id).toString('base64');
    expect(
      (await deliver(event('call.answered', { client_state: cs, call_control_id: 'v3:c1' })))
        .statusCode,
    ).toBe(200);
    expect((await logOf(id)).status).toBe('connected');
    await deliver(
      event('call.hangup', {
        client_state: cs,
        call_control_id: 'v3:c1',
        hangup_cause: 'normal_clearing',
        hangup_source: 'caller',
      }),
    );
    const log = await logOf(id);
    expect(log).toMatchObject({
      status: 'completed',
      hangupCause: 'normal_clearing',
      telnyxCallControlId: 'v3:c1',
    });
    expect(log.durationSeconds).not.toBeNull();
  });

  it('matches by call control id when client_state is absent', async () => {
    const id = await newCall();
    await app.inject({
      method: 'POST',
      url: '/api/call-logs',
      headers: bearer(agent.accessToken),
      payload: {
        id,
        direction: 'outbound',
        from: '+15550100001',
        to: '+15550100002',
        status: 'ringing',
        startedAt: new Date().toISOString(),
        telnyxCallControlId: 'v3:byccid',
      },
    });
    await deliver(
      event('call.hangup', {
        call_control_id: 'v3:byccid',
        hangup_cause: 'user_busy',
        hangup_source: 'callee',
      }),
    );
    expect((await logOf(id)).status).toBe('busy');
  });

  it('duplicates are acknowledged once and change nothing', async () => {
    const id = await newCall();
    const body = event('call.hangup', {
      client_state: id,
      hangup_cause: 'user_busy',
      hangup_source: 'callee',
    });
    const first = await deliver(body);
    const again = await deliver(body);
    expect(first.json()).toMatchObject({ duplicate: false });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true });
    expect((await logOf(id)).status).toBe('busy');
  });

  it('out of order: a late call.answered after hangup does not reopen the call', async () => {
    const id = await newCall();
    await deliver(
      event('call.hangup', {
        client_state: id,
        hangup_cause: 'call_rejected',
        hangup_source: 'callee',
      }),
    );
    await deliver(event('call.answered', { client_state: id }));
    await deliver(event('call.initiated', { client_state: id }));
    expect((await logOf(id)).status).toBe('rejected');
  });

  it('a webhook that beats the desktop starts the record; the desktop upsert then fills the agent', async () => {
    const id = randomUUID();
    await deliver(
      event('call.hangup', {
        client_state: id,
        direction: 'incoming',
        from: '+15550100001',
        to: '+15550100002',
        hangup_cause: 'user_busy',
        hangup_source: 'callee',
      }),
    );
    const late = await app.inject({
      method: 'POST',
      url: '/api/call-logs',
      headers: bearer(agent.accessToken),
      payload: {
        id,
        direction: 'outbound',
        from: '+15550100001',
        to: '+15550100002',
        status: 'ringing',
        startedAt: new Date().toISOString(),
      },
    });
    expect(late.statusCode).toBe(200);
    expect(late.json<CallLog>()).toMatchObject({
      status: 'busy',
      agentId: agent.user.id,
      direction: 'outbound',
    });
  });

  it.each(['webhook first', 'app first'])(
    'the agent’s account of who called whom wins over the webhook’s legs (%s)',
    async (order) => {
      const id = randomUUID();
      // The webhook sees the agent's own leg: its far end is the agent's SIP address.
      const hook = () =>
        deliver(
          event('call.hangup', {
            client_state: id,
            direction: 'outgoing',
            from: '+15550100009',
            to: 'sip:gencredagent@sip.telnyx.com',
            hangup_cause: 'call_rejected',
            hangup_source: 'callee',
          }),
        );
      const report = () =>
        app.inject({
          method: 'POST',
          url: '/api/call-logs',
          headers: bearer(agent.accessToken),
          payload: {
            id,
            direction: 'inbound',
            from: '+15550100009',
            to: '+15550100002',
            status: 'rejected',
            startedAt: new Date().toISOString(),
          },
        });
      if (order === 'webhook first') {
        await hook();
        expect((await report()).statusCode).toBe(200);
      } else {
        expect((await report()).statusCode).toBe(201);
        await hook();
      }
      expect(await logOf(id)).toMatchObject({
        agentId: agent.user.id,
        direction: 'inbound',
        from: '+15550100009',
        to: '+15550100002',
      });
    },
  );

  it('unknown events are acknowledged and ignored', async () => {
    const id = await newCall();
    const res = await deliver(event('call.dtmf.received', { client_state: id, digit: '5' }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: true, duplicate: false, handled: false });
    expect((await logOf(id)).status).toBe('ringing');
  });

  it("never touches another org's call log", async () => {
    const other = await signup(app, 'Other');
    const otherAgent = await addAgent(app, other);
    const id = randomUUID();
    await app.inject({
      method: 'POST',
      url: '/api/call-logs',
      headers: bearer(otherAgent.accessToken),
      payload: {
        id,
        direction: 'outbound',
        from: '+15550100001',
        to: '+15550100002',
        status: 'ringing',
        startedAt: new Date().toISOString(),
      },
    });
    // Signed with our org's key, for our connection, naming their call log.
    const res = await deliver(
      event('call.hangup', { client_state: id, hangup_cause: 'user_busy' }),
    );
    expect(res.statusCode).toBe(200);
    const theirs = await app.inject({
      method: 'GET',
      url: `/api/call-logs/${id}`,
      headers: bearer(other.accessToken),
    });
    expect(theirs.json<CallLog>().status).toBe('ringing');
  });
});

describe('housekeeping', () => {
  it('forgets event ids after the de-duplication window, not before', async () => {
    const body = event('call.initiated', {});
    await deliver(body);
    expect(await pruneWebhookEvents(app.services.db, new Date(Date.now() + 6 * 86_400_000))).toBe(
      0,
    );
    expect((await deliver(body)).json()).toMatchObject({ duplicate: true });
    expect(await pruneWebhookEvents(app.services.db, new Date(Date.now() + 8 * 86_400_000))).toBe(
      1,
    );
  });
});
