import { ConfigError, loadConfig } from '../config.js';
import { createDb, migrateToLatest } from '../db/database.js';

/** `npm run migrate -w @crokodialer/api`: apply pending migrations and exit. */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = createDb(config.database);
  try {
    const applied = await migrateToLatest(db);
    console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date');
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
