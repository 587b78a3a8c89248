import { sql, type Kysely } from 'kysely';

/**
 * What the API provisions at Telnyx per org besides the credential connection: an outbound voice
 * profile (without one Telnyx refuses outbound calls) and a Call Control application (numbers
 * routed to agents belong to it), and the webhook URL they were last given, so a changed URL is
 * pushed to Telnyx. Credential revocations are durable: a deactivated agent's Telnyx credential is
 * deleted by a worker that retries until Telnyx confirms, with the API key that created it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table org_settings
      add column outbound_voice_profile_id text,
      add column call_control_app_id text,
      add column provisioned_webhook_url text;
    create index org_settings_app_idx on org_settings (call_control_app_id);

    create table credential_revocations (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      telnyx_credential_id text not null,
      sip_username text not null,
      api_key_enc text not null,
      state text not null check (state in ('pending', 'revoked', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    );
    create index credential_revocations_due_idx on credential_revocations (state, next_attempt_at);
    create index credential_revocations_user_idx on credential_revocations (org_id, user_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table credential_revocations;
    alter table org_settings
      drop column outbound_voice_profile_id,
      drop column call_control_app_id,
      drop column provisioned_webhook_url;
  `.execute(db);
}
