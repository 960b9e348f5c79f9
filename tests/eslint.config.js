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
    // src/ui/state is the layer under the feature folders: rune classes over src/lib only.
    files: ['src/ui/state/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./)|/ui/(?!state/)',
              message: 'src/ui/state imports src/lib and itself, never a src/ui/<feature> folder.',
            },
          ],
        },
      ],
      // The same for a lazy import('…').
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/^\\.\\.\\/(?!\\.\\.\\/)|\\/ui\\/(?!state\\/)/]',
          message: 'src/ui/state imports src/lib and itself, never a src/ui/<feature> folder.',
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
  {
    // Routes read a request's parameters through the method's schema (issue #20): paramsOf(ctx,
    // '<method id>') in mocks/wire/params.ts, which accepts only names the method declares.
    files: [
      'mocks/routes/**/*.ts',
      'mocks/odm/**/*.ts',
      'mocks/store/**/*.ts',
      'mocks/wire/**/*.ts',
    ],
    ignores: ['mocks/wire/params.ts', 'mocks/wire/render.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name="fields"][object.name="ctx"]',
          message: "Read parameters with paramsOf(ctx, '<method id>') (mocks/wire/params.ts).",
        },
        {
          selector: 'CallExpression[callee.name="scalarField"]',
          message: "Read parameters with paramsOf(ctx, '<method id>') (mocks/wire/params.ts).",
        },
      ],
    },
  },
);
