import {
  CallPolicySchema,
  PresenceEntrySchema,
  UpdatePresenceSchema,
  WebrtcTokenSchema,
} from '@crokodialer/shared';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../plugins/app/auth.js';
import { errors, secured } from '../common.js';

/** The signed-in user's own things: WebRTC login token, presence and the org's call policy. */
const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  app.addHook('onRequest', app.authenticate);
  const { credentials, agents } = app.services;

  app.post(
    '/me/webrtc-token',
    {
      schema: { tags: ['me'], security: secured, response: { 200: WebrtcTokenSchema, ...errors } },
    },
    async (request) => {
      const p = principalOf(request);
      await app.services.authLimits.perUser('webrtc-token', p.userId);
      return credentials.mintToken(p);
    },
  );

  // Any member of the org, agents included: the dialer's wrap-up follows it after each call.
  app.get(
    '/me/call-policy',
    {
      schema: { tags: ['me'], security: secured, response: { 200: CallPolicySchema, ...errors } },
    },
    async (request) => app.services.orgSettings.callPolicy(principalOf(request).orgId),
  );

  app.put(
    '/me/presence',
    {
      schema: {
        tags: ['presence'],
        security: secured,
        body: UpdatePresenceSchema,
        response: { 200: PresenceEntrySchema, ...errors },
      },
    },
    async (request) => agents.setPresence(principalOf(request), request.body.presence),
  );

  app.get(
    '/presence',
    {
      schema: {
        tags: ['presence'],
        security: secured,
        response: { 200: z.array(PresenceEntrySchema), ...errors },
      },
    },
    async (request) => agents.presence(principalOf(request)),
  );
  done();
};
export default routes;
