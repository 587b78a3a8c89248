import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/index.js';
import { createDb, migrateToLatest, type Db } from '../src/db/database.js';
import { PGliteDialect } from '../src/db/pglite-dialect.js';
import type { Database } from '../src/db/schema.js';
import { bearer, build, signup } from './helpers.js';

/** Two instances starting at once against one fresh database: each migration runs exactly once. */
describe('migrations', () => {
  it('concurrent starts apply each migration once (advisory lock)', async () => {
    const url = process.env.DATABASE_URL;
    let dbs: Db[];
    let cleanup: () => Promise<void>;
    if (url) {
      // A fresh database on the same server, so the shared test database is not disturbed.
      const name = `croko_mig_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const fresh = new URL(url);
      fresh.pathname = `/${name}`;
      dbs = [
        createDb({ kind: 'postgres', url: fresh.toString() }),
        createDb({ kind: 'postgres', url: fresh.toString() }),
      ];
      cleanup = async () => {
        await Promise.all(dbs.map((d) => d.destroy()));
        await admin.query(`drop database ${name}`);
        await admin.end();
      };
    } else {
      // PGlite is one process; two migrators over one instance still race through the driver.
      const pglite = new PGlite();
      const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
      dbs = [db, db];
      cleanup = () => db.destroy();
    }
    try {
      const all = [
        '0001-init',
        '0002-org-dispositions',
        '0003-rate-limits',
        '0004-refresh-successor',
        '0010-telnyx-provisioning',
        '0011-inbound-routing',
        '0020-call-log-events',
        '0021-admin-indexes',
        '0022-routed-call-legs',
        '0030-invites',
        '0031-org-telnyx-state',
        '0040-call-lists',
        '0041-call-log-contact',
      ];
      const results = await Promise.all(dbs.map((d) => migrateToLatest(d)));
      expect(results.flat().sort()).toEqual(all);
      const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(dbs[0]!);
      expect(rows.rows.map((r) => r.name).sort()).toEqual(all);
      expect(await migrateToLatest(dbs[1]!)).toEqual([]);
    } finally {
      await cleanup();
    }
  });
});

describe('logging', () => {
  it('redacts tokens, passwords and API keys from the log', async () => {
    const lines: string[] = [];
    const app = await build({
      config: { logger: true, logLevel: 'trace' },
      logStream: { write: (line: string) => void lines.push(line) },
    });
    try {
      const s = await signup(app);
      app.log.info(
        {
          body: {
            password: 'hunter2-secret',
            telnyxApiKey: 'KEYleak',
            refreshToken: s.refreshToken,
          },
        },
        'probe',
      );
      await app.inject({
        method: 'PATCH',
        url: '/api/org/settings',
        headers: bearer(s.accessToken),
        payload: { telnyxApiKey: 'KEYsecret-never-logged' },
      });
      await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(s.accessToken) });
      const out = lines.join('');
      expect(out).toContain('probe');
      expect(out).toContain('[redacted]');
      for (const secret of [
        'hunter2-secret',
        'KEYleak',
        'KEYsecret-never-logged',
        s.refreshToken,
        s.accessToken,
      ]) {
        expect(out).not.toContain(secret);
      }
    } finally {
      await app.close();
    }
  });
});

describe('restart on a PGlite data directory', () => {
  it('keeps data, sessions and the encrypted Telnyx key readable across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'croko-restart-'));
    const config = {
      database: { kind: 'pglite' as const, dataDir },
      logger: false,
      argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    };
    try {
      const first = await buildApp({ env: {}, config });
      const s = await signup(first);
      await first.inject({
        method: 'PATCH',
        url: '/api/org/settings',
        headers: bearer(s.accessToken),
        payload: { telnyxApiKey: 'KEYsurvives-restart' },
      });
      await first.close();

      const second = await buildApp({ env: {}, config });
      try {
        const me = await second.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: bearer(s.accessToken),
        });
        expect(me.statusCode).toBe(200);
        expect(await second.services.orgSettings.apiKey(s.org.id)).toBe('KEYsurvives-restart');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
