import { CompiledQuery, type Kysely } from 'kysely';
import pg from 'pg';

/** Raw SQL for baselines and set-up: a pg pool on PostgreSQL, the app's own handle on PGlite. */
export interface SqlRunner {
  query<R = Record<string, unknown>>(text: string, params: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export function pgRunner(url: string, max: number): SqlRunner {
  const pool = new pg.Pool({ connectionString: url, max });
  return {
    async query<R>(text: string, params: unknown[]) {
      const res = await pool.query(text, params);
      return res.rows as R[];
    },
    close: () => pool.end(),
  };
}

/** PGlite is one connection inside this process, so its baseline goes through the same handle. */
export function kyselyRunner(db: Kysely<unknown>): SqlRunner {
  return {
    async query<R>(text: string, params: unknown[]) {
      const res = await db.executeQuery<R>(CompiledQuery.raw(text, params));
      return res.rows;
    },
    close: () => Promise.resolve(),
  };
}
