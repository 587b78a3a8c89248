import {
  AgentSchema,
  CreateAgentSchema,
  IdParamsSchema,
  UpdateAgentSchema,
  WebrtcCredentialSchema,
} from '@crokodialer/shared';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../plugins/app/auth.js';
import { requireAdmin } from '../../services/agent-service.js';
import { errors, secured } from '../common.js';

const tags = ['agents'];

const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  app.addHook('onRequest', app.authenticate);
  const { agents, credentials } = app.services;

  app.get(
    '/',
    { schema: { tags, security: secured, response: { 200: z.array(AgentSchema), ...errors } } },
    async (request) => agents.list(principalOf(request)),
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        security: secured,
        body: CreateAgentSchema,
        response: { 201: AgentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      requireAdmin(p);
      return reply.code(201).send(await agents.create(p, request.body));
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        security: secured,
        params: IdParamsSchema,
        response: { 200: AgentSchema, ...errors },
      },
    },
    async (request) => agents.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        security: secured,
        params: IdParamsSchema,
        body: UpdateAgentSchema,
        response: { 200: AgentSchema, ...errors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      requireAdmin(p);
      return agents.update(p, request.params.id, request.body);
    },
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
      const p = principalOf(request);
      requireAdmin(p);
      await agents.deactivate(p, request.params.id);
      return reply.code(204).send(null);
    },
  );

  // WebRTC credentials: admins provision, agents only ever mint tokens (routes/me).
  app.get(
    '/:id/webrtc-credential',
    {
      schema: {
        tags,
        security: secured,
        params: IdParamsSchema,
        response: { 200: WebrtcCredentialSchema, ...errors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      requireAdmin(p);
      return credentials.get(p, request.params.id);
    },
  );

  app.post(
    '/:id/webrtc-credential',
    {
      schema: {
        tags,
        security: secured,
        params: IdParamsSchema,
        response: { 201: WebrtcCredentialSchema, ...errors },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      requireAdmin(p);
      return reply.code(201).send(await credentials.create(p, request.params.id));
    },
  );

  app.post(
    '/:id/webrtc-credential/rotate',
    {
      schema: {
        tags,
        security: secured,
        params: IdParamsSchema,
        response: { 200: WebrtcCredentialSchema, ...errors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      requireAdmin(p);
      return credentials.rotate(p, request.params.id);
    },
  );

  app.delete(
    '/:id/webrtc-credential',
    {
      schema: {
        tags,
        security: secured,
        params: IdParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      requireAdmin(p);
      await credentials.revoke(p, request.params.id);
      return reply.code(204).send(null);
    },
  );
  done();
};
export default routes;
