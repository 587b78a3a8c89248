import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { ApiError } from '../errors.js';

export interface WindowCount {
  count: number;
  /** Milliseconds until the window ends and the count starts over. */
  resetInMs: number;
}

export const tooMany = (resetInMs: number, what = 'attempts'): ApiError => {
  const retryAfter = Math.max(1, Math.ceil(resetInMs / 1000));
  return new ApiError(
    429,
    'rate_limited',
    `too many ${what}; try again in ${retryAfter} s`,
    { retryAfterSeconds: retryAfter },
    { 'retry-after': String(retryAfter) },
  );
};

/**
 * Fixed-window counters in the database, so every instance behind a load balancer counts the same
 * hits (`login:acct-ip:…`, `user:…`). One upsert per hit; the window restarts in the same statement,
 * so concurrent hits from several instances never lose a count.
 */
export class RateLimits {
  constructor(private readonly db: Db) {}

  /** Counts `by` hits (a batch from one instance's buffer; see plugins/external/request-counts.ts). */
  async hit(key: string, windowMs: number, by = 1): Promise<WindowCount> {
    const window = sql`make_interval(secs => ${windowMs / 1000})`;
    const row = await sql<{ hits: number; reset_in_ms: number }>`
      insert into rate_limits as r (key, window_started_at, hits) values (${key}, now(), ${by}::int)
      on conflict (key) do update set
        hits = case when r.window_started_at + ${window} <= now() then ${by}::int
          else r.hits + ${by}::int end,
        window_started_at = case when r.window_started_at + ${window} <= now()
          then now() else r.window_started_at end
      returning hits,
        (extract(epoch from (window_started_at + ${window} - now())) * 1000)::float8 as reset_in_ms`
      .execute(this.db)
      .then((r) => r.rows[0]);
    return { count: row?.hits ?? by, resetInMs: Math.max(0, row?.reset_in_ms ?? windowMs) };
  }

  /** The count in the current window, without counting. */
  async peek(key: string, windowMs: number): Promise<WindowCount> {
    const window = sql`make_interval(secs => ${windowMs / 1000})`;
    const row = await sql<{ hits: number; reset_in_ms: number }>`
      select hits,
        (extract(epoch from (window_started_at + ${window} - now())) * 1000)::float8 as reset_in_ms
      from rate_limits where key = ${key} and window_started_at + ${window} > now()`
      .execute(this.db)
      .then((r) => r.rows[0]);
    return row ? { count: row.hits, resetInMs: row.reset_in_ms } : { count: 0, resetInMs: 0 };
  }

  /** Counts one hit; a 429 with Retry-After once `key` is over `max` in its window. */
  async take(key: string, max: number, windowMs: number, what?: string): Promise<void> {
    const w = await this.hit(key, windowMs);
    if (w.count > max) throw tooMany(w.resetInMs, what);
  }

  /** A 429 if `key` has already reached `max` in its window; counts nothing. */
  async check(key: string, max: number, windowMs: number, what?: string): Promise<void> {
    const w = await this.peek(key, windowMs);
    if (w.count >= max) throw tooMany(w.resetInMs, what);
  }

  async clear(key: string): Promise<void> {
    await this.db.deleteFrom('rate_limits').where('key', '=', key).execute();
  }

  /** Counters whose window ended over an hour ago (the longest window is far shorter). */
  async prune(): Promise<number> {
    const res = await this.db
      .deleteFrom('rate_limits')
      .where('window_started_at', '<', sql<Date>`now() - interval '1 hour'`)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
