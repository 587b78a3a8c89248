import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real Chromium against the real API and telnyx-sim on a shared machine: generous, no sleeps.
    testTimeout: 180_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
