// The bench code's own tests (statistics, result writing, the table, plan checks): fast, no
// database; `npm run bench` itself is not a test.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
  },
});
