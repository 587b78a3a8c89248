import { sql, type Kysely } from 'kysely';

/** The token a refresh token was rotated into, for the lost-response grace window (auth-service.ts). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table refresh_tokens add column replaced_by uuid`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table refresh_tokens drop column replaced_by`.execute(db);
}
