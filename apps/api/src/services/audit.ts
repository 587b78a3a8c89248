import type { AuditEntry, AuditQuerySchema } from '@crokodialer/shared';
import type { z } from 'zod';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Principal } from './access-tokens.js';
import { decodeCursor, encodeCursor } from './keyset-cursor.js';

type AuditFilter = z.output<typeof AuditQuerySchema>;

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

/** Records an admin action. Details never hold secrets (callers pass names and ids only). */
export async function audit(
  db: Db,
  actor: Principal | { orgId: string; userId: string | null },
  action: string,
  target: { type: string; id?: string | null },
  details: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      org_id: actor.orgId,
      actor_id: actor.userId,
      action,
      target_type: target.type,
      target_id: target.id ?? null,
      details: JSON.stringify(details),
    })
    .execute();
}

/** The org's audit log, newest first, keyset-paginated, filtered by the admin console. */
export class AuditLogService {
  constructor(private readonly db: Db) {}

  async page(orgId: string, q: AuditFilter): Promise<AuditPage> {
    let query = this.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId);
    if (q.action) query = query.where('action', '=', q.action);
    if (q.actorId) query = query.where('actor_id', '=', q.actorId);
    if (q.targetType) query = query.where('target_type', '=', q.targetType);
    if (q.from) query = query.where('created_at', '>=', new Date(q.from));
    if (q.to) query = query.where('created_at', '<', new Date(q.to));
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      query = query.where(sql<boolean>`(created_at, id) < (${c.at}, ${c.id}::uuid)`);
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit + 1)
      .execute();
    const page = rows.slice(0, q.limit);
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
        rows.length > q.limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
    };
  }
}
