// The official `telnyx` SDK 7.24.0 against the sim's REST side
// (docs/telnyx-protocol.md#telnyx-rest).
import { decodeJwt } from 'jose';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from 'telnyx';
import { startRestServer, type RestServer } from './rest-server.js';

let server: RestServer | undefined;

async function fresh(): Promise<RestServer> {
  await server?.close();
  server = await startRestServer();
  return server;
}

afterAll(async () => {
  await server?.close();
});

async function connection(s: RestServer, name = 'dialer') {
  const created = await s.client().credentialConnections.create({
    connection_name: name,
    user_name: `${name}-user`,
    password: 'connection-pw-1',
    webhook_event_url: 'http://127.0.0.1:9/hooks',
    webhook_api_version: '2',
  });
  return created.data!;
}

describe('credential connections', () => {
  let s: RestServer;
  beforeEach(async () => {
    s = await fresh();
  });

  it('creates, retrieves, updates, lists and deletes', async () => {
    const client = s.client();
    const created = await connection(s);
    expect(created).toMatchObject({
      record_type: 'credential_connection',
      connection_name: 'dialer',
      user_name: 'dialer-user',
      active: true,
      webhook_event_url: 'http://127.0.0.1:9/hooks',
      webhook_api_version: '2',
    });
    expect(created.id).toMatch(/^\d{19}$/);

    const got = await client.credentialConnections.retrieve(created.id!);
    expect(got.data?.connection_name).toBe('dialer');

    const updated = await client.credentialConnections.update(created.id!, {
      webhook_event_failover_url: 'http://127.0.0.1:9/failover',
      outbound: { call_parking_enabled: true },
    });
    expect(updated.data?.webhook_event_failover_url).toBe('http://127.0.0.1:9/failover');
    expect(updated.data?.outbound?.call_parking_enabled).toBe(true);
    expect(s.store.connectionById(created.id!)?.webhookEventFailoverUrl).toBe(
      'http://127.0.0.1:9/failover',
    );

    await connection(s, 'other');
    const names: string[] = [];
    for await (const c of client.credentialConnections.list({
      filter: { connection_name: { contains: 'DIAL' } },
    })) {
      names.push(c.connection_name!);
    }
    expect(names).toEqual(['dialer']);

    const deleted = await client.credentialConnections.delete(created.id!);
    expect(deleted.data?.id).toBe(created.id);
    await expect(client.credentialConnections.retrieve(created.id!)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('telephony credentials', () => {
  let s: RestServer;
  beforeEach(async () => {
    s = await fresh();
  });

  it('creates a credential whose SIP username/password and token log in', async () => {
    const client = s.client();
    const conn = await connection(s);
    const created = await client.telephonyCredentials.create({
      connection_id: conn.id!,
      name: 'Agent Alice',
      tag: 'dialer',
    });
    const cred = created.data!;
    expect(cred).toMatchObject({
      record_type: 'credential',
      name: 'Agent Alice',
      expired: false,
      resource_id: `connection:${conn.id}`,
    });
    expect(cred.sip_username).toMatch(/^gencred[A-Za-z0-9]{22}$/);
    expect(s.store.checkPassword(cred.sip_username!, cred.sip_password!).ok).toBe(true);

    const jwt = await client.telephonyCredentials.createToken(cred.id!);
    expect(typeof jwt).toBe('string');
    expect(decodeJwt(jwt).sub).toBe(cred.id);
    const check = s.store.checkToken(jwt);
    expect(check.ok && check.credential.id).toBe(cred.id);
  });

  it('mints tokens with the configured lifetime; they stop passing checkToken at exp', async () => {
    await server?.close();
    let clock = Date.now();
    server = await startRestServer({ store: { tokenLifetimeSeconds: 120, now: () => clock } });
    const client = server.client();
    const conn = await connection(server);
    const cred = (await client.telephonyCredentials.create({ connection_id: conn.id! })).data!;
    const jwt = await client.telephonyCredentials.createToken(cred.id!);
    const claims = decodeJwt(jwt);
    expect(claims.exp! - claims.iat!).toBe(120);
    expect(server.store.checkToken(jwt).ok).toBe(true);
    clock += 121_000;
    expect(server.store.checkToken(jwt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('answers the token request 201 text/plain', async () => {
    const conn = await connection(s);
    const cred = (await s.client().telephonyCredentials.create({ connection_id: conn.id! })).data!;
    const response = await fetch(`${s.baseURL}/telephony_credentials/${cred.id}/token`, {
      method: 'POST',
      headers: { authorization: 'Bearer KEY_test_0123456789abcdef', accept: 'text/plain' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await response.text()).split('.')).toHaveLength(3);
  });

  it('lists across pages with the auto-paginating iterator, and filters', async () => {
    const client = s.client();
    const conn = await connection(s);
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const tag = i % 2 === 0 ? 'even' : 'odd';
      made.push(
        (await client.telephonyCredentials.create({ connection_id: conn.id!, tag })).data!.id!,
      );
    }
    const firstPage = await client.telephonyCredentials.list({ 'page[size]': 2 });
    expect(firstPage.meta).toEqual({
      total_pages: 3,
      total_results: 5,
      page_number: 1,
      page_size: 2,
    });
    const seen: string[] = [];
    for await (const c of client.telephonyCredentials.list({ 'page[size]': 2 })) seen.push(c.id!);
    expect(seen).toEqual(made);

    const evens: string[] = [];
    for await (const c of client.telephonyCredentials.list({
      filter: { tag: 'even', resource_id: `connection:${conn.id}` },
      'page[size]': 1,
    })) {
      evens.push(c.id!);
    }
    expect(evens).toEqual([made[0], made[2], made[4]]);

    const one = await client.telephonyCredentials.list({
      filter: { sip_username: s.store.credentialById(made[3]!)!.sipUsername, status: 'active' },
    });
    expect(one.data.map((c) => c.id)).toEqual([made[3]]);
  });

  it('updates, and deletes by revoking: tokens and password stop working', async () => {
    const client = s.client();
    const conn = await connection(s);
    const cred = (await client.telephonyCredentials.create({ connection_id: conn.id! })).data!;
    const updated = await client.telephonyCredentials.update(cred.id!, { name: 'Renamed' });
    expect(updated.data?.name).toBe('Renamed');
    expect((await client.telephonyCredentials.retrieve(cred.id!)).data?.name).toBe('Renamed');

    const jwt = await client.telephonyCredentials.createToken(cred.id!);
    expect(s.store.checkToken(jwt).ok).toBe(true);

    const deleted = await client.telephonyCredentials.delete(cred.id!);
    expect(deleted.data?.id).toBe(cred.id);
    expect(s.store.checkToken(jwt)).toEqual({ ok: false, reason: 'revoked' });
    expect(s.store.checkPassword(cred.sip_username!, cred.sip_password!)).toEqual({
      ok: false,
      reason: 'revoked',
    });
    await expect(client.telephonyCredentials.retrieve(cred.id!)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(client.telephonyCredentials.createToken(cred.id!)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const left = await client.telephonyCredentials.list();
    expect(left.data).toEqual([]);
  });
});

describe('phone numbers', () => {
  it('lists owned numbers and assigns one to a connection for inbound routing', async () => {
    const s = await fresh();
    const client = s.client();
    const conn = await connection(s);
    const cred = (await client.telephonyCredentials.create({ connection_id: conn.id! })).data!;
    for (const n of ['+15550100001', '+15550100002', '+15550100003']) {
      s.store.phoneNumbers.add({ phoneNumber: n, tags: ['sales'] });
    }
    const all: string[] = [];
    for await (const n of client.phoneNumbers.list({ 'page[size]': 2 })) all.push(n.phone_number);
    expect(all).toEqual(['+15550100001', '+15550100002', '+15550100003']);

    const target = (await client.phoneNumbers.list({ filter: { phone_number: '0100002' } })).data;
    expect(target.map((n) => n.phone_number)).toEqual(['+15550100002']);
    const id = target[0]!.id;

    const assigned = await client.phoneNumbers.update(id, { connection_id: conn.id! });
    expect(assigned.data).toMatchObject({ connection_id: conn.id, connection_name: 'dialer' });
    expect(s.store.credentialsForNumber('+15550100002').map((c) => c.id)).toEqual([cred.id]);

    const onConn = await client.phoneNumbers.list({ filter: { connection_id: conn.id! } });
    expect(onConn.data.map((n) => n.id)).toEqual([id]);
    expect((await client.phoneNumbers.retrieve(id)).data?.connection_id).toBe(conn.id);

    await client.phoneNumbers.update(id, { connection_id: '' });
    expect(s.store.credentialsForNumber('+15550100002')).toEqual([]);
  });
});
