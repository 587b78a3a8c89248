import { sql, type Kysely } from 'kysely';

/**
 * The first schema. Tenant tables carry org_id and are indexed by it first, because every query is
 * scoped by the caller's org. Raw SQL keeps the DDL readable and identical on PGlite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table orgs (
      id uuid primary key,
      name text not null,
      created_at timestamptz not null default now()
    );
    create table users (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      email text not null,
      name text not null,
      role text not null check (role in ('admin', 'agent')),
      password_hash text not null,
      active boolean not null default true,
      caller_ids text[] not null default '{}',
      presence text not null default 'offline',
      last_seen_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    -- Sign-in is by email alone, so an email names one account across all orgs.
    create unique index users_email_key on users (lower(email));
    create index users_org_idx on users (org_id, created_at, id);

    create table refresh_tokens (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      family_id uuid not null,
      token_hash text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index refresh_tokens_family_idx on refresh_tokens (family_id);
    create index refresh_tokens_user_idx on refresh_tokens (user_id);

    create table org_settings (
      org_id uuid primary key references orgs(id) on delete cascade,
      telnyx_api_key_enc text,
      telnyx_public_key text,
      credential_connection_id text,
      webrtc_host text,
      updated_at timestamptz not null default now()
    );
    create index org_settings_connection_idx on org_settings (credential_connection_id);

    create table webrtc_credentials (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid not null unique references users(id) on delete cascade,
      telnyx_credential_id text not null,
      sip_username text not null,
      created_at timestamptz not null default now()
    );
    create index webrtc_credentials_org_idx on webrtc_credentials (org_id);

    create table phone_numbers (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      telnyx_id text not null,
      phone_number text not null,
      inbound_agent_id uuid references users(id) on delete set null,
      updated_at timestamptz not null default now(),
      unique (org_id, telnyx_id)
    );
    create index phone_numbers_org_idx on phone_numbers (org_id, phone_number);

    create table call_logs (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      agent_id uuid references users(id) on delete set null,
      direction text not null check (direction in ('inbound', 'outbound')),
      from_number text not null,
      to_number text not null,
      status text not null,
      disposition text,
      notes text,
      started_at timestamptz(3) not null,
      answered_at timestamptz,
      ended_at timestamptz,
      duration_seconds integer,
      telnyx_call_control_id text,
      telnyx_call_session_id text,
      telnyx_call_leg_id text,
      hangup_cause text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    -- Keyset pagination newest first (started_at desc, id desc), for the org and per agent.
    create index call_logs_org_started_idx on call_logs (org_id, started_at desc, id desc);
    create index call_logs_agent_started_idx on call_logs (org_id, agent_id, started_at desc, id desc);
    create index call_logs_org_status_idx on call_logs (org_id, status, started_at desc);
    create index call_logs_org_to_idx on call_logs (org_id, to_number text_pattern_ops);
    create index call_logs_org_from_idx on call_logs (org_id, from_number text_pattern_ops);
    create index call_logs_call_control_idx on call_logs (telnyx_call_control_id);

    create table webhook_events (
      event_id text primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      event_type text not null,
      received_at timestamptz not null default now()
    );

    create table audit_log (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references orgs(id) on delete cascade,
      actor_id uuid references users(id) on delete set null,
      action text not null,
      target_type text not null,
      target_id text,
      details jsonb not null default '{}',
      -- Millisecond precision: the keyset cursor carries a JS Date, which has no microseconds.
      created_at timestamptz(3) not null default now()
    );
    create index audit_log_org_idx on audit_log (org_id, created_at desc, id desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table audit_log; drop table webhook_events; drop table call_logs; drop table phone_numbers;
    drop table webrtc_credentials; drop table org_settings; drop table refresh_tokens; drop table users;
    drop table orgs;
  `.execute(db);
}
