import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import type { Machine } from './machine.js';

/** One line of a benchmark's table: the project beside its baseline, measured in the same run. */
export interface Row {
  metric: string;
  unit: string;
  project: number;
  baseline: number | null;
  /** A human statement of the target, e.g. "p95 ≤ 20 ms"; absent when there is none. */
  target?: string;
  /** Whether the target was met; absent when there is none. */
  pass?: boolean;
}

export interface Outcome {
  rows: Row[];
  notes: string[];
  /** Hard failures (errors, a forbidden plan): the run exits non-zero. */
  failures: string[];
  /** Anything else worth keeping in the JSON (raw summaries, parameters). */
  details?: unknown;
}

export interface Benchmark {
  name: string;
  describe: string;
  run(): Promise<Outcome>;
}

export const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));

/** Written through Prettier, so generated files pass the repository's format check. */
async function writePretty(path: string, text: string, parser: 'json' | 'markdown'): Promise<void> {
  writeFileSync(path, await format(text, { parser, filepath: path }));
}

/** Writes `<dir>/results/<name>.json` and the benchmark's section of `<dir>/README.md`. */
export async function writeResult(
  b: Benchmark,
  out: Outcome,
  meta: { machine: Machine; date: string; command: string; durationS: number },
  dir = BENCH_DIR,
): Promise<void> {
  const results = join(dir, 'results');
  mkdirSync(results, { recursive: true });
  const body = { name: b.name, describe: b.describe, ...meta, ...out };
  await writePretty(join(results, `${b.name}.json`), JSON.stringify(body), 'json');
  await updateReadme(b, out, meta, join(dir, 'README.md'));
}

/** A figure never reached (NaN) shows as a dash, like a missing baseline. */
const fmt = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : String(v));

/** The Markdown table of a run: ratio to the baseline, target and whether it was met. */
export function table(out: Outcome): string {
  const lines = [
    '| Metric | Project | Baseline | Ratio | Target | Met |',
    '| --- | ---: | ---: | ---: | --- | :---: |',
  ];
  for (const r of out.rows) {
    const ratio =
      r.baseline && Number.isFinite(r.project)
        ? (Math.round((r.project / r.baseline) * 100) / 100).toString()
        : '—';
    const met = r.pass === undefined ? '' : r.pass ? 'yes' : '**no**';
    lines.push(
      `| ${r.metric} (${r.unit}) | ${fmt(r.project)} | ${fmt(r.baseline)} | ${ratio} | ${r.target ?? ''} | ${met} |`,
    );
  }
  return lines.join('\n');
}

/** Replaces the text between this benchmark's markers in the README (appends them if new). */
async function updateReadme(
  b: Benchmark,
  out: Outcome,
  meta: { machine: Machine; date: string; command: string; durationS: number },
  path: string,
): Promise<void> {
  const start = `<!-- bench:${b.name}:start -->`;
  const end = `<!-- bench:${b.name}:end -->`;
  const m = meta.machine;
  const section = [
    start,
    `### ${b.name}`,
    '',
    b.describe,
    '',
    `\`${meta.command}\` on ${meta.date} (${meta.durationS} s) — ${m.cpuModel}, ${m.cores} cores, ` +
      `${m.memoryGiB} GiB, load average ${m.loadAverage.join(' / ')}; Node ${m.node}` +
      `${m.postgres ? `; ${m.postgres}` : ''}${m.chromium ? `; ${m.chromium}` : ''}.`,
    '',
    table(out),
    '',
    ...out.notes.map((n) => `- ${n}`),
    ...out.failures.map((f) => `- **FAILED:** ${f}`),
    end,
  ].join('\n');
  let text = readFileSync(path, 'utf8');
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  text =
    i >= 0 && j > i
      ? text.slice(0, i) + section + text.slice(j + end.length)
      : `${text.trimEnd()}\n\n${section}\n`;
  await writePretty(path, text, 'markdown');
}
