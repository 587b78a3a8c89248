#!/usr/bin/env node
// `npm run mutation [-- <module>…]`: StrykerJS over each module, one at a time (mutation runs are
// CPU-heavy). A module names its workspace, the files to mutate and the folder of its own unit
// tests; add an entry here to cover another module. Scores land in reports/mutation/<module>.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** @type {Record<string, {workspace: string, testDir: string, mutate: string[], vitestConfig?: string}>} */
export const MODULES = {
  'call-model': {
    workspace: 'packages/shared',
    testDir: 'src/call',
    mutate: ['src/call/**/*.ts', '!src/call/**/*.test.ts', '!src/call/testing/**'],
  },
  'dial-input': {
    workspace: 'packages/shared',
    testDir: 'src/phone',
    mutate: [
      'src/phone/parse-dial-input.ts',
      'src/phone/format-dial-input.ts',
      'src/phone/characters.ts',
      'src/phone/short-numbers.ts',
      'src/phone/dial-input-messages.ts',
    ],
  },
  telephony: {
    workspace: 'apps/desktop',
    testDir: 'src/renderer/telephony',
    mutate: [
      'src/renderer/telephony/supervisor.ts',
      'src/renderer/telephony/backoff.ts',
      'src/renderer/telephony/heartbeat-policy.ts',
      'src/renderer/telephony/token-refresh.ts',
      'src/renderer/telephony/call-quality.ts',
      'src/renderer/telephony/dial-destination.ts',
      'src/renderer/telephony/ice-policy.ts',
      'src/renderer/telephony/timer-set.ts',
    ],
  },
};

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
  const report = join(reports, `${name}.json`);
  console.log(`\n=== mutation: ${name} (${m.workspace})`);
  const result = spawnSync(
    'npx',
    [
      'stryker',
      'run',
      join(root, 'stryker.config.mjs'),
      '--mutate',
      m.mutate.join(','),
      '--vitest.dir',
      m.testDir,
      '--jsonReporter.fileName',
      report,
      '--tempDirName',
      join(root, '.stryker-tmp', name),
    ],
    { cwd: join(root, m.workspace), stdio: 'inherit' },
  );
  if (result.status !== 0) {
    failed = true;
    scores.push([name, 'FAILED']);
    continue;
  }
  scores.push([name, `${score(report).toFixed(1)} %`]);
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
