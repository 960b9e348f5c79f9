// StrykerJS for `npm run mutation -- <folder or file>` (tests/mutation/run.ts sets the env).
// Not run by CI: see README "Mutation testing". Reports and the incremental file of each part
// go to .cache/mutation/ (ignored).
const part = process.env['MUTATION_PART'] ?? 'all';
const mutate = (process.env['MUTATION_MUTATE'] ?? '').split('\n').filter(Boolean);
const testFiles = (process.env['MUTATION_TESTS'] ?? '').split('\n').filter(Boolean);
const out = `.cache/mutation/${part}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vite.config.ts', related: testFiles.length === 0 },
  ...(testFiles.length > 0 ? { testFiles } : {}),
  mutate,
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants, code run while a module loads) are not measured:
  // the Vitest runner keeps modules loaded between mutants, so they would "survive" whatever
  // the tests say (seen: TOKEN_FIELD = "" survived 466 tests that check the token pair).
  ignoreStatic: true,
  incremental: true,
  incrementalFile: `${out}/incremental.json`,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: `${out}/report.html` },
  jsonReporter: { fileName: `${out}/report.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // Two cores shared with other work: one worker by default (MUTATION_CONCURRENCY to change).
  concurrency: Number(process.env['MUTATION_CONCURRENCY'] ?? 1),
  // A busy machine: a slow test is not an infinite loop.
  timeoutMS: 20000,
  timeoutFactor: 2,
  tempDirName: '.cache/stryker-tmp',
  cleanTempDir: true,
  ignorePatterns: ['dist', 'test-results', 'playwright-report', '.cache', '.ci'],
  thresholds: { high: 90, low: 85, break: null },
};
