import { sql, type Kysely } from 'kysely';

/**
 * Inbound routing: a number rings its agent, then the agents of its ring group in order, each for
 * the ring timeout, then falls back to a spoken message and hang-up. `inbound_calls` holds one routed
 * call's progress while Telnyx's webhooks drive it; the call log keeps the route it took.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ring_groups (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      name text not null,
      member_ids uuid[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index ring_groups_org_idx on ring_groups (org_id, name);

    -- A number's route: its agent (inbound_agent_id, from 0001) and/or a ring group tried after.
    alter table phone_numbers
      add column inbound_ring_group_id uuid references ring_groups(id) on delete set null,
      add column ring_timeout_secs integer not null default 20
        check (ring_timeout_secs between 5 and 120),
      add column fallback_message text;

    create table inbound_calls (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      call_control_id text not null unique,
      agent_call_control_id text,
      from_number text not null,
      to_number text not null,
      chain uuid[] not null,
      step integer not null default 0,
      state text not null check (state in ('routing', 'bridged', 'fallback', 'ended')),
      attempts jsonb not null default '[]',
      answered_by uuid,
      fallback_message text not null,
      ring_timeout_secs integer not null,
      started_at timestamptz not null default now(),
      answered_at timestamptz,
      ended_at timestamptz
    );
    create index inbound_calls_agent_leg_idx on inbound_calls (agent_call_control_id);

    alter table call_logs add column route text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table call_logs drop column route;
    drop table inbound_calls;
    alter table phone_numbers
      drop column inbound_ring_group_id,
      drop column ring_timeout_secs,
      drop column fallback_message;
    drop table ring_groups;
  `.execute(db);
}
