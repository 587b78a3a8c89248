import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the admin console. The dashboard aggregates a period of an org's calls; a covering
 * index lets PostgreSQL answer from the index alone (no heap visits), which keeps a year of a busy
 * org's calls fast. The audit log filters by action or actor, newest first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index call_logs_org_started_cover_idx on call_logs (org_id, started_at)
      include (status, agent_id, answered_at, duration_seconds);
    create index audit_log_org_action_idx on audit_log (org_id, action, created_at desc, id desc);
    create index audit_log_org_actor_idx on audit_log (org_id, actor_id, created_at desc, id desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index call_logs_org_started_cover_idx;
    drop index audit_log_org_action_idx;
    drop index audit_log_org_actor_idx;
  `.execute(db);
}
