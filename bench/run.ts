/**
 * `npm run bench` runs every benchmark; `npm run bench -- <name>…` runs the named ones. Each writes
 * bench/results/<name>.json and its table in bench/README.md. Exits non-zero when a benchmark has a
 * hard failure (errors, a forbidden plan); a missed target is reported, not fatal.
 */
import { apiBenchmark } from './api/api.bench.js';
import { bundleBenchmark } from './bundle.bench.js';
import { fleetBenchmark } from './fleet.bench.js';
import { machine } from './lib/machine.js';
import { reconnectBenchmark } from './reconnect.bench.js';
import { soakBenchmark } from './soak.bench.js';
import { writeResult, type Benchmark } from './lib/report.js';
import { nowMs } from './lib/stats.js';

const ALL: Benchmark[] = [
  fleetBenchmark,
  apiBenchmark,
  bundleBenchmark,
  reconnectBenchmark,
  soakBenchmark,
];

async function main(): Promise<number> {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !ALL.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark(s): ${unknown.join(', ')}; known: ${ALL.map((b) => b.name).join(', ')}`,
    );
    return 2;
  }
  const chosen = names.length === 0 ? ALL : ALL.filter((b) => names.includes(b.name));
  let failed = 0;
  for (const b of chosen) {
    const m = machine();
    const date = new Date().toISOString();
    const command = `npm run bench -- ${b.name}`;
    console.log(`bench ${b.name}: ${b.describe}`);
    const t0 = nowMs();
    const out = await b.run();
    const durationS = Math.round((nowMs() - t0) / 100) / 10;
    await writeResult(b, out, { machine: m, date, command, durationS });
    for (const r of out.rows)
      console.log(
        `  ${r.metric}: ${r.project} ${r.unit} (baseline ${r.baseline ?? '—'})` +
          `${r.target ? ` target ${r.target}: ${r.pass ? 'met' : 'MISSED'}` : ''}`,
      );
    for (const f of out.failures) console.error(`  FAILED: ${f}`);
    if (out.failures.length > 0) failed++;
    console.log(`  ${durationS} s`);
  }
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
