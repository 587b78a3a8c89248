import { sql, type Kysely } from 'kysely';

/**
 * Fixed-window rate-limit counters, shared by every instance on the database (services/rate-limits.ts).
 * Unlogged on PostgreSQL would be faster, but PGlite and a crash-safe count are simpler to reason about.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table rate_limits (
    key text primary key,
    window_started_at timestamptz not null,
    hits integer not null
  )`.execute(db);
  await sql`create index rate_limits_window_idx on rate_limits (window_started_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table rate_limits`.execute(db);
}
