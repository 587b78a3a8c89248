import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { ApiError } from '../../errors.js';

/** CORS closed unless origins are configured; security headers; a coarse per-IP request ceiling. */
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
    await app.register(rateLimit, {
      global: true,
      max: 1200,
      timeWindow: 60_000,
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
