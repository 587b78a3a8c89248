import { sql, type Kysely } from 'kysely';

/** Whether an org's agents must pick a disposition before leaving a call's wrap-up (off by default). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table org_settings add column require_disposition boolean not null default false`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table org_settings drop column require_disposition`.execute(db);
}
