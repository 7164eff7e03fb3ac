import { defineConfig } from 'vitest/config';

// Only the bench tooling's pure parts have tests; the bench scripts themselves are run, not tested.
export default defineConfig({
  test: { include: ['*.test.ts'], pool: 'forks', testTimeout: 10_000 },
});
