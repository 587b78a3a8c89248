import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Several instances on one database need a server database; PGlite is one process by design.
    exclude: process.env.DATABASE_URL ? [] : ['test/multi-instance.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // On real PostgreSQL every test file shares one database and truncates it in beforeEach, so
    // files run one at a time there; on PGlite each file has its own in-memory database.
    fileParallelism: !process.env.DATABASE_URL,
  },
});
