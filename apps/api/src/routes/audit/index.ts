import { AuditEntrySchema, AuditQuerySchema, pageSchema } from '@crokodialer/shared';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { principalOf } from '../../plugins/app/auth.js';
import { badRequest } from '../../errors.js';
import { requireAdmin } from '../../services/agent-service.js';
import { errors, secured } from '../common.js';

function decode(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(date.getTime())) {
    throw badRequest(
      'invalid_cursor',
      'the cursor is not one this API returned; start from the first page',
    );
  }
  return { at: date, id };
}

/** The org's audit log of admin actions, newest first, keyset-paginated, filterable. */
const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/',
    {
      schema: {
        tags: ['audit'],
        security: secured,
        querystring: AuditQuerySchema,
        response: { 200: pageSchema(AuditEntrySchema), ...errors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      requireAdmin(p);
      const { limit, cursor, action, actorId, targetType, from, to } = request.query;
      let q = app.services.db.selectFrom('audit_log').selectAll().where('org_id', '=', p.orgId);
      if (action) q = q.where('action', '=', action);
      if (actorId) q = q.where('actor_id', '=', actorId);
      if (targetType) q = q.where('target_type', '=', targetType);
      if (from) q = q.where('created_at', '>=', new Date(from));
      if (to) q = q.where('created_at', '<', new Date(to));
      if (cursor) {
        const c = decode(cursor);
        q = q.where(sql<boolean>`(created_at, id) < (${c.at}, ${c.id}::uuid)`);
      }
      const rows = await q
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          id: r.id,
          actorId: r.actor_id,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          details: r.details,
          createdAt: r.created_at.toISOString(),
        })),
        nextCursor:
          rows.length > limit && last
            ? Buffer.from(`${last.created_at.toISOString()}|${last.id}`).toString('base64url')
            : null,
      };
    },
  );
  done();
};
export default routes;
