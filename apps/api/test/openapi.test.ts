import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, build, reset, signup } from './helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await build();
});
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await reset(app);
});

describe('OpenAPI paths', () => {
  it('have no trailing slash', async () => {
    const doc = (await app.inject({ url: '/docs/json' })).json<{
      paths: Record<string, unknown>;
    }>();
    const paths = Object.keys(doc.paths);
    expect(paths).toContain('/api/agents');
    expect(paths).toContain('/api/call-logs');
    expect(paths.filter((p) => p.endsWith('/'))).toEqual([]);
  });

  it('every documented GET without parameters answers with and without a trailing slash', async () => {
    const admin = await signup(app);
    const doc = (await app.inject({ url: '/docs/json' })).json<{
      paths: Record<string, { get?: { parameters?: Array<{ required?: boolean }> } }>;
    }>();
    // Routes with a path parameter or a required query parameter need values; the fuzz test
    // covers those.
    const gets = Object.entries(doc.paths)
      .filter(([p, ops]) => ops.get && !p.includes('{'))
      .filter(([, ops]) => !(ops.get?.parameters ?? []).some((param) => param.required))
      .map(([p]) => p);
    expect(gets.length).toBeGreaterThan(5);
    for (const path of gets) {
      const bare = await app.inject({ url: path, headers: bearer(admin.accessToken) });
      const slashed = await app.inject({ url: `${path}/`, headers: bearer(admin.accessToken) });
      expect(bare.statusCode, path).toBeLessThan(400);
      expect(slashed.statusCode, `${path}/`).toBe(bare.statusCode);
    }
  });
});
