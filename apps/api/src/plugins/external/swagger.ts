import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI at /docs/json, UI at /docs (docs/architecture.md#interfaces). */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        info: { title: 'Crokodialer API', version: '0.1.0' },
        components: {
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
      },
      // A collection's root route is registered as `/` under its prefix; documented without the
      // trailing slash, as clients write it (the router accepts both, app.ts).
      transform: (input) => {
        const out = jsonSchemaTransform(input);
        return { ...out, url: out.url.length > 1 ? out.url.replace(/\/+$/, '') : out.url };
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'swagger' },
);
