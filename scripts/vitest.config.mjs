// The repository scripts' own tests (scripts/*.test.mjs), run by the `scripts` tier of test.sh.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['*.test.mjs'],
  },
});
