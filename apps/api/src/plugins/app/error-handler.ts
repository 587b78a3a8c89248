import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError } from '../../errors.js';

interface Issue {
  path: string;
  message: string;
}

/** Field paths a client can show next to inputs: `body.email`, `querystring.limit`. */
function issuesOf(error: { validation: unknown[]; validationContext?: string }): Issue[] {
  return error.validation.flatMap((v): Issue[] => {
    const item = v as {
      instancePath?: string;
      keyword?: string;
      message?: string;
      params?: { keys?: unknown };
    };
    const segments = (item.instancePath ?? '').split('/').filter(Boolean);
    const base = [error.validationContext, ...segments].filter(Boolean).join('.');
    // Unknown fields: zod reports them on the object with `keys`; one issue per field.
    const keys = Array.isArray(item.params?.keys) ? item.params.keys.map(String) : [];
    if (item.keyword === 'unrecognized_keys' && keys.length > 0) {
      return keys.map((k) => ({ path: `${base}.${k}`, message: 'unknown field' }));
    }
    return [{ path: base, message: item.message ?? 'invalid value' }];
  });
}

/** One error handler: the shared envelope everywhere, 4xx for what the caller did, 5xx hidden. */
export default fp(
  (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
      if (error instanceof ApiError) {
        void reply.headers(error.headers);
        return reply.code(error.statusCode).send({
          error: {
            code: error.code,
            message: error.message,
            ...(error.details === undefined ? {} : { details: error.details }),
          },
        });
      }
      if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
        const issues = issuesOf(error as { validation: unknown[]; validationContext?: string });
        const fields = [...new Set(issues.map((i) => i.path))].join(', ');
        return reply.code(400).send({
          error: {
            code: 'invalid_input',
            message: `invalid input: ${fields}`,
            details: { issues },
          },
        });
      }
      const status = error.statusCode ?? 500;
      if (status === 429) {
        return reply.code(429).send({
          error: {
            code: 'rate_limited',
            message: error.message || 'too many requests, retry later',
          },
        });
      }
      if (status >= 400 && status < 500) {
        // Fastify's own client errors: bad JSON, wrong content type, body too large, …
        const code =
          status === 413
            ? 'payload_too_large'
            : status === 415
              ? 'unsupported_media_type'
              : 'bad_request';
        return reply.code(status).send({ error: { code, message: error.message } });
      }
      request.log.error({ err: error }, 'request failed');
      return reply
        .code(status >= 500 ? status : 500)
        .send({ error: { code: 'internal_error', message: 'something went wrong on our side' } });
    });

    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send({
        error: {
          code: 'not_found',
          message: `no route ${request.method} ${request.url.split('?')[0]}`,
        },
      }),
    );
  },
  { name: 'error-handler' },
);
