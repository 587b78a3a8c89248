import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Machine } from './machine.js';
import { table, writeResult, type Benchmark, type Outcome } from './report.js';

const outcome: Outcome = {
  rows: [
    { metric: 'page p95', unit: 'ms', project: 12, baseline: 4, target: 'p95 ≤ 20 ms', pass: true },
    {
      metric: 'ingest',
      unit: 'calls/s',
      project: 300,
      baseline: 900,
      target: '≥ 50 %',
      pass: false,
    },
    { metric: 'bundle', unit: 'kB', project: 101, baseline: null },
    { metric: 'zero base', unit: 'ms', project: 1, baseline: 0 },
  ],
  notes: ['a note'],
  failures: ['a failure'],
};

describe('table', () => {
  it('shows the ratio to the baseline and whether each target was met', () => {
    const lines = table(outcome).split('\n');
    expect(lines[0]).toBe('| Metric | Project | Baseline | Ratio | Target | Met |');
    expect(lines[2]).toBe('| page p95 (ms) | 12 | 4 | 3 | p95 ≤ 20 ms | yes |');
    expect(lines[3]).toBe('| ingest (calls/s) | 300 | 900 | 0.33 | ≥ 50 % | **no** |');
    expect(lines[4]).toBe('| bundle (kB) | 101 | — | — |  |  |');
    expect(lines[5]).toBe('| zero base (ms) | 1 | 0 | — |  |  |');
  });
});

describe('writeResult', () => {
  let dir: string;
  const machine: Machine = {
    cpuModel: 'Test CPU',
    cores: 2,
    memoryGiB: 8,
    loadAverage: [1, 2, 3],
    node: 'v20',
    chromium: null,
    postgres: 'postgres 15',
    platform: 'linux',
  };
  const meta = {
    machine,
    date: '2026-12-01T00:00:00.000Z',
    command: 'npm run bench -- t',
    durationS: 1.5,
  };
  const bench = (name: string): Benchmark => ({
    name,
    describe: `The ${name} benchmark.`,
    run: () => Promise.resolve(outcome),
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
    writeFileSync(
      join(dir, 'README.md'),
      '# Benchmarks\n\n<!-- bench:a:start -->\nold a\n<!-- bench:a:end -->\n\nKept text.\n',
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the JSON and replaces only its own section of the README', async () => {
    await writeResult(bench('a'), outcome, meta, dir);
    const json = JSON.parse(readFileSync(join(dir, 'results', 'a.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({ name: 'a', command: 'npm run bench -- t', rows: outcome.rows });
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).not.toContain('old a');
    expect(readme).toContain('Kept text.');
    expect(readme).toContain('`npm run bench -- t` on 2026-12-01T00:00:00.000Z (1.5 s)');
    expect(readme).toContain('load average 1 / 2 / 3; Node v20; postgres 15.');
    expect(readme).toContain('- a note');
    expect(readme).toContain('- **FAILED:** a failure');
    expect(readme.match(/bench:a:start/g)).toHaveLength(1);
  });

  it("appends a new benchmark's section and leaves the others", async () => {
    await writeResult(bench('b'), outcome, meta, dir);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('old a');
    expect(readme.indexOf('<!-- bench:b:start -->')).toBeGreaterThan(readme.indexOf('Kept text.'));
    expect(readme).toContain('<!-- bench:b:end -->');
  });
});

describe('table, missing figures', () => {
  it('shows a dash for a missing baseline or a figure never reached, and no ratio', () => {
    const text = table({
      rows: [
        { metric: 'c', unit: 'ms', project: 4, baseline: null },
        { metric: 'd', unit: 'ms', project: NaN, baseline: 10, target: '≤ 3 ms', pass: false },
        { metric: 'e', unit: 'ms', project: 4, baseline: 0 },
      ],
      notes: [],
      failures: [],
    });
    const [, , c, d, e] = text.split('\n');
    expect(c).toBe('| c (ms) | 4 | — | — |  |  |');
    expect(d).toBe('| d (ms) | — | 10 | — | ≤ 3 ms | **no** |');
    expect(e).toBe('| e (ms) | 4 | 0 | — |  |  |');
  });
});
