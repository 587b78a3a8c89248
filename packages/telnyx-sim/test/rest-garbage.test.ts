// Hostile REST input: invalid JSON, wrong types, huge bodies, broken paths. Every one gets an
// answer in Telnyx's envelope and the server keeps serving.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, startRestServer, type RestServer } from './rest-server.js';

let s: RestServer;

beforeAll(async () => {
  s = await startRestServer({ rest: { maxBodyBytes: 16 * 1024 } });
});

afterAll(async () => {
  await s.close();
});

const auth = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };

async function send(method: string, path: string, body?: string | Buffer) {
  const response = await fetch(`${s.baseURL}${path}`, {
    method,
    headers: auth,
    ...(body !== undefined && { body }),
  });
  const text = await response.text();
  return { status: response.status, text };
}

function codes(text: string): string[] {
  return (JSON.parse(text) as { errors: Array<{ code: string }> }).errors.map((e) => e.code);
}

async function stillServing(): Promise<void> {
  const ok = await send('GET', '/telephony_credentials');
  expect(ok.status).toBe(200);
}

describe('garbage REST input', () => {
  it('answers malformed JSON and non-object bodies with 400', async () => {
    for (const body of ['{', '{"connection_id":', 'null', '[1,2]', '"text"', '\u0000\u0001']) {
      const reply = await send('POST', '/telephony_credentials', body);
      expect(reply.status, body).toBe(400);
      expect(codes(reply.text)).toEqual(['10015']);
    }
    await stillServing();
  });

  it('answers wrong field types with 422 naming the field', async () => {
    const bodies = [
      { connection_id: 42 },
      { connection_id: { $ne: 1 } },
      { connection_id: 'x'.repeat(1000) },
      { connection_id: '1', expires_at: 'tomorrow' },
    ];
    for (const body of bodies) {
      const reply = await send('POST', '/telephony_credentials', JSON.stringify(body));
      expect(reply.status, JSON.stringify(body)).toBe(422);
    }
    const hooks = await send(
      'POST',
      '/credential_connections',
      JSON.stringify({
        connection_name: 'n',
        user_name: 'user',
        password: 'password',
        webhook_event_url: 'javascript:alert(1)',
        webhook_timeout_secs: 'ten',
      }),
    );
    expect(hooks.status).toBe(422);
    expect(hooks.text).toContain('/webhook_event_url');
    expect(hooks.text).toContain('/webhook_timeout_secs');
    await stillServing();
  });

  it('refuses bodies over the limit with 413 and survives absurd uploads', async () => {
    const big = await send('POST', '/telephony_credentials', Buffer.alloc(64 * 1024, 'a'));
    expect(big.status).toBe(413);

    // Far past the limit the server stops reading and drops the connection.
    const outcome = await new Promise<string>((resolve) => {
      const req = request(`${s.baseURL}/telephony_credentials`, { method: 'POST', headers: auth });
      req.on('response', (res) => {
        res.resume();
        resolve(String(res.statusCode));
      });
      req.on('error', () => resolve('reset'));
      const chunk = Buffer.alloc(64 * 1024, 'b');
      let sent = 0;
      const pump = (): void => {
        while (sent < 400) {
          sent += 1;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    });
    expect(['413', 'reset']).toContain(outcome);
    await stillServing();
  });

  it('answers broken paths, methods and query strings without crashing', async () => {
    for (const path of [
      '/telephony_credentials/%E0%A4%A',
      '/telephony_credentials/a/b/c/d',
      '//telephony_credentials',
      '/phone_numbers/%00',
    ]) {
      expect((await send('GET', path)).status, path).toBe(404);
    }
    expect((await send('PUT', '/telephony_credentials')).status).toBe(404);
    expect((await send('GET', '/telephony_credentials?page[number]=-1')).status).toBe(422);
    expect((await send('GET', '/telephony_credentials?page%5Bsize%5D=abc')).status).toBe(422);
    expect((await send('GET', '/telephony_credentials?filter[tag]=%ZZ&&&=')).status).toBe(200);
    const outside = await fetch(s.baseURL.replace('/v2', '/v3/anything'));
    expect(outside.status).toBe(418); // not REST: the handler declined it
    await stillServing();
  });
});
