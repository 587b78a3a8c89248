import { AuditEntrySchema, AuditQuerySchema, pageSchema } from '@crokodialer/shared';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/app/auth.js';
import { requireAdmin } from '../../services/agent-service.js';
import { errors, secured } from '../common.js';

/** The org's audit log of admin actions, newest first, keyset-paginated, filterable. */
const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/',
    {
      schema: {
        tags: ['audit'],
        security: secured,
        querystring: AuditQuerySchema,
        response: { 200: pageSchema(AuditEntrySchema), ...errors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      requireAdmin(p);
      return app.services.audit.page(p.orgId, request.query);
    },
  );
  done();
};
export default routes;
