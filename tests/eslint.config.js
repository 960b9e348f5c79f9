// ESLint 9+ flat config cannot live in package.json; it lives here and is passed with -c.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** What no file of src/lib imports (DESIGN.md §2). */
const SRC_LIB_PATTERNS = [
  { group: ['svelte', 'svelte/*', '*.svelte'], message: 'src/lib never imports Svelte.' },
  {
    group: ['**/ui/**', '**/mocks/**'],
    message: 'src/lib never imports src/ui or mocks.',
  },
  { group: ['msw', 'msw/*'], message: 'src/lib never imports msw.' },
];

export default ts.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      // Mutation reports and Stryker's sandbox (npm run mutation).
      '.cache/',
      'public/mockServiceWorker.js',
      // Golden snippet files: generated code in other languages' conventions, checked by diff.
      'tests/fixtures/snippets/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        // Test-only components (tests/ui/*.svelte) are imported by tests, not by the app.
        projectService: { allowDefaultProject: ['ui/*.svelte'] },
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
      },
    },
  },
  {
    // src/lib is framework-free TypeScript (DESIGN.md §2).
    files: ['src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: SRC_LIB_PATTERNS,
        },
      ],
    },
  },
  {
    // Building a request needs no parser (issue #20); tests/architecture.test.ts also checks
    // that nothing src/lib/redcap imports reaches one.
    files: ['src/lib/redcap/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...SRC_LIB_PATTERNS,
            {
              group: [
                '**/csv/**',
                '**/xml/**',
                '**/json/**',
                '**/methods/validate.ts',
                '**/methods/check-data.ts',
              ],
              message:
                'src/lib/redcap never imports the CSV, XML or JSON parsers (or validate.ts, which does).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['mocks/**/*.ts', 'src/server/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ui/**', '*.svelte'],
              message: 'Node code and mocks never import src/ui.',
            },
          ],
        },
      ],
    },
  },
);
