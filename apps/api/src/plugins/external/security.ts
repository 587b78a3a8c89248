import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { ApiError } from '../../errors.js';
import { bearerClaims } from '../app/auth.js';
import { RequestCounts } from './request-counts.js';

type Incr = (
  key: string,
  cb: (err: Error | null, res?: { current: number; ttl: number }) => void,
  timeWindow: number,
) => void;

/** @fastify/rate-limit's store over the shared counters, so the ceiling holds across instances. */
function sharedStore(counts: RequestCounts) {
  return class SharedStore {
    incr: Incr = (key, cb, timeWindow) => {
      counts.hit(`req:${key}`, timeWindow).then(
        (w) => cb(null, { current: w.count, ttl: w.resetInMs }),
        (err: unknown) => cb(err instanceof Error ? err : new Error(String(err))),
      );
    };
    child() {
      return this;
    }
  };
}

/**
 * CORS closed unless origins are configured; security headers; a request ceiling per signed-in
 * user (a verified access token) or, for anonymous requests, per client address.
 */
export default fp(
  async (app: FastifyInstance, opts: { config: Config }) => {
    await app.register(cors, {
      origin: opts.config.corsOrigins.length > 0 ? opts.config.corsOrigins : false,
      credentials: false,
    });
    await app.register(helmet, {
      // The Swagger UI at /docs needs its own inline assets; the JSON API needs no CSP of its own.
      contentSecurityPolicy: false,
    });
    // JSON responses need no active content at all; the Swagger UI under /docs brings its own.
    app.addHook('onSend', async (request, reply) => {
      if (!request.url.startsWith('/docs')) {
        void reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
      }
    });
    const keyOf = async (request: FastifyRequest): Promise<string> => {
      const claims = await bearerClaims(app.services.accessTokens, request);
      return claims ? `user:${claims.userId}` : `ip:${request.ip}`;
    };
    const counts = new RequestCounts(app.services.rateLimits);
    app.addHook('onClose', () => counts.close());
    await app.register(rateLimit, {
      global: true,
      max: opts.config.rateLimit.perMinute,
      timeWindow: 60_000,
      store: sharedStore(counts),
      keyGenerator: keyOf,
      // Counters out of reach (the database is down) must not turn every request into a 500:
      // the request goes on, and /readyz reports the database.
      skipOnError: true,
      errorResponseBuilder: (_req, ctx) =>
        new ApiError(
          429,
          'rate_limited',
          `too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
        ),
    });
  },
  { name: 'security' },
);
