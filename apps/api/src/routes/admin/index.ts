import {
  CallTimelineSchema,
  DashboardQuerySchema,
  DashboardSchema,
  IdParamsSchema,
  WebhookInfoSchema,
  WebhookTestSchema,
} from '@crokodialer/shared';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../plugins/app/auth.js';
import { requireAdmin } from '../../services/agent-service.js';
import { WebhookCheck } from '../../services/webhook-check.js';
import { errors, secured } from '../common.js';

const tags = ['admin'];

/** What only the admin console reads: the dashboard and a call's timeline. Admins only. */
const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  const { config } = app.services;
  const check = new WebhookCheck(config.jwtSecret, config.webhookPublicUrl);

  // The probe is what the outside reaches, so it takes no session: it only proves who answers.
  app.get(
    '/webhook-probe/:nonce',
    {
      schema: {
        hide: true,
        params: z.strictObject({ nonce: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) }),
        response: { 200: z.object({ proof: z.string() }), ...errors },
      },
    },
    (request) => ({ proof: check.proof(request.params.nonce) }),
  );

  void app.register((scope, _o, next) => {
    adminOnly(scope, check);
    next();
  });
  done();
};

const adminOnly = (app: Parameters<FastifyPluginCallbackZod>[0], check: WebhookCheck) => {
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
    async (request) => app.services.insights.dashboard(principalOf(request), request.query),
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
    async (request) => app.services.insights.timeline(principalOf(request), request.params.id),
  );

  app.get(
    '/webhook',
    { schema: { tags, security: secured, response: { 200: WebhookInfoSchema, ...errors } } },
    () => ({ url: check.webhookUrl }),
  );

  app.post(
    '/webhook/test',
    { schema: { tags, security: secured, response: { 200: WebhookTestSchema, ...errors } } },
    async () => check.run(),
  );
};
export default routes;
