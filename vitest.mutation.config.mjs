// Vitest for `npm run mutation`: only the unit tests of the module under test (its folder), run
// from the Stryker sandbox of its workspace.
import { defineConfig } from 'vitest/config';
import { MODULES } from './scripts/mutation-modules.mjs';

const module = MODULES[process.env.CROKO_MUTATION_MODULE ?? ''];
if (!module)
  throw new Error('CROKO_MUTATION_MODULE names no module of scripts/mutation-modules.mjs');

export default defineConfig({
  test: {
    root: process.cwd(),
    include: module.tests ?? [`${module.testDir}/**/*.test.ts`],
    testTimeout: 20_000,
  },
});
