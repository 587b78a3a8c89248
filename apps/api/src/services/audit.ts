import type { Db } from '../db/database.js';
import type { Principal } from './access-tokens.js';

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
