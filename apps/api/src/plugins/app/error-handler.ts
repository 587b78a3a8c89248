import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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

type Envelope = { error: { code: string; message: string; details?: unknown } };

const envelope = (code: string, message: string): Envelope => ({ error: { code, message } });

/** Fastify's own 4xx (bad JSON, wrong content type, body too large, …) by status. */
function clientCode(status: number): string {
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 414) return 'uri_too_long';
  if (status === 404) return 'not_found';
  if (status === 405) return 'method_not_allowed';
  return 'bad_request';
}

/**
 * PostgreSQL data exceptions (SQLSTATE class 22: a value out of range, bad text for a type, an
 * untranslatable character) come only from values a client sent that no check caught first. They
 * are the caller's to fix, so a 400 rather than a 500; every known case has its own named check.
 */
function isDataException(error: unknown): boolean {
  const e = error as { code?: unknown; severity?: unknown };
  return typeof e.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code) && 'severity' in e;
}

/**
 * Errors the router raises before any route runs (a malformed URL escape, an over-long path
 * parameter): Fastify's `frameworkErrors` option, answered in the shared envelope.
 */
export function frameworkErrors(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : (error.statusCode ?? 400);
  const message =
    error.code === 'FST_ERR_BAD_URL'
      ? 'the URL has a malformed %-escape; encode it with encodeURIComponent'
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? 'a path parameter is too long'
        : error.message;
  void reply
    .code(status >= 400 && status < 500 ? status : 400)
    .send(envelope(clientCode(status), message));
}

/**
 * Requests Node's HTTP parser rejects (malformed request line or headers, header overflow, timeout)
 * never reach Fastify; the raw answer still carries the envelope.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const code =
    status === 408 ? 'request_timeout' : status === 431 ? 'headers_too_large' : 'bad_request';
  const message =
    status === 408
      ? 'the request took too long to arrive'
      : status === 431
        ? 'the request headers are too large'
        : 'the HTTP request is malformed';
  const body = JSON.stringify(envelope(code, message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
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
      if (isDataException(error)) {
        request.log.warn({ err: error }, 'database refused a value');
        return reply
          .code(400)
          .send(envelope('invalid_value', 'a value is outside what the server can store'));
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
        return reply.code(status).send(envelope(clientCode(status), error.message));
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
