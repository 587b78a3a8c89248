import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql, type Migration } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { lockDataDir } from './data-dir-lock.js';
import * as m0001 from './migrations/0001-init.js';
import * as m0002 from './migrations/0002-org-dispositions.js';
import * as m0003 from './migrations/0003-rate-limits.js';
import * as m0004 from './migrations/0004-refresh-successor.js';
import * as m0010 from './migrations/0010-telnyx-provisioning.js';
import * as m0011 from './migrations/0011-inbound-routing.js';
import * as m0020 from './migrations/0020-call-log-events.js';
import * as m0021 from './migrations/0021-admin-indexes.js';
import * as m0022 from './migrations/0022-routed-call-legs.js';
import * as m0030 from './migrations/0030-invites.js';
import * as m0031 from './migrations/0031-org-telnyx-state.js';
import * as m0040 from './migrations/0040-call-lists.js';
import * as m0041 from './migrations/0041-call-log-contact.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/** Numbered migrations, applied in name order. Add new ones at the end; never edit an applied one. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-init': m0001,
  '0002-org-dispositions': m0002,
  '0003-rate-limits': m0003,
  '0004-refresh-successor': m0004,
  '0010-telnyx-provisioning': m0010,
  '0011-inbound-routing': m0011,
  '0020-call-log-events': m0020,
  '0021-admin-indexes': m0021,
  '0022-routed-call-legs': m0022,
  '0030-invites': m0030,
  '0031-org-telnyx-state': m0031,
  '0040-call-lists': m0040,
  '0041-call-log-contact': m0041,
};

export function createDb(database: Config['database']): Db {
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  // PGlite owns a subfolder: DATA_DIR also holds other files (dev secrets), and PGlite's initdb
  // wants a directory of its own.
  if (!database.dataDir) return new Kysely<Database>({ dialect: new PGliteDialect(new PGlite()) });
  const dir = join(database.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const release = lockDataDir(database.dataDir);
  try {
    return new Kysely<Database>({ dialect: new PGliteDialect(new PGlite(dir), release) });
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * Applies pending migrations. Kysely's Migrator holds a PostgreSQL advisory lock
 * (pg_advisory_xact_lock) for the run, so two instances starting at once apply each migration once.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function isDbReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** Empties every tenant table (tests only: each test starts from a clean database). */
export async function truncateAll(db: Db): Promise<void> {
  await sql`truncate orgs, users, refresh_tokens, org_settings, webrtc_credentials, phone_numbers,
    call_logs, webhook_events, audit_log, rate_limits, credential_revocations, ring_groups,
    inbound_calls, invites, inbound_call_legs, call_lists, call_list_assignments, contacts, dnc,
    callbacks cascade`.execute(db);
}
