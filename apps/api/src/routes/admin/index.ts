import {
  CallTimelineSchema,
  DashboardQuerySchema,
  DashboardSchema,
  IdParamsSchema,
} from '@crokodialer/shared';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/app/auth.js';
import { requireAdmin } from '../../services/agent-service.js';
import { callTimeline, dashboard } from '../../services/dashboard.js';
import { errors, secured } from '../common.js';

const tags = ['admin'];

/** What only the admin console reads: the dashboard and a call's timeline. Admins only. */
const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', (request, _reply, next) => {
    try {
      requireAdmin(principalOf(request));
      next();
    } catch (err) {
      next(err as Error);
    }
  });

  app.get(
    '/dashboard',
    {
      schema: {
        tags,
        security: secured,
        querystring: DashboardQuerySchema,
        response: { 200: DashboardSchema, ...errors },
      },
    },
    async (request) => dashboard(app.services.db, principalOf(request), request.query),
  );

  app.get(
    '/call-logs/:id/timeline',
    {
      schema: {
        tags,
        security: secured,
        params: IdParamsSchema,
        response: { 200: CallTimelineSchema, ...errors },
      },
    },
    async (request) => callTimeline(app.services.db, principalOf(request), request.params.id),
  );
  done();
};
export default routes;
