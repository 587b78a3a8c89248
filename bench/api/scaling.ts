import type { Row } from '../lib/report.js';
import { runLoad } from '../lib/stats.js';
import { LoadClient } from './http.js';
import { ingestHttp } from './ingest.js';
import { startInstance } from './instances.js';
import type { Tenant } from './seed.js';

const perSecond = (n: number, wallMs: number) => Math.round((n / wallMs) * 10_000) / 10;

/**
 * Throughput of two API instances (own processes) on one PostgreSQL behind a round-robin, beside
 * one of them alone: the agent's first page and ingest, the same requests in the same run.
 */
export async function measureScaling(
  url: string,
  jwtSecret: Uint8Array,
  tenants: Tenant[],
  o: { pages: number; pageConcurrency: number; ingest: number; ingestConcurrency: number },
): Promise<{ rows: Row[]; failures: string[] }> {
  const instances = await Promise.all([
    startInstance(url, jwtSecret),
    startInstance(url, jwtSecret),
  ]);
  const one = new LoadClient(instances[0].port);
  const two = new LoadClient(instances.map((i) => i.port));
  const agents = tenants.flatMap((t) => t.agents);
  const failures: string[] = [];
  const page = (client: LoadClient) => (i: number) =>
    client.expect(200, 'GET', '/api/call-logs?limit=50', agents[i % agents.length]!.accessToken);
  try {
    await runLoad(100, o.pageConcurrency, page(two)); // warm-up: JIT and pools of both
    const pages: number[] = [];
    for (const client of [one, two]) {
      const r = await runLoad(o.pages, o.pageConcurrency, page(client));
      if (r.errors > 0) failures.push(`scaling pages: ${r.errors} errors (${r.firstError})`);
      pages.push(perSecond(r.latencies.length, r.wallMs));
    }
    const ingest: number[] = [];
    for (const client of [one, two]) {
      const r = await ingestHttp(client, tenants, o.ingest, o.ingestConcurrency);
      if (r.errors > 0) failures.push(`scaling ingest: ${r.errors} errors (${r.firstError})`);
      ingest.push(r.perSecond);
    }
    return {
      rows: [
        {
          metric: `PostgreSQL agent's first page, c=${o.pageConcurrency}, two instances (baseline: one)`,
          unit: 'requests/s',
          project: pages[1]!,
          baseline: pages[0]!,
        },
        {
          metric: `PostgreSQL ingest, c=${o.ingestConcurrency}, two instances (baseline: one)`,
          unit: 'calls/s',
          project: ingest[1]!,
          baseline: ingest[0]!,
        },
      ],
      failures,
    };
  } finally {
    one.close();
    two.close();
    await Promise.all(instances.map((i) => i.stop()));
  }
}
