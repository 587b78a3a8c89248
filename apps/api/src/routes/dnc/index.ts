import {
  AddDncSchema,
  DncCheckSchema,
  DncEntrySchema,
  DncPhoneParamsSchema,
  DncQuerySchema,
  pageSchema,
} from '@crokodialer/shared';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../plugins/app/auth.js';
import { errors, secured } from '../common.js';

const tags = ['dnc'];

/** The org's do-not-call list (docs/call-lists.md#rules). */
const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  app.addHook('onRequest', app.authenticate);
  const { dnc } = app.services;
  const s = { tags, security: secured };

  app.get(
    '/',
    {
      schema: {
        ...s,
        querystring: DncQuerySchema,
        response: { 200: pageSchema(DncEntrySchema), ...errors },
      },
    },
    (r) => dnc.page(principalOf(r), r.query),
  );
  app.post(
    '/',
    { schema: { ...s, body: AddDncSchema, response: { 201: DncEntrySchema, ...errors } } },
    async (r, reply) => reply.code(201).send(await dnc.add(principalOf(r), r.body)),
  );
  app.get(
    '/check/:phone',
    {
      schema: { ...s, params: DncPhoneParamsSchema, response: { 200: DncCheckSchema, ...errors } },
    },
    async (r) => {
      const p = principalOf(r);
      return { phone: r.params.phone, blocked: await dnc.isBlocked(p.orgId, r.params.phone) };
    },
  );
  app.delete(
    '/:phone',
    { schema: { ...s, params: DncPhoneParamsSchema, response: { 204: z.null(), ...errors } } },
    async (r, reply) => {
      await dnc.remove(principalOf(r), r.params.phone);
      return reply.code(204).send(null);
    },
  );
  done();
};
export default routes;
