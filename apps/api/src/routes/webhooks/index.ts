import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../common.js';

/**
 * Telnyx Call Control webhooks. The signature covers the raw bytes
 * (docs/telnyx-protocol.md#webhook-signatures), so this scope parses JSON bodies as a Buffer and
 * the service verifies before it trusts anything.
 */
const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );

  app.post(
    '/telnyx',
    {
      schema: {
        tags: ['webhooks'],
        description:
          'Signed Telnyx events (telnyx-signature-ed25519, telnyx-timestamp). Unknown events are acknowledged.',
        response: {
          200: z.object({
            received: z.literal(true),
            duplicate: z.boolean(),
            handled: z.boolean(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const result = await app.services.webhooks.receive(raw, request.headers);
      return { received: true as const, ...result };
    },
  );
  done();
};
export default routes;
