import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { buildApp } from '../../apps/api/src/index.js';
import type { Outcome, Row } from '../lib/report.js';
import { nowMs, runLoad, summarize } from '../lib/stats.js';
import { LoadClient } from './http.js';
import { ingestHttp, ingestRaw } from './ingest.js';
import { benchAppOptions } from './app-options.js';
import { checkPlan } from './plans.js';
import { compiledFor, deepCursors, historyQueries } from './queries.js';
import { measureScaling } from './scaling.js';
import { createTenants, loadCallLogs } from './seed.js';
import { kyselyRunner, pgRunner, type SqlRunner } from './sql-runner.js';

const progress = (line: string) => process.stderr.write(`  … ${line}\n`);

export interface ScenarioOptions {
  label: 'PostgreSQL' | 'PGlite';
  /** PostgreSQL URL; absent for PGlite (in memory). */
  url?: string;
  orgs: number;
  perOrg: number;
  agentsPerOrg: number;
  /** Requests per query at concurrency 1 and at 10. */
  requests: { c1: number; c10: number };
  ingest: { total: number; concurrency: number };
  /** Whether the targets apply (they are set for PostgreSQL at 1 M rows). */
  targets: boolean;
  /** Two API instances behind a round-robin beside one (PostgreSQL only: PGlite is one process). */
  scaling?: { pages: number; pageConcurrency: number; ingest: number; ingestConcurrency: number };
}

/** One backend: seed through the API and in bulk, then history, plans and ingest beside raw SQL. */
export async function runScenario(o: ScenarioOptions): Promise<Outcome> {
  const jwtSecret = randomBytes(32);
  const app = await buildApp(benchAppOptions(o.url, jwtSecret));
  const rows: Row[] = [];
  const notes: string[] = [];
  const failures: string[] = [];
  const db: SqlRunner = o.url
    ? pgRunner(o.url, 10)
    : kyselyRunner(app.services.db as unknown as Kysely<unknown>);
  let client: LoadClient | undefined;
  try {
    const t0 = nowMs();
    const tenants = await createTenants(app, o.orgs, o.agentsPerOrg);
    progress(`${o.label}: tenants in ${Math.round(nowMs() - t0)} ms`);
    await loadCallLogs(db, tenants, o.perOrg);
    progress(`${o.label}: call logs loaded at ${Math.round(nowMs() - t0)} ms`);
    const total = o.orgs * o.perOrg;
    notes.push(
      `${o.label}: ${total.toLocaleString('en')} call logs across ${o.orgs} orgs (${o.agentsPerOrg} agents each) loaded in ${Math.round((nowMs() - t0) / 1000)} s.`,
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    client = new LoadClient((app.server.address() as AddressInfo).port);
    const deepOffset = Math.min(5_000, Math.floor(o.perOrg / 2));
    const deep = await deepCursors(db, tenants, deepOffset);
    const queries = historyQueries(tenants, deep, deepOffset);

    // The plan of the statement the API itself runs for the request (its service's query builder).
    for (const q of queries) {
      const { sql, parameters } = compiledFor(app, q.http(tenants[0]!, 0));
      const plan = await checkPlan(db, sql, parameters, q.index);
      notes.push(`${o.label} plan, ${q.name}: ${plan.indexes.join(', ') || 'no index'}.`);
      if (plan.error) failures.push(`${o.label} ${q.name}: ${plan.error}`);
    }

    for (const q of queries) {
      for (const [c, n] of [
        [1, o.requests.c1],
        [10, o.requests.c10],
      ] as const) {
        const viaHttp = (i: number) => {
          const r = q.http(tenants[i % tenants.length]!, i);
          return client!.expect(200, 'GET', r.path, r.as.accessToken);
        };
        const viaSql = async (i: number) => {
          const r = q.sql(tenants[i % tenants.length]!, i);
          await db.query(r.text, r.params);
        };
        await runLoad(Math.min(20, n), c, viaHttp); // warm-up: JIT, pools, caches
        await runLoad(Math.min(20, n), c, viaSql);
        const api = await runLoad(n, c, viaHttp);
        const raw = await runLoad(n, c, viaSql);
        if (api.errors > 0)
          failures.push(`${o.label} ${q.name} c=${c}: ${api.errors} errors (${api.firstError})`);
        if (raw.errors > 0)
          failures.push(
            `${o.label} ${q.name} c=${c} raw: ${raw.errors} errors (${raw.firstError})`,
          );
        progress(`${o.label} ${q.name} c=${c}: done at ${Math.round(nowMs() - t0)} ms`);
        const a = summarize(api.latencies);
        const b = summarize(raw.latencies);
        rows.push({
          metric: `${o.label} ${q.name}, c=${c}, median`,
          unit: 'ms',
          project: a.median,
          baseline: b.median,
        });
        const p95: Row = {
          metric: `${o.label} ${q.name}, c=${c}, p95`,
          unit: 'ms',
          project: a.p95,
          baseline: b.p95,
        };
        if (o.targets) {
          p95.target = `p95 ≤ ${q.targetP95Ms} ms`;
          p95.pass = a.p95 <= q.targetP95Ms;
        }
        rows.push(p95);
      }
    }

    const { total: n, concurrency } = o.ingest;
    await ingestHttp(client, tenants, Math.min(50, n), concurrency); // warm-up
    const api = await ingestHttp(client, tenants, n, concurrency);
    const raw = await ingestRaw(db, tenants, n, concurrency);
    if (api.errors > 0)
      failures.push(`${o.label} ingest: ${api.errors} errors (${api.firstError})`);
    if (raw.errors > 0)
      failures.push(`${o.label} raw ingest: ${raw.errors} errors (${raw.firstError})`);
    const ingest: Row = {
      metric: `${o.label} ingest, ${n} finished calls at c=${concurrency}`,
      unit: 'calls/s',
      project: api.perSecond,
      baseline: raw.perSecond,
    };
    if (o.targets) {
      ingest.target = '≥ 50 % of raw';
      ingest.pass = api.perSecond >= raw.perSecond * 0.5;
    }
    rows.push(ingest);
    const al = summarize(api.latencies);
    const rl = summarize(raw.latencies);
    rows.push({
      metric: `${o.label} ingest latency, p95`,
      unit: 'ms',
      project: al.p95,
      baseline: rl.p95,
    });
    if (o.url && o.scaling) {
      const scaled = await measureScaling(o.url, jwtSecret, tenants, o.scaling);
      rows.push(...scaled.rows);
      failures.push(...scaled.failures);
      progress(`${o.label} two instances: done at ${Math.round(nowMs() - t0)} ms`);
    }
    return { rows, notes, failures };
  } finally {
    client?.close();
    await app.close();
    await db.close();
  }
}
