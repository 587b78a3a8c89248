import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../../errors.js';

/** Where `npm run build -w @crokodialer/admin` writes the console. */
export const ADMIN_CONSOLE_DIR = fileURLToPath(new URL('../../../../admin/dist', import.meta.url));

/**
 * Same-origin by design: the console only talks to this API, so its policy allows nothing else.
 * Scripts are strictly 'self'. Styles allow inline: the dialog and chart libraries write style
 * attributes and elements at run time, and a style cannot run code.
 */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The admin console's static files at /admin/ (client-side routes live in the URL hash). The
 * router ignores trailing slashes, so /admin serves the same page; its asset URLs are absolute.
 */
export default fp(
  async (app: FastifyInstance, opts: { root?: string }) => {
    const root = opts.root ?? ADMIN_CONSOLE_DIR;
    // Registered after the security plugin, so this replaces its API-wide "nothing allowed" CSP.
    app.addHook('onSend', async (request, reply) => {
      if (request.url.startsWith('/admin'))
        void reply.header('content-security-policy', CONSOLE_CSP);
    });
    if (!existsSync(`${root}/index.html`)) {
      const notBuilt = () => {
        throw new ApiError(
          503,
          'admin_console_not_built',
          'the admin console is not built; run npm run build -w @crokodialer/admin',
        );
      };
      app.get('/admin', { schema: { hide: true } }, notBuilt);
      app.get('/admin/*', { schema: { hide: true } }, notBuilt);
      return;
    }
    // The page itself: its own route, because the router ignores trailing slashes and the static
    // plugin's index handling expects them.
    const page = readFileSync(`${root}/index.html`);
    app.get('/admin', { schema: { hide: true } }, (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page),
    );
    await app.register(fastifyStatic, {
      root,
      prefix: '/admin/',
      index: false,
      decorateReply: false,
      // Hashed asset names change with every build; the page itself is always revalidated.
      setHeaders: (reply, path) => {
        void reply.header(
          'cache-control',
          path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
        );
      },
    });
  },
  { name: 'admin-console', dependencies: ['security'] },
);
