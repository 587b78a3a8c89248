import { sql, type Kysely } from 'kysely';

/**
 * Invites: an admin invites a person by email; they set their own password through a single-use
 * link. The user row exists from the start (inactive, with no usable password) so the admin can
 * give it caller IDs and ring-group places; only the token's SHA-256 is stored, so a database
 * reader cannot accept an invite. One open invite per user: a new one replaces the old.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table invites (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      token_hash text not null unique,
      created_by uuid references users(id) on delete set null,
      expires_at timestamptz not null,
      accepted_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index invites_org_open_idx on invites (org_id, created_at desc)
      where accepted_at is null and revoked_at is null;
    create unique index invites_user_open_key on invites (user_id)
      where accepted_at is null and revoked_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table invites`.execute(db);
}
