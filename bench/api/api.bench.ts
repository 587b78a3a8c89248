/**
 * The API at scale: history queries and call-log ingest through HTTP, each beside raw SQL doing the
 * same work in the same run, on PostgreSQL (1 M rows) and on PGlite (a smaller load: one WASM
 * connection in this process). PostgreSQL comes from DATABASE_URL (`npm run bench` starts one).
 */
import type { Benchmark, Outcome } from '../lib/report.js';
import { runScenario } from './scenario.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const apiBenchmark: Benchmark = {
  name: 'api',
  describe:
    'History pages and 30-day stats through the real API over HTTP at concurrency 1 and 10, and ingest of finished calls at concurrency 50, each beside raw SQL on the same database in the same run; the plan of the statement the API builds for each asserted to use its index; two API instances behind a round-robin beside one.',
  async run(): Promise<Outcome> {
    const url = process.env.DATABASE_URL;
    if (!url)
      return {
        rows: [],
        notes: [],
        failures: [
          'DATABASE_URL is not set: run through `npm run bench` (scripts/with-postgres.sh)',
        ],
      };
    const pg = await runScenario({
      label: 'PostgreSQL',
      url,
      orgs: 10,
      perOrg: env('BENCH_API_PG_PER_ORG', 100_000),
      agentsPerOrg: 10,
      requests: { c1: 200, c10: 400 },
      ingest: { total: 3_000, concurrency: 50 },
      targets: true,
      scaling: { pages: 400, pageConcurrency: 20, ingest: 600, ingestConcurrency: 50 },
    });
    const lite = await runScenario({
      label: 'PGlite',
      orgs: 10,
      perOrg: env('BENCH_API_PGLITE_PER_ORG', 10_000),
      agentsPerOrg: 5,
      requests: { c1: 100, c10: 200 },
      ingest: { total: 1_000, concurrency: 50 },
      targets: false,
    });
    return {
      rows: [...pg.rows, ...lite.rows],
      notes: [
        ...pg.notes,
        ...lite.notes,
        'The API and the load generator share one Node process (and the raw baseline its event loop); the machine is shared, so compare each row with its baseline.',
        'Load comes from 250 loopback source addresses: the global rate limit (1,200 requests a minute) is per client address.',
      ],
      failures: [...pg.failures, ...lite.failures],
    };
  },
};
