import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { unauthorized } from '../../errors.js';
import type { Principal } from '../../services/access-tokens.js';
import type { Services } from '../../services/container.js';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    /** onRequest hook: a valid access token for an active user, or a 401. */
    authenticate: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The signed-in principal; routes behind `authenticate` always have one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

export default fp(
  (app: FastifyInstance) => {
    app.decorateRequest('principal', null);
    app.decorate('authenticate', async (request: FastifyRequest) => {
      const header = request.headers.authorization;
      const match = header ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header) : null;
      if (!match?.[1]) throw unauthorized('send Authorization: Bearer <access token>');
      const claims = await app.services.accessTokens.verify(match[1]);
      if (!claims) throw unauthorized('the access token is invalid or expired; refresh it');
      const principal = await app.services.auth.principalFor(claims);
      if (!principal) throw unauthorized('your account is not active; ask an admin');
      request.principal = principal;
    });
  },
  { name: 'auth' },
);
