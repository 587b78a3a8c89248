import { Readable } from 'node:stream';
import {
  CallLogPageSchema,
  CallLogQuerySchema,
  CallLogSchema,
  CallStatsQuerySchema,
  CallStatsSchema,
  IdParamsSchema,
  UpdateCallLogSchema,
  UpsertCallLogSchema,
} from '@crokodialer/shared';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/app/auth.js';
import { requireAdmin } from '../../services/agent-service.js';
import { errors, secured } from '../common.js';
import { callLogsCsv } from '../../services/call-log-csv.js';

const tags = ['call-logs'];
const ExportQuerySchema = CallLogQuerySchema.omit({ cursor: true, limit: true });

const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  app.addHook('onRequest', app.authenticate);
  const { callLogs } = app.services;

  app.post(
    '/',
    {
      config: { stripNul: ['notes', 'hangupCause'] },
      schema: {
        tags,
        security: secured,
        description: 'Idempotent upsert by the client-generated id; status only moves forward.',
        body: UpsertCallLogSchema,
        response: { 200: CallLogSchema, 201: CallLogSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { created, log } = await callLogs.upsert(principalOf(request), request.body);
      return reply.code(created ? 201 : 200).send(log);
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags,
        security: secured,
        querystring: CallLogQuerySchema,
        response: { 200: CallLogPageSchema, ...errors },
      },
    },
    async (request) => callLogs.list(principalOf(request), request.query),
  );

  app.get(
    '/stats',
    {
      schema: {
        tags,
        security: secured,
        querystring: CallStatsQuerySchema,
        response: { 200: CallStatsSchema, ...errors },
      },
    },
    async (request) => callLogs.stats(principalOf(request), request.query),
  );

  app.get(
    '/export.csv',
    { schema: { tags, security: secured, querystring: ExportQuerySchema, produces: ['text/csv'] } },
    async (request, reply) => {
      const p = principalOf(request);
      requireAdmin(p);
      const rows = callLogs.iterate(p, request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="call-logs.csv"')
        .send(Readable.from(callLogsCsv(rows)));
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        security: secured,
        params: IdParamsSchema,
        response: { 200: CallLogSchema, ...errors },
      },
    },
    async (request) => callLogs.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/:id',
    {
      config: { stripNul: ['notes'] },
      schema: {
        tags,
        security: secured,
        params: IdParamsSchema,
        body: UpdateCallLogSchema,
        response: { 200: CallLogSchema, ...errors },
      },
    },
    async (request) => callLogs.update(principalOf(request), request.params.id, request.body),
  );
  done();
};
export default routes;
