import { sql, type Kysely } from 'kysely';

/** A call log may be an attempt on a call-list contact: its history is its call logs. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table call_logs add column contact_id uuid references contacts(id) on delete set null;
    create index call_logs_contact_idx on call_logs (contact_id, started_at)
      where contact_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table call_logs drop column contact_id;`.execute(db);
}
