import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { formatReport, INITIAL_JS_BUDGET, kib, sizeReport } from '../../src/cli/size.ts';

// The build the other specs run against (the web server builds it if missing or stale).
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

test('the initial JavaScript of the build stays within its gzip budget', async () => {
  const report = await sizeReport(dist);
  const initial = report.chunks
    .filter((c) => c.initial && c.file.endsWith('.js'))
    .map((c) => c.file);
  console.log(`initial JavaScript: ${kib(report.initialGzip)} gzip in ${initial.join(', ')}`);
  expect(initial.length).toBeGreaterThan(0);
  expect(report.withinBudget, formatReport(report)).toBe(true);
  expect(report.initialGzip).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
});
