import type { AuthSession, ErrorEnvelope } from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../src/index.js';
import { truncateAll } from '../src/db/database.js';

/**
 * One app per test file: real PostgreSQL when DATABASE_URL is set (CI's second run), else an
 * in-memory PGlite. argon2 runs at a low cost here only; production keeps config defaults.
 */
export async function build(options: BuildOptions = {}): Promise<FastifyInstance> {
  const url = process.env.DATABASE_URL;
  return buildApp({
    env: {},
    ...options,
    config: {
      database: url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: null },
      logger: false,
      argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
      rateLimit: { authPerMinute: 10_000, perMinute: 100_000 },
      ...options.config,
    },
  });
}

/**
 * Each test starts from an empty database (docs/architecture.md#test-data: reset before, not
 * after).
 */
export async function reset(app: FastifyInstance): Promise<void> {
  await truncateAll(app.services.db);
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

let counter = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}-${Date.now()}-${++counter}@example.test`;

export async function signup(app: FastifyInstance, orgName = 'Acme'): Promise<AuthSession> {
  const account = { email: uniqueEmail('admin'), password: 'correct horse battery' };
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { orgName, name: `${orgName} Admin`, ...account },
  });
  if (res.statusCode !== 202) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: account });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  return login.json<AuthSession>();
}

/** An admin creates an agent; returns the agent's signed-in session. */
export async function addAgent(
  app: FastifyInstance,
  admin: AuthSession,
  name = 'Agent',
): Promise<AuthSession> {
  const email = uniqueEmail('agent');
  const created = await app.inject({
    method: 'POST',
    url: '/api/agents',
    headers: bearer(admin.accessToken),
    payload: { email, name, password: 'agent password 1' },
  });
  if (created.statusCode !== 201)
    throw new Error(`agent create failed: ${created.statusCode} ${created.body}`);
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: 'agent password 1' },
  });
  if (login.statusCode !== 200)
    throw new Error(`agent login failed: ${login.statusCode} ${login.body}`);
  return login.json<AuthSession>();
}

/** The stable error code of an error response (shared envelope). */
export const codeOf = (res: { json: <T>() => T }): string => res.json<ErrorEnvelope>().error.code;
