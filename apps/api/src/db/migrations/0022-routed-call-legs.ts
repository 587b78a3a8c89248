import { sql, type Kysely } from 'kysely';

/**
 * Every agent leg the router dials, so the agent's own report of that leg (the desktop's call-log
 * upsert, which knows the leg's call control id) folds into the routed call's one call log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inbound_call_legs (
      call_control_id text primary key,
      inbound_call_id uuid not null references inbound_calls(id) on delete cascade,
      org_id uuid not null references orgs(id) on delete cascade,
      agent_id uuid not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table inbound_call_legs`.execute(db);
}
