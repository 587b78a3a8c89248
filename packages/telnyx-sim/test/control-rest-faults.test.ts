// The control API drives REST faults on a running sim: a 429 reaches the official SDK as
// RateLimitError with Retry-After, a window limit throttles, and reset lifts both.
import Telnyx, { RateLimitError, type APIError } from 'telnyx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../src/index.js';

let sim: Sim;
let client: Telnyx;

beforeEach(async () => {
  sim = await startSim({ pingIntervalMs: 0 });
  // maxRetries 0: the SDK would otherwise retry a 429 by itself and hide the fault.
  client = new Telnyx({ apiKey: sim.apiKey, baseURL: sim.restUrl, maxRetries: 0 });
});

afterEach(async () => {
  await sim.close();
});

async function control(path: string, body: unknown): Promise<Response> {
  return fetch(`${sim.controlUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function rejection(promise: Promise<unknown>): Promise<APIError> {
  try {
    await promise;
  } catch (error) {
    return error as APIError;
  }
  throw new Error('expected the request to fail');
}

describe('REST faults through /sim/faults/rest', () => {
  it('throttles the next N requests with 429 and Retry-After, then serves again', async () => {
    expect(
      (await control('/faults/rest', { throttleNext: { count: 2, retryAfterSeconds: 7 } })).status,
    ).toBe(200);
    for (let i = 0; i < 2; i += 1) {
      const error = await rejection(client.credentialConnections.list());
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error.headers?.get('retry-after')).toBe('7');
    }
    const page = await client.credentialConnections.list();
    expect(page.data).toEqual([]);
  });

  it('enforces a window limit until reset lifts it', async () => {
    await control('/faults/rest', { rateLimit: { requests: 1, windowSeconds: 60 } });
    await client.credentialConnections.list();
    expect(await rejection(client.credentialConnections.list())).toBeInstanceOf(RateLimitError);
    expect((await control('/faults/reset', {})).status).toBe(200);
    await expect(client.credentialConnections.list()).resolves.toBeDefined();
  });

  it('refuses a malformed fault with 422 naming the field', async () => {
    const response = await control('/faults/rest', {
      rateLimit: { requests: 0, windowSeconds: 1 },
    });
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain('rateLimit.requests');
  });
});
