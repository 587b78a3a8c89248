import { IdParamsSchema, PhoneNumberSchema, UpdatePhoneNumberSchema } from '@crokodialer/shared';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../plugins/app/auth.js';
import { requireAdmin } from '../../services/agent-service.js';
import { errors, secured } from '../common.js';

const tags = ['phone-numbers'];

const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  app.addHook('onRequest', app.authenticate);
  const { phoneNumbers } = app.services;

  app.get(
    '/',
    {
      schema: { tags, security: secured, response: { 200: z.array(PhoneNumberSchema), ...errors } },
    },
    async (request) => phoneNumbers.list(principalOf(request)),
  );

  app.post(
    '/sync',
    {
      schema: {
        tags,
        security: secured,
        description: "Mirror the org's numbers from Telnyx.",
        response: { 200: z.array(PhoneNumberSchema), ...errors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      requireAdmin(p);
      return phoneNumbers.sync(p);
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        security: secured,
        params: IdParamsSchema,
        body: UpdatePhoneNumberSchema,
        response: { 200: PhoneNumberSchema, ...errors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      requireAdmin(p);
      return phoneNumbers.setRoute(p, request.params.id, request.body);
    },
  );
  done();
};
export default routes;
