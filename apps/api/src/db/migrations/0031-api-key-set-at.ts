import { sql, type Kysely } from 'kysely';

/** When the org's Telnyx API key was last set: the console shows it in place of the write-only key. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table org_settings add column telnyx_api_key_set_at timestamptz;
    update org_settings set telnyx_api_key_set_at = updated_at where telnyx_api_key_enc is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table org_settings drop column telnyx_api_key_set_at`.execute(db);
}
