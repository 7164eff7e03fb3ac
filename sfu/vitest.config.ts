import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // mediasoup workers are child processes with their own signal handling: isolate per process.
    pool: 'forks',
    // The machine has 2 shared cores; media tests in parallel only starve each other.
    maxWorkers: 2,
    testTimeout: 45_000,
    hookTimeout: 30_000,
    teardownTimeout: 15_000,
  },
});
