import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { unauthorized } from '../../errors.js';
import type { AccessTokens, Principal } from '../../services/access-tokens.js';
import type { Services } from '../../services/container.js';
import { PrincipalCache } from './principal-cache.js';

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

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/;
const verified = new WeakMap<FastifyRequest, Promise<Principal | null>>();

/**
 * The claims of the request's access token, or null (none, invalid or expired). Verified once per
 * request: the rate limiter keys on it before `authenticate` runs.
 */
export function bearerClaims(
  tokens: AccessTokens,
  request: FastifyRequest,
): Promise<Principal | null> {
  let claims = verified.get(request);
  if (!claims) {
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    claims = token ? tokens.verify(token) : Promise.resolve(null);
    verified.set(request, claims);
  }
  return claims;
}

/** The signed-in principal; routes behind `authenticate` always have one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

/** Routes that change a user's role or active flag; a success there forgets that user's principal. */
const USER_WRITES = new Set(['/api/agents/:id']);

export default fp(
  (app: FastifyInstance) => {
    const principals = new PrincipalCache((claims) => app.services.auth.principalFor(claims));
    app.decorateRequest('principal', null);
    app.decorate('authenticate', async (request: FastifyRequest) => {
      if (!BEARER.test(request.headers.authorization ?? ''))
        throw unauthorized('send Authorization: Bearer <access token>');
      const claims = await bearerClaims(app.services.accessTokens, request);
      if (!claims) throw unauthorized('the access token is invalid or expired; refresh it');
      const principal = await principals.get(claims);
      if (!principal) throw unauthorized('your account is not active; ask an admin');
      request.principal = principal;
    });
    // Before the response leaves, so the change is in force for the caller's very next request.
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' && reply.statusCode < 400) {
        const { id } = request.params as { id?: string };
        if (id && USER_WRITES.has(request.routeOptions.url ?? '')) principals.forget(id);
      }
      return payload;
    });
  },
  { name: 'auth' },
);
