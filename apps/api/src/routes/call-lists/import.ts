import {
  ImportPreviewSchema,
  ImportQuerySchema,
  ImportReportSchema,
  ListIdParamsSchema,
  PreviewQuerySchema,
} from '@crokodialer/shared';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/app/auth.js';
import { requireAdmin } from '../../services/agent-service.js';
import { errors, secured } from '../common.js';

const tags = ['call-lists'];

/**
 * CSV import (admins). The body reaches the service as the raw request stream: this scope's
 * text/csv parser hands it over unread, so a file of any size is parsed as it arrives and the
 * service enforces its own limits (docs/call-lists.md#import).
 */
const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  app.addContentTypeParser('text/csv', (_request, payload, next) => next(null, payload));
  // Refused before the body is read: an agent's upload is not streamed anywhere.
  app.addHook('preValidation', (request, _reply, next) => {
    try {
      requireAdmin(principalOf(request));
      next();
    } catch (err) {
      next(err as Error);
    }
  });
  const { listImports } = app.services;
  const consumes = ['text/csv'];

  app.post(
    '/:listId/import/preview',
    {
      schema: {
        tags,
        security: secured,
        consumes,
        params: ListIdParamsSchema,
        querystring: PreviewQuerySchema,
        response: { 200: ImportPreviewSchema, ...errors },
      },
    },
    (r) =>
      listImports.preview(principalOf(r), r.params.listId, r.query.mapping, r.query.rows, r.body),
  );
  app.post(
    '/:listId/import',
    {
      schema: {
        tags,
        security: secured,
        consumes,
        params: ListIdParamsSchema,
        querystring: ImportQuerySchema,
        response: { 200: ImportReportSchema, ...errors },
      },
    },
    (r) => listImports.import(principalOf(r), r.params.listId, r.query.mapping, r.body),
  );
  done();
};
export default routes;
