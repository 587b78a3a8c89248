// The benchmarks' own unit tests (statistics, report rendering): pure, no browser or database.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
  },
});
