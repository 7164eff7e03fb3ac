import { defineConfig } from 'vitest/config';

// End-to-end tests (one real server and one headless Chromium per file, run one file at a time)
// and the app's few pure unit tests colocated under src/ (the message catalogues).
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts', 'src/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
