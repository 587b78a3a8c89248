// StrykerJS (mutation testing): `npm run mutation [-- <module>…]`, not part of `npm test`.
// scripts/mutation.mjs runs one module at a time from its workspace with the options below, its
// own `mutate` globs and its own unit tests (vitest `dir`). CPU-heavy: concurrency 1.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'json'],
  thresholds: { high: 90, low: 85, break: null },
  ignoreStatic: true,
  cleanTempDir: 'always',
};
