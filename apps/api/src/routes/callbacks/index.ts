import {
  CallbackQuerySchema,
  CallbackSchema,
  IdParamsSchema,
  ScheduleCallbackSchema,
  UpdateCallbackSchema,
} from '@crokodialer/shared';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../plugins/app/auth.js';
import { errors, secured } from '../common.js';

const tags = ['callbacks'];

/** Callbacks: agents see their own, admins all (docs/call-lists.md#rules). */
const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  app.addHook('onRequest', app.authenticate);
  const { callbacks } = app.services;
  const s = { tags, security: secured };

  app.get(
    '/',
    {
      schema: {
        ...s,
        description: 'Soonest first; `dueWithinMinutes` lists the ones to remind of.',
        querystring: CallbackQuerySchema,
        response: { 200: z.array(CallbackSchema), ...errors },
      },
    },
    (r) => callbacks.list(principalOf(r), r.query),
  );
  app.post(
    '/',
    {
      config: { stripNul: ['note'] },
      schema: { ...s, body: ScheduleCallbackSchema, response: { 201: CallbackSchema, ...errors } },
    },
    async (r, reply) => reply.code(201).send(await callbacks.schedule(principalOf(r), r.body)),
  );
  app.get(
    '/:id',
    { schema: { ...s, params: IdParamsSchema, response: { 200: CallbackSchema, ...errors } } },
    (r) => callbacks.get(principalOf(r), r.params.id),
  );
  app.patch(
    '/:id',
    {
      schema: {
        ...s,
        params: IdParamsSchema,
        body: UpdateCallbackSchema,
        response: { 200: CallbackSchema, ...errors },
      },
    },
    (r) => callbacks.update(principalOf(r), r.params.id, r.body),
  );
  done();
};
export default routes;
