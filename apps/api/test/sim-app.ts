import { createServer } from 'node:net';
import type { AuthSession } from '@crokodialer/shared';
import { startSim, type Sim } from '@crokodialer/telnyx-sim';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { ConfigOverrides } from '../src/config.js';
import { bearer, build } from './helpers.js';

/** An API listening on a free loopback port with telnyx-sim as its Telnyx and webhook sender. */
export interface SimApp {
  sim: Sim;
  app: FastifyInstance;
  port: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startSimApp(
  seed: Parameters<typeof startSim>[0] = {},
  config: ConfigOverrides = {},
): Promise<SimApp> {
  const sim = await startSim({ pingIntervalMs: 0, ...seed });
  const port = await freePort();
  const app = await build({
    config: {
      telnyx: { baseUrl: sim.restUrl, maxRetries: 0 },
      webhookPublicUrl: `http://127.0.0.1:${port}`,
      ...config,
    },
  });
  await app.listen({ host: '127.0.0.1', port });
  return { sim, app, port };
}

export function requester(app: FastifyInstance) {
  return (
    s: AuthSession,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) => app.inject({ method, url, headers: bearer(s.accessToken), ...(payload ? { payload } : {}) });
}

/** Sets the org's Telnyx key, the sim's webhook public key and WebRTC host. */
export async function configureOrg(app: FastifyInstance, sim: Sim, admin: AuthSession) {
  const res = await requester(app)(admin, 'PATCH', '/api/org/settings', {
    telnyxApiKey: sim.apiKey,
    telnyxPublicKey: sim.webhookPublicKey,
    webrtcHost: sim.wsUrl,
  });
  expect(res.statusCode).toBe(200);
}
