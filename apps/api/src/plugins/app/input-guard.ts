import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { badRequest } from '../../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Top-level body fields whose NUL characters are dropped instead of refused. Only for free text
     * that records what happened (a call log's notes, the hangup cause the SDK reported): the record
     * matters more than a character no text needs, and the desktop's outbox must be able to land it.
     */
    stripNul?: readonly string[];
  }
}

const NUL = '\u0000';

interface Found {
  path: string;
}

/** Paths (`body.notes`, `querystring.q`, `body.items.0`) of strings or keys holding a NUL. */
function findNul(value: unknown, path: string, out: Found[]): void {
  if (out.length >= 20) return;
  if (typeof value === 'string') {
    if (value.includes(NUL)) out.push({ path });
    return;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => findNul(v, `${path}.${i}`, out));
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    const child = `${path}.${k.replaceAll(NUL, '\\u0000')}`;
    if (k.includes(NUL)) out.push({ path: child });
    else findNul(v, child, out);
  }
}

function stripListed(request: FastifyRequest, fields: readonly string[]): void {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
  const record = body as Record<string, unknown>;
  for (const field of fields) {
    const v = record[field];
    if (typeof v === 'string') record[field] = v.replaceAll(NUL, '');
  }
}

/**
 * PostgreSQL text cannot hold U+0000 (and jsonb refuses `\u0000`), so a NUL that reached a query
 * would fail there as a 500. Every NUL in the body, query string or path is refused up front with a
 * 400 naming the field, except the few free-text fields a route lists in `config.stripNul`.
 */
export default fp(
  (app: FastifyInstance) => {
    app.addHook('preValidation', (request, _reply, done) => {
      const strip = request.routeOptions.config.stripNul;
      if (strip) stripListed(request, strip);
      const found: Found[] = [];
      findNul(request.params, 'params', found);
      findNul(request.query, 'querystring', found);
      findNul(request.body, 'body', found);
      if (found.length === 0) {
        done();
        return;
      }
      const issues = found.map((f) => ({
        path: f.path,
        message: 'contains a NUL character (U+0000); remove it',
      }));
      done(
        badRequest('invalid_input', `invalid input: ${issues.map((i) => i.path).join(', ')}`, {
          issues,
        }),
      );
    });
  },
  { name: 'input-guard' },
);
