import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'data/**', 'web/build/**', 'web/.svelte-kit/**', '**/*.svelte'] },
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
);
