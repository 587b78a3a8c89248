import { createHmac, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import { CSRF_COOKIE, CSRF_HEADER } from '@crokodialer/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../../errors.js';
import { deriveKey } from '../../services/derive-key.js';

/** The refresh-token cookie is sent only to the browser-auth routes, nowhere else. */
export const REFRESH_COOKIE = 'croko_rt';
export const BROWSER_AUTH_PATH = '/api/auth/browser';

declare module 'fastify' {
  interface FastifyInstance {
    browserSession: BrowserSession;
  }
}

const csrfRefused = (why: string) =>
  new ApiError(403, 'csrf_refused', `${why}; reload the admin console and try again`);

/**
 * The admin console's session in a browser. The refresh token lives in an httpOnly, SameSite=Strict
 * cookie scoped to the browser-auth routes (Secure over https); the access token stays in the page's
 * memory. Requests the cookie authenticates must come from this origin (Origin header) and echo the
 * CSRF token: an HMAC of the refresh token that the page reads from a second, readable cookie
 * (signed double submit: a token planted by anyone without the server key never matches).
 */
export class BrowserSession {
  private readonly key: Buffer;

  constructor(secret: Uint8Array) {
    this.key = deriveKey(secret, 'csrf');
  }

  csrfFor(refreshToken: string): string {
    return createHmac('sha256', this.key).update(refreshToken).digest('base64url');
  }

  /** The refresh token the cookie carries, after the origin and CSRF checks; null when absent. */
  refreshTokenOf(request: FastifyRequest): string | null {
    this.assertSameOrigin(request);
    const token = request.cookies[REFRESH_COOKIE];
    if (!token) return null;
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || sent.length === 0)
      throw csrfRefused(`send the ${CSRF_HEADER} header`);
    const expected = Buffer.from(this.csrfFor(token));
    const given = Buffer.from(sent);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw csrfRefused('the CSRF token does not match this session');
    return token;
  }

  /** Browsers always send Origin on a POST; a cross-site or missing one is refused. */
  assertSameOrigin(request: FastifyRequest): void {
    const origin = request.headers.origin;
    if (!origin) throw csrfRefused('the request has no Origin header');
    if (origin !== `${request.protocol}://${request.host}`)
      throw csrfRefused(`requests from ${origin} are not accepted`);
  }

  set(request: FastifyRequest, reply: FastifyReply, refreshToken: string, expiresAt: string): void {
    const common = {
      sameSite: 'strict',
      secure: request.protocol === 'https',
      expires: new Date(expiresAt),
    } as const;
    void reply.setCookie(REFRESH_COOKIE, refreshToken, {
      ...common,
      httpOnly: true,
      path: BROWSER_AUTH_PATH,
    });
    // Readable by the console's script (it echoes it as a header), so scoped to the whole origin.
    void reply.setCookie(CSRF_COOKIE, this.csrfFor(refreshToken), {
      ...common,
      httpOnly: false,
      path: '/',
    });
  }

  clear(request: FastifyRequest, reply: FastifyReply): void {
    const secure = request.protocol === 'https';
    void reply.clearCookie(REFRESH_COOKIE, {
      path: BROWSER_AUTH_PATH,
      httpOnly: true,
      sameSite: 'strict',
      secure,
    });
    void reply.clearCookie(CSRF_COOKIE, { path: '/', sameSite: 'strict', secure });
  }
}

export default fp(
  async (app: FastifyInstance) => {
    await app.register(cookie);
    app.decorate('browserSession', new BrowserSession(app.services.config.jwtSecret));
  },
  { name: 'browser-session', dependencies: ['auth'] },
);
