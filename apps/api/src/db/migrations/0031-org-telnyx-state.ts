import { sql, type Kysely } from 'kysely';

/**
 * What the console shows in place of write-only secrets and hidden Telnyx state: when the API key
 * was last set, and why the last provisioning at Telnyx failed (stable code and Telnyx's words),
 * cleared by the next success. And whether agents must pick a disposition after every call.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table org_settings
      add column telnyx_api_key_set_at timestamptz,
      add column provisioning_error_code text,
      add column provisioning_error text,
      add column require_disposition boolean not null default false;
    update org_settings set telnyx_api_key_set_at = updated_at where telnyx_api_key_enc is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table org_settings
      drop column telnyx_api_key_set_at,
      drop column provisioning_error_code,
      drop column provisioning_error,
      drop column require_disposition;
  `.execute(db);
}
