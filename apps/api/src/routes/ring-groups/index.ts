import {
  CreateRingGroupSchema,
  IdParamsSchema,
  RingGroupSchema,
  UpdateRingGroupSchema,
} from '@crokodialer/shared';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../plugins/app/auth.js';
import { requireAdmin } from '../../services/agent-service.js';
import { errors, secured } from '../common.js';

const tags = ['ring-groups'];

/** Ring groups for inbound routing (admins only). */
const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  app.addHook('onRequest', app.authenticate);
  app.addHook('preHandler', (request, _reply, next) => {
    try {
      requireAdmin(principalOf(request));
      next();
    } catch (err) {
      next(err as Error);
    }
  });
  const { ringGroups } = app.services;

  app.get(
    '/',
    { schema: { tags, security: secured, response: { 200: z.array(RingGroupSchema), ...errors } } },
    async (request) => ringGroups.list(principalOf(request)),
  );
  app.post(
    '/',
    {
      schema: {
        tags,
        security: secured,
        body: CreateRingGroupSchema,
        response: { 201: RingGroupSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await ringGroups.create(principalOf(request), request.body)),
  );
  app.get(
    '/:id',
    {
      schema: {
        tags,
        security: secured,
        params: IdParamsSchema,
        response: { 200: RingGroupSchema, ...errors },
      },
    },
    async (request) => ringGroups.get(principalOf(request), request.params.id),
  );
  app.patch(
    '/:id',
    {
      schema: {
        tags,
        security: secured,
        params: IdParamsSchema,
        body: UpdateRingGroupSchema,
        response: { 200: RingGroupSchema, ...errors },
      },
    },
    async (request) => ringGroups.update(principalOf(request), request.params.id, request.body),
  );
  app.delete(
    '/:id',
    {
      schema: {
        tags,
        security: secured,
        params: IdParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await ringGroups.remove(principalOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  done();
};
export default routes;
