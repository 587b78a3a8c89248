// StrykerJS (mutation testing): `npm run mutation [-- <module>…]`, not part of `npm test`.
// scripts/mutation.mjs runs Stryker once per module from its workspace, naming the module in
// CROKO_MUTATION_MODULE; the module's globs and test folder come from scripts/mutation-modules.mjs.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES } from './scripts/mutation-modules.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const name = process.env.CROKO_MUTATION_MODULE ?? '';
const module = MODULES[name];
if (!module) {
  throw new Error(`Set CROKO_MUTATION_MODULE to one of: ${Object.keys(MODULES).join(', ')}`);
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // Only the module's own tests (its folder); perTest coverage picks the ones each mutant reaches.
  vitest: { configFile: join(root, 'vitest.mutation.config.mjs'), related: false },
  mutate: module.mutate,
  coverageAnalysis: 'perTest',
  // CPU-heavy: one test process at a time.
  concurrency: 1,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: join(root, 'reports', 'mutation', `${name}.json`) },
  // `npm run mutation -- <module> --incremental` reuses this module's last results.
  incrementalFile: join(root, 'reports', 'mutation', `${name}.incremental.json`),
  tempDirName: '.stryker-tmp',
  thresholds: { high: 90, low: 85, break: null },
  ignoreStatic: true,
  cleanTempDir: 'always',
};
