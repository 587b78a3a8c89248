#!/usr/bin/env node
// `npm run mutation [-- <module>…] [--mutate <file>] [--incremental]`: StrykerJS over each module,
// one at a time (mutation runs are CPU-heavy). Modules are listed in mutation-modules.mjs;
// stryker.config.mjs reads the one named in CROKO_MUTATION_MODULE. `--mutate` narrows a run to
// one file of the module (while iterating on its tests); `--incremental` reuses the last run's
// results for unchanged code and tests. Scores land in reports/mutation/<module>.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES } from './mutation-modules.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const wanted = [];
const strykerArgs = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--mutate' && argv[i + 1]) strykerArgs.push('--mutate', argv[++i]);
  else if (arg === '--incremental') strykerArgs.push('--incremental');
  else if (arg.startsWith('--')) {
    console.error(`mutation: unknown option ${arg}; known: --mutate <file>, --incremental`);
    process.exit(2);
  } else wanted.push(arg);
}
const unknown = wanted.filter((name) => !(name in MODULES));
if (unknown.length > 0) {
  console.error(
    `mutation: unknown module ${unknown.join(', ')}; known: ${Object.keys(MODULES).join(', ')}`,
  );
  process.exit(2);
}
const names = wanted.length > 0 ? wanted : Object.keys(MODULES);
const reports = join(root, 'reports', 'mutation');
mkdirSync(reports, { recursive: true });

const scores = [];
let failed = false;
for (const name of names) {
  const m = MODULES[name];
  console.log(`\n=== mutation: ${name} (${m.workspace})`);
  const result = spawnSync(
    'npx',
    ['stryker', 'run', join(root, 'stryker.config.mjs'), ...strykerArgs],
    {
      cwd: join(root, m.workspace),
      stdio: 'inherit',
      env: { ...process.env, CROKO_MUTATION_MODULE: name },
    },
  );
  if (result.status !== 0) {
    failed = true;
    scores.push([name, 'FAILED']);
    continue;
  }
  scores.push([name, `${score(join(reports, `${name}.json`)).toFixed(1)} %`]);
}

console.log('\n=== mutation scores');
for (const [name, value] of scores) console.log(`  ${name.padEnd(12)} ${value}`);
process.exit(failed ? 1 : 0);

/** Mutation score over covered and uncovered mutants, as Stryker reports it; also per file. */
function score(file) {
  const { files } = JSON.parse(readFileSync(file, 'utf8'));
  let killed = 0;
  let valid = 0;
  for (const [path, f] of Object.entries(files)) {
    const [k, v] = tally(f.mutants);
    console.log(
      `  ${path.padEnd(48)} ${v === 0 ? '100.0' : ((k / v) * 100).toFixed(1)} % (${k}/${v})`,
    );
    killed += k;
    valid += v;
  }
  return valid === 0 ? 100 : (killed / valid) * 100;
}

/** Killed (or timed out) and valid mutants of one file. */
function tally(mutants) {
  let killed = 0;
  let valid = 0;
  for (const mutant of mutants) {
    if (['CompileError', 'RuntimeError', 'Ignored'].includes(mutant.status)) continue;
    valid += 1;
    if (mutant.status === 'Killed' || mutant.status === 'Timeout') killed += 1;
  }
  return [killed, valid];
}
