#!/usr/bin/env node
// `npm run mutation [-- <module>…]`: StrykerJS over each module, one at a time (mutation runs are
// CPU-heavy). Modules are listed in mutation-modules.mjs; stryker.config.mjs reads the one named
// in CROKO_MUTATION_MODULE. Scores land in reports/mutation/<module>.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES } from './mutation-modules.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const wanted = process.argv.slice(2);
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
  const result = spawnSync('npx', ['stryker', 'run', join(root, 'stryker.config.mjs')], {
    cwd: join(root, m.workspace),
    stdio: 'inherit',
    env: { ...process.env, CROKO_MUTATION_MODULE: name },
  });
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

/** Mutation score over covered and uncovered mutants, as Stryker reports it. */
function score(file) {
  const { files } = JSON.parse(readFileSync(file, 'utf8'));
  let killed = 0;
  let valid = 0;
  for (const f of Object.values(files)) {
    for (const mutant of f.mutants) {
      if (
        mutant.status === 'CompileError' ||
        mutant.status === 'RuntimeError' ||
        mutant.status === 'Ignored'
      )
        continue;
      valid += 1;
      if (mutant.status === 'Killed' || mutant.status === 'Timeout') killed += 1;
    }
  }
  return valid === 0 ? 100 : (killed / valid) * 100;
}
