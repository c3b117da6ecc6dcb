// ESLint for the whole repository (`npm run lint`, run by .ci/run before the tests).
// The aim is a lint that catches real mistakes, not a restyle: layout belongs to
// Prettier (.prettierrc.json). The rule set is ESLint's and typescript-eslint's
// `recommended` (syntax only: the type-aware set made the run too slow for CI on
// two cores), React's rules of hooks for ui/, and the import boundaries between
// the four workspaces.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** An import of another workspace: a relative path through its folder, or its package name (a RegExp source). */
const workspace = (name) => `(^|\\/)${name}\\/|^@tournee\\/${name}(\\/|$)`;

/**
 * The rules forbidding imports whose path matches `regex`: `import`/`export … from` (no-restricted-imports), and
 * `import()` and `typeof import()` types, which that rule does not see (no-restricted-syntax).
 */
const forbidImports = (regex, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ regex, message }] }],
  'no-restricted-syntax': [
    'error',
    { selector: `ImportExpression[source.value=/${regex}/]`, message },
    { selector: `TSImportType[argument.literal.value=/${regex}/]`, message },
  ],
});

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'server/src/generated/**', // Prisma's generated client
      'artifacts/**',
      'benchmarks/out/**',
      '**/data/**',
      '**/.tmp/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names are deliberately unused (callback positions, destructuring to leave a key out).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests read untyped JSON answers and build deliberately malformed input.
    files: ['**/test/**/*.{ts,tsx}', 'ui/e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },

  // ─── The browser: the board and the technician app ─────────────────────────
  {
    files: ['ui/src/**/*.{ts,tsx}', 'ui/test/**/*.{ts,tsx}', 'ui/bench/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['ui/public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.serviceworker } },
  },
  {
    files: ['ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },

  // ─── Import boundaries ─────────────────────────────────────────────────────
  {
    // The engine is a library of its own: pure, published alone, it knows nothing of the product around it.
    files: ['engine/**/*.{ts,js,mjs}'],
    rules: forbidImports(`${workspace('server')}|${workspace('ui')}`, 'The engine imports nothing of server/ or ui/.'),
  },
  {
    // The contracts are what both sides agree on: pure schemas and state machines, nothing of either side.
    files: ['contracts/**/*.{ts,js,mjs}'],
    rules: forbidImports(`${workspace('engine')}|${workspace('server')}|${workspace('ui')}`, 'contracts/ imports nothing of engine/, server/ or ui/.'),
  },
  {
    // The board speaks to the server through @tournee/contracts only (the types and pure modules both sides share).
    files: ['ui/**/*.{ts,tsx,js,mjs}'],
    rules: forbidImports(workspace('server'), 'ui/ imports the server only through @tournee/contracts.'),
  },
  {
    // Exempted from the ui → server rule (the only import that breaks it today):
    // - ui/e2e/support/server.ts starts a real server for the browser tests and copies the server tests'
    //   migrated PGlite template (server/test/support/pglite-template.ts): test set-up, not product code;
    files: ['ui/e2e/**'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
);
