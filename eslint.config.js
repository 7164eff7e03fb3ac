import tseslint from 'typescript-eslint';

/**
 * One direction of dependencies between the workspaces (issue #17): platform at the bottom imports
 * none; signaling, sfu and ai-worker import platform only, never the API nor each other's insides;
 * the API is the composition root and may import them all. platform/src/workspaces.test.ts also
 * fails on any cycle (dynamic imports included) and on an import a package.json does not declare.
 */
const workspaceImports = (dir, forbidden, why) => ({
  files: [`${dir}/**`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((ws) => ({
          group: [`@telehealth/${ws}`, `@telehealth/${ws}/*`],
          message: `${dir}/ must not import @telehealth/${ws}: ${why}`,
        })),
      },
    ],
  },
});
const LEAVES = 'it depends on platform only; the API (the composition root) wires the workspaces together';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'data/**',
      'web/build/**',
      'web/build-*/**',
      'web/.svelte-kit/**',
      '**/*.svelte',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  { files: ['**/cli/**', 'bench/**', 'scripts/**', '**/*.test.ts'], rules: { 'no-console': 'off' } },
  // Tests read arbitrary JSON replies; typing every body would add noise, not safety. The
  // authorization matrix's rows (authz.ts, authz/) are test material too.
  {
    files: ['**/*.test.ts', '**/testing/**', '**/e2e/**', '**/authz.ts', '**/authz/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  workspaceImports(
    'platform',
    ['api', 'signaling', 'sfu', 'ai-worker', 'web', 'bench'],
    'platform is what every workspace builds on',
  ),
  workspaceImports('signaling', ['api', 'sfu', 'ai-worker', 'web', 'bench'], LEAVES),
  workspaceImports('sfu', ['api', 'signaling', 'ai-worker', 'web', 'bench'], LEAVES),
  workspaceImports('ai-worker', ['api', 'signaling', 'sfu', 'web', 'bench'], LEAVES),
  workspaceImports(
    'api',
    ['web', 'bench'],
    'the browser app and the benchmarks build on the API, not the reverse',
  ),
);
