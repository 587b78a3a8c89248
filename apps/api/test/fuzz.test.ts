import type { AuthSession } from '@crokodialer/shared';
import { startSim, type Sim } from '@crokodialer/telnyx-sim';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectFor, pathParam, valueFor, type JsonSchema } from './fuzz-arbitraries.js';
import { addAgent, build, reset, signup } from './helpers.js';

/**
 * Property: whatever a client sends to any route — generated from the route's own schema, mostly
 * fitting and partly hostile — the API answers below 500, and every error is `{error:{code,message}}`.
 * Routes come from the OpenAPI document, so a new route is fuzzed without touching this file.
 * Telnyx is telnyx-sim; its refusals of made-up keys come back as the documented `telnyx_*` 502.
 */
interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string; schema: JsonSchema }[];
  body: JsonSchema | null;
}

const RUNS = 40;
const TIME_LIMIT_MS = 4_000;

let sim: Sim;
let app: FastifyInstance;
let operations: Operation[] = [];

beforeAll(async () => {
  sim = await startSim({ pingIntervalMs: 0 });
  app = await build({ config: { telnyx: { baseUrl: sim.restUrl, maxRetries: 0 } } });
  const doc = (await app.inject({ url: '/docs/json' })).json<{
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: Operation['params'];
          requestBody?: { content?: Record<string, { schema: JsonSchema }> };
        }
      >
    >;
  }>();
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
    })),
  );
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

interface World {
  admin: AuthSession;
  agent: AuthSession;
}

async function freshWorld(): Promise<World> {
  await reset(app);
  const admin = await signup(app);
  const agent = await addAgent(app, admin);
  return { admin, agent };
}

function requestFor(op: Operation, world: World): fc.Arbitrary<InjectOptions> {
  const ids = [world.admin.user.id, world.agent.user.id, world.admin.org.id];
  const pathArbs = op.params.filter((p) => p.in === 'path').map(() => pathParam(ids));
  const queryParams = op.params.filter((p) => p.in === 'query');
  const query = fc.record(
    Object.fromEntries(queryParams.map((p) => [p.name, valueFor(p.schema)])),
    { requiredKeys: [] },
  );
  const body = op.body
    ? fc.oneof(
        { weight: 5, arbitrary: objectFor(op.body) },
        { weight: 1, arbitrary: fc.jsonValue() },
      )
    : fc.option(fc.jsonValue(), { freq: 3 });
  const auth = fc.constantFrom<string | null>(
    `Bearer ${world.admin.accessToken}`,
    `Bearer ${world.admin.accessToken}`,
    `Bearer ${world.agent.accessToken}`,
    'Bearer x.y.z',
    null,
  );
  const contentType = fc.constantFrom(
    'application/json',
    'application/json',
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
  );
  return fc
    .tuple(fc.tuple(...pathArbs), query, body, auth, contentType)
    .map(([pathValues, q, b, authorization, type]) => {
      let i = 0;
      const url = op.path.replace(/\{[^}]+\}/g, () => pathValues[i++] ?? 'x');
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(q)) {
        if (v !== undefined) qs.append(k, typeof v === 'string' ? v : JSON.stringify(v));
      }
      const search = qs.toString();
      return {
        method: op.method,
        url: search ? `${url}?${search}` : url,
        headers: {
          ...(authorization ? { authorization } : {}),
          ...(b !== null && op.method !== 'GET' ? { 'content-type': type } : {}),
        },
        ...(b !== null && op.method !== 'GET' ? { payload: JSON.stringify(b) } : {}),
      };
    });
}

/** `{error:{code,message}}` and nothing else, or null. */
function envelopeOf(body: string): { code: string; message: string } | null {
  try {
    const v = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } } | null;
    if (!v || Object.keys(v).join() !== 'error') return null;
    const { code, message } = v.error ?? {};
    return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
  } catch {
    return null;
  }
}

/** The documented upstream failure: Telnyx (the sim) refused a made-up key or id. */
const isTelnyxRefusal = (status: number, code: string | undefined) =>
  (status === 502 || status === 503) && code?.startsWith('telnyx_') === true;

describe('fuzzing every route from its schema', () => {
  it('found the routes', () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it('no input gives a 5xx, and every error has the envelope', { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    for (const op of operations) {
      const world = await freshWorld();
      const result = await fc.check(
        fc.asyncProperty(requestFor(op, world), async (req) => {
          const res = await app.inject(req);
          if (res.statusCode < 400) return true;
          const envelope = envelopeOf(res.body);
          const code = envelope?.code;
          if (!envelope) throw new Error(`${res.statusCode} without the envelope: ${res.body}`);
          if (res.statusCode >= 500 && !isTelnyxRefusal(res.statusCode, code))
            throw new Error(`${res.statusCode}: ${res.body}`);
          return true;
        }),
        { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
      );
      if (result.failed) {
        failures.push(
          `${op.method} ${op.path}: ${String(result.errorInstance)}\n  input: ${fc.stringify(result.counterexample)}\n  seed: ${result.seed}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });
});
