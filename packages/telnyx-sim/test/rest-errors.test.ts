// Telnyx's error envelope mapped by the official SDK to its error classes
// (docs/telnyx-protocol.md#rest-errors).
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  NotFoundError,
  RateLimitError,
  UnprocessableEntityError,
  type APIError,
} from 'telnyx';
import { startRestServer, type RestServer } from './rest-server.js';

let s: RestServer;

beforeEach(async () => {
  await s?.close();
  s = await startRestServer();
});

afterAll(async () => {
  await s.close();
});

async function caught(promise: Promise<unknown>): Promise<APIError> {
  try {
    await promise;
  } catch (error) {
    return error as APIError;
  }
  throw new Error('expected the call to fail');
}

interface Envelope {
  errors: Array<{ code: string; title: string; detail: string; source?: { pointer?: string } }>;
}

describe('REST errors through the SDK', () => {
  it('401 with code 10009 for a wrong or missing API key', async () => {
    const error = await caught(s.client({ apiKey: 'KEY_wrong' }).credentialConnections.list());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(401);
    expect((error.error as Envelope).errors[0]).toMatchObject({
      code: '10009',
      title: 'Authentication failed',
    });
    const bare = await fetch(`${s.baseURL}/telephony_credentials`);
    expect(bare.status).toBe(401);
  });

  it('404 with code 10005 for an unknown id or route', async () => {
    const error = await caught(s.client().telephonyCredentials.retrieve('no-such-id'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error.error as Envelope).errors[0]?.code).toBe('10005');
    const route = await fetch(`${s.baseURL}/not_a_resource`, {
      headers: { authorization: 'Bearer KEY_test_0123456789abcdef' },
    });
    expect(route.status).toBe(404);
  });

  it('422 with source.pointer for missing and invalid fields', async () => {
    const client = s.client();
    const missing = await caught(
      client.telephonyCredentials.create({} as { connection_id: string }),
    );
    expect(missing).toBeInstanceOf(UnprocessableEntityError);
    expect((missing.error as Envelope).errors).toEqual([
      expect.objectContaining({ code: '10004', source: { pointer: '/connection_id' } }),
    ]);

    const invalid = await caught(
      client.credentialConnections.create({
        connection_name: 'x',
        user_name: 'ab',
        password: 'short',
      }),
    );
    expect(invalid).toBeInstanceOf(UnprocessableEntityError);
    const pointers = (invalid.error as Envelope).errors.map((e) => e.source?.pointer);
    expect(pointers).toEqual(['/user_name', '/password']);
    expect(typeof (invalid.error as Envelope).errors[0]?.code).toBe('string');

    const orphan = await caught(client.telephonyCredentials.create({ connection_id: '123' }));
    expect(orphan).toBeInstanceOf(UnprocessableEntityError);
    expect((orphan.error as Envelope).errors[0]).toMatchObject({
      code: '10013',
      source: { pointer: '/connection_id' },
    });

    await client.credentialConnections.create({
      connection_name: 'a',
      user_name: 'taken-name',
      password: 'password-1',
    });
    const duplicate = await caught(
      client.credentialConnections.create({
        connection_name: 'b',
        user_name: 'taken-name',
        password: 'password-1',
      }),
    );
    expect(duplicate).toBeInstanceOf(UnprocessableEntityError);
    expect((duplicate.error as Envelope).errors[0]?.source?.pointer).toBe('/user_name');
  });

  it('422 for an unusable page parameter', async () => {
    const error = await caught(s.client().telephonyCredentials.list({ 'page[size]': 1000 }));
    expect(error).toBeInstanceOf(UnprocessableEntityError);
  });

  it('429 with Retry-After (code 10011) when throttled, then serves again', async () => {
    s.faults.throttleNext(1, 2);
    const error = await caught(s.client().credentialConnections.list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.headers?.get('retry-after')).toBe('2');
    expect((error.error as Envelope).errors[0]?.code).toBe('10011');
    const after = await s.client().credentialConnections.list();
    expect(after.data).toEqual([]);
  });

  it('429 from a configured rate limit; the SDK’s own retry honours Retry-After', async () => {
    s.faults.setRateLimit({ requests: 2, windowSeconds: 60 });
    const client = s.client();
    await client.telephonyCredentials.list();
    await client.telephonyCredentials.list();
    await expect(client.telephonyCredentials.list()).rejects.toBeInstanceOf(RateLimitError);
    s.faults.setRateLimit(null);

    // One throttled reply with Retry-After: 0; an SDK allowed one retry succeeds.
    s.faults.throttleNext(1, 0);
    const retried = await s.client({ maxRetries: 1 }).telephonyCredentials.list();
    expect(retried.data).toEqual([]);
  });

  it('checks the API key before rate limiting', async () => {
    s.faults.throttleNext(5);
    const error = await caught(s.client({ apiKey: 'nope' }).telephonyCredentials.list());
    expect(error).toBeInstanceOf(AuthenticationError);
  });
});
