import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  app.get(
    '/healthz',
    { schema: { tags: ['ops'], response: { 200: z.object({ status: z.literal('ok') }) } } },
    () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['ops'],
        response: {
          200: z.object({ status: z.literal('ready') }),
          503: z.object({ status: z.literal('unavailable') }),
        },
      },
    },
    async (_req, reply) =>
      (await app.services.readiness.ready())
        ? { status: 'ready' as const }
        : reply.code(503).send({ status: 'unavailable' as const }),
  );
  done();
};
export default routes;
