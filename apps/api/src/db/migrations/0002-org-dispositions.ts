import { sql, type Kysely } from 'kysely';

/** An org's own disposition list (null: the built-in list from the shared call model). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table org_settings add column dispositions text[]`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table org_settings drop column dispositions`.execute(db);
}
