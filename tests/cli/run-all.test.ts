import { describe, expect, it } from 'vitest';
import { closingLine, playwrightCounts, vitestCounts } from '../run-all.ts';

describe('closingLine', () => {
  it('prints passed and failed, and skipped only when there are any', () => {
    expect(closingLine({ passed: 123, failed: 0, skipped: 0 }, false)).toBe('123 passed, 0 failed');
    expect(closingLine({ passed: 5, failed: 1, skipped: 2 }, false)).toBe(
      '5 passed, 1 failed, 2 skipped',
    );
  });

  it('counts skipped tests as failed under CI', () => {
    expect(closingLine({ passed: 5, failed: 1, skipped: 2 }, true)).toBe('5 passed, 3 failed');
  });
});

describe('vitestCounts', () => {
  it('reads the JSON reporter, counting todo as skipped and a file that did not load as failed', () => {
    expect(
      vitestCounts({
        numPassedTests: 10,
        numFailedTests: 2,
        numPendingTests: 1,
        numTodoTests: 1,
        testResults: [
          { status: 'failed', assertionResults: [{ status: 'failed' }] },
          { status: 'failed', assertionResults: [] },
          { status: 'passed', assertionResults: [{ status: 'passed' }] },
        ],
      }),
    ).toEqual({ passed: 10, failed: 3, skipped: 2 });
  });
});

describe('playwrightCounts', () => {
  it('counts flaky as passed and errors outside tests as failed', () => {
    expect(
      playwrightCounts({
        stats: { expected: 4, unexpected: 1, flaky: 1, skipped: 2 },
        errors: [{ message: 'webServer exited early' }],
      }),
    ).toEqual({ passed: 5, failed: 2, skipped: 2 });
  });
});
