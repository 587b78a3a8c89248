import { sql, type Kysely } from 'kysely';

/**
 * Call lists (docs/call-lists.md). Contacts are claimed with a lease: an agent's claim is one
 * `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1)` over the partial indexes below,
 * one per queue (due retries by time, untouched contacts in import order). Calling hours are
 * `HH:MM` text, compared with the contact's local `HH:MM` (a string order equal to time order).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table call_lists (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      name text not null,
      default_region text not null check (default_region ~ '^[A-Z]{2}$'),
      no_answer_retry_hours double precision not null check (no_answer_retry_hours >= 0),
      busy_retry_hours double precision not null check (busy_retry_hours >= 0),
      max_attempts integer not null check (max_attempts >= 1),
      hours_start text not null check (hours_start ~ '^[0-2][0-9]:[0-5][0-9]$'),
      hours_end text not null check (hours_end ~ '^[0-2][0-9]:[0-5][0-9]$'),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index call_lists_org_idx on call_lists (org_id, name);

    create table call_list_assignments (
      org_id uuid not null references orgs(id) on delete cascade,
      list_id uuid not null references call_lists(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      primary key (list_id, user_id)
    );
    create index call_list_assignments_user_idx on call_list_assignments (user_id);

    create table contacts (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      list_id uuid not null references call_lists(id) on delete cascade,
      seq bigint generated always as identity,
      phone text not null,
      name text,
      company text,
      notes text,
      custom_fields jsonb not null default '{}',
      timezones text[] not null default '{}',
      state text not null default 'untouched'
        check (state in ('untouched', 'in_progress', 'reached', 'exhausted', 'removed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz,
      lease_owner uuid references users(id) on delete set null,
      lease_expires_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (list_id, phone)
    );
    create index contacts_untouched_idx on contacts (list_id, seq) where state = 'untouched';
    create index contacts_retry_idx on contacts (list_id, next_attempt_at)
      where state = 'in_progress';
    create index contacts_list_state_idx on contacts (list_id, state);
    create index contacts_org_phone_idx on contacts (org_id, phone);

    create table dnc (
      org_id uuid not null references orgs(id) on delete cascade,
      phone text not null,
      reason text,
      added_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (org_id, phone)
    );

    create table callbacks (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      contact_id uuid references contacts(id) on delete set null,
      phone text not null,
      owner_id uuid not null references users(id) on delete cascade,
      due_at timestamptz not null,
      status text not null default 'scheduled' check (status in ('scheduled', 'done', 'cancelled')),
      note text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index callbacks_owner_due_idx on callbacks (owner_id, due_at) where status = 'scheduled';
    create index callbacks_org_due_idx on callbacks (org_id, status, due_at);
    create index callbacks_contact_idx on callbacks (contact_id) where status = 'scheduled';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table callbacks;
    drop table dnc;
    drop table contacts;
    drop table call_list_assignments;
    drop table call_lists;
  `.execute(db);
}
