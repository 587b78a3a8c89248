import type { BuildOptions } from '../../apps/api/src/index.js';

/**
 * The API as the bench runs it, in this process and in the extra instances (instance-main.ts): one
 * JWT secret, so a token from one instance works on every other, as behind a load balancer.
 */
export function benchAppOptions(url: string | undefined, jwtSecret: Uint8Array): BuildOptions {
  return {
    env: {},
    config: {
      database: url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: null },
      jwtSecret,
      // Tokens are minted before the million rows are loaded and must outlive the whole run.
      accessTokenTtlSeconds: 3_600,
      // Logging on, as in production, into a sink: its cost is part of each request.
      logger: true,
      // Cheap hashing only speeds up creating the bench's accounts; no benchmarked request hashes.
      argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
      rateLimit: { authPerMinute: 100_000 },
    },
    logStream: { write: () => undefined },
  };
}
