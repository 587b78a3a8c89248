import { BrowserSessionSchema, LoginSchema, type AuthSession } from '@crokodialer/shared';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../../errors.js';
import { principalOf } from '../../plugins/app/auth.js';
import { errors, secured } from '../common.js';

const tags = ['auth'];
const adminsOnly = () =>
  new ApiError(
    403,
    'admins_only',
    'the admin console is for admins; use the Crokodialer app to make and take calls',
  );
const noSession = () => new ApiError(401, 'no_session', 'sign in to the admin console');

/**
 * The admin console's sign-in (plugins/app/browser-session.ts): the same accounts and refresh-token
 * families as /api/auth, with the refresh token in a cookie instead of the body. Admins only.
 */
const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  const { auth, authLimits } = app.services;
  const cookies = app.browserSession;

  /** Answers with the session minus its refresh token, or refuses a non-admin and ends it. */
  async function answer(request: FastifyRequest, reply: FastifyReply, session: AuthSession) {
    if (session.user.role !== 'admin') {
      await auth.logout(session.refreshToken);
      cookies.clear(request, reply);
      throw adminsOnly();
    }
    cookies.set(request, reply, session.refreshToken, session.refreshTokenExpiresAt);
    const { refreshToken: _kept, ...body } = session;
    return body;
  }

  app.post(
    '/login',
    {
      schema: { tags, body: LoginSchema, response: { 200: BrowserSessionSchema, ...errors } },
    },
    async (request, reply) => {
      cookies.assertSameOrigin(request);
      const session = await authLimits.login(request.body.email, request.ip, () =>
        auth.login(request.body.email, request.body.password),
      );
      return answer(request, reply, session);
    },
  );

  app.post(
    '/refresh',
    { schema: { tags, response: { 200: BrowserSessionSchema, ...errors } } },
    async (request, reply) => {
      const token = cookies.refreshTokenOf(request);
      if (!token) throw noSession();
      try {
        const session = await authLimits.refresh(request.ip, () => auth.refresh(token));
        return await answer(request, reply, session);
      } catch (err) {
        if (err instanceof ApiError && err.statusCode === 401) cookies.clear(request, reply);
        throw err;
      }
    },
  );

  app.post(
    '/logout',
    { schema: { tags, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const token = cookies.refreshTokenOf(request);
      if (token) await auth.logout(token);
      cookies.clear(request, reply);
      return reply.code(204).send(null);
    },
  );

  // Every session of this admin, on every device (desktop app included), ends now.
  app.post(
    '/logout-everywhere',
    {
      onRequest: app.authenticate,
      schema: { tags, security: secured, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      cookies.refreshTokenOf(request);
      await auth.revokeAllForUser(principalOf(request).userId);
      cookies.clear(request, reply);
      return reply.code(204).send(null);
    },
  );
  done();
};
export default routes;
