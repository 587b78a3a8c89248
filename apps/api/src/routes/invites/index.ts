import {
  AcceptInviteSchema,
  CreatedInviteSchema,
  CreateInviteSchema,
  IdParamsSchema,
  InviteDetailsSchema,
  InviteSchema,
  InviteTokenBodySchema,
} from '@crokodialer/shared';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../plugins/app/auth.js';
import { requireAdmin } from '../../services/agent-service.js';
import { errors, secured } from '../common.js';

const tags = ['invites'];
const MINUTE = 60_000;

/**
 * Invites. Admins create, list and revoke them; the invitee's two routes are public (the token is
 * the credential) and limited per address, so a link cannot be guessed by brute force.
 */
const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  const { invites, rateLimits, config } = app.services;

  const limitAddress = (ip: string) =>
    rateLimits.take(`invite:ip:${ip}`, config.rateLimit.authPerMinute, MINUTE, 'invite attempts');

  app.post(
    '/details',
    {
      schema: {
        tags,
        description: 'Public: who an invite link is for. Limited per address.',
        body: InviteTokenBodySchema,
        response: { 200: InviteDetailsSchema, ...errors },
      },
    },
    async (request) => {
      await limitAddress(request.ip);
      return invites.details(request.body.token);
    },
  );

  app.post(
    '/accept',
    {
      schema: {
        tags,
        description: 'Public: the invitee sets their password; the link then stops working.',
        body: AcceptInviteSchema,
        response: { 200: z.object({ email: z.string() }), ...errors },
      },
    },
    async (request) => {
      await limitAddress(request.ip);
      return invites.accept(request.body);
    },
  );

  void app.register((admin: typeof app, _o, next) => {
    admin.addHook('onRequest', admin.authenticate);
    admin.addHook('preHandler', (request, _reply, go) => {
      try {
        requireAdmin(principalOf(request));
        go();
      } catch (err) {
        go(err as Error);
      }
    });

    admin.get(
      '/',
      { schema: { tags, security: secured, response: { 200: z.array(InviteSchema), ...errors } } },
      async (request) => invites.list(principalOf(request)),
    );

    admin.post(
      '/',
      {
        schema: {
          tags,
          security: secured,
          description: 'The invite link is in this answer only; it is never shown again.',
          body: CreateInviteSchema,
          response: { 201: CreatedInviteSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { invite, token } = await invites.create(principalOf(request), request.body);
        // The token rides in the fragment: browsers never send it to a server or a log.
        const inviteUrl = `${request.protocol}://${request.host}/admin/#invite=${token}`;
        return reply.code(201).send({ invite, inviteUrl });
      },
    );

    admin.delete(
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
        await invites.revoke(principalOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
    next();
  });
  done();
};
export default routes;
