import {
  AuthSessionSchema,
  LoginSchema,
  LogoutSchema,
  MeSchema,
  RefreshSchema,
  SignupAcceptedSchema,
  SignupSchema,
} from '@crokodialer/shared';
import { z } from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/app/auth.js';
import { errors, secured } from '../common.js';

const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  const { auth, authLimits } = app.services;

  app.post(
    '/signup',
    {
      schema: {
        tags: ['auth'],
        description:
          'Creates an org and its first admin, then the admin signs in (`POST /api/auth/login`). ' +
          'The answer is the same 202 whether or not the email already has an account, and an ' +
          'existing account is left unchanged, so sign-up never reveals who is registered. ' +
          'While sign-up is closed only the first admin of a server without any org gets in.',
        body: SignupSchema,
        response: { 202: SignupAcceptedSchema, ...errors },
      },
    },
    async (request, reply) => {
      await authLimits.signup(request.ip);
      return reply.code(202).send(await auth.signup(request.body));
    },
  );

  app.post(
    '/login',
    {
      schema: {
        tags: ['auth'],
        body: LoginSchema,
        response: { 200: AuthSessionSchema, ...errors },
      },
    },
    async (request) =>
      authLimits.login(request.body.email, request.ip, () =>
        auth.login(request.body.email, request.body.password),
      ),
  );

  app.post(
    '/refresh',
    {
      schema: {
        tags: ['auth'],
        body: RefreshSchema,
        response: { 200: AuthSessionSchema, ...errors },
      },
    },
    async (request) =>
      authLimits.refresh(request.ip, () => auth.refresh(request.body.refreshToken)),
  );

  app.post(
    '/logout',
    { schema: { tags: ['auth'], body: LogoutSchema, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await auth.logout(request.body.refreshToken);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      onRequest: app.authenticate,
      schema: { tags: ['auth'], security: secured, response: { 200: MeSchema, ...errors } },
    },
    async (request) => auth.me(principalOf(request)),
  );
  done();
};
export default routes;
