import type { Page } from '@playwright/test';
import { expect, methodEntry, responseRegion, test } from './fixtures.ts';
import { STANDIN_API_URL } from './standin.ts';

// A 100,000-record export (≈ 120 MB of JSON) in mock mode and in live mode through the
// forwarder: it reaches the table while the page stays usable, and Cancel really stops it.
// Timings are `npm run bench`'s job, not asserted here (2 shared cores are noisy).

const LARGE_100K_TOKEN = 'A11CE000000000000000000000100000';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

async function chooseMockProject(page: Page, text: string): Promise<void> {
  const chooser = page.getByRole('combobox', { name: 'Mock project' });
  await expect(chooser).toBeEnabled();
  const option = chooser.locator('option').filter({ hasText: text }).first();
  await chooser.selectOption({ label: ((await option.textContent()) ?? '').trim() });
}

async function connectLive(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'Live' }).check();
  await page.getByRole('textbox', { name: 'API URL' }).fill(STANDIN_API_URL);
  await page.getByLabel('Token', { exact: true }).fill(LARGE_100K_TOKEN);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByLabel('Connected project')).toContainText('100,000', {
    timeout: 120_000,
  });
}

async function openExportRecords(page: Page): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search methods' }).fill('Export Records');
  await methodEntry(page, 'Export Records').click();
  await page.getByLabel('format', { exact: true }).selectOption('json');
}

const progress = (page: Page) => page.getByTestId('execute-progress');
const execute = (page: Page) => page.getByRole('button', { name: 'Execute', exact: true });

/** Runs the export and checks, while it loads, that the method search still answers. */
async function exportAllAndStayUsable(page: Page): Promise<void> {
  await execute(page).click();
  await expect(progress(page)).toContainText(/received/, { timeout: 120_000 });
  // The page answers while the body streams in: the method list filters as we type.
  const search = page.getByRole('searchbox', { name: 'Search methods' });
  await search.fill('Export Arms');
  await expect(methodEntry(page, 'Export Arms')).toBeVisible();
  await expect(methodEntry(page, 'Export Records')).toBeHidden();
  await search.fill('');
  await expect(responseRegion(page)).toContainText(/100,000\s+rows/, { timeout: 180_000 });
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
  await expect(execute(page)).toBeEnabled();
}

async function cancelMidway(page: Page): Promise<void> {
  await execute(page).click();
  await expect(progress(page)).toContainText(/received/, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(responseRegion(page)).toContainText('Cancelled');
  await expect(execute(page)).toBeEnabled();
  await expect(progress(page)).toBeHidden();
  // Nothing of the cancelled answer is left behind, and nothing arrives later.
  await page.waitForTimeout(1500);
  await expect(responseRegion(page)).not.toContainText(/rows ×/);
  await expect(responseRegion(page)).toContainText('Cancelled');
}

test('mock: a 100,000-record export reaches the table while the page stays usable', async ({
  page,
}) => {
  await page.goto('/');
  await chooseMockProject(page, '100,000');
  await openExportRecords(page);
  await exportAllAndStayUsable(page);
  await expect(progress(page)).toBeHidden();
});

test('a huge Export Records suggests batches of record ids, and a small one does not', async ({
  page,
}) => {
  await page.goto('/');
  await chooseMockProject(page, '100,000');
  await openExportRecords(page);
  const notice = page.getByRole('note', { name: 'Large export' });
  // Nothing is sent for the estimate until asked (a real server logs every export).
  await expect(notice).toBeHidden();
  await page.getByRole('button', { name: 'How big is this export?' }).click();
  await expect(notice).toContainText(/about\s+100,000\s+records × 55 columns/, {
    timeout: 120_000,
  });
  await expect(notice).toContainText(/\d+ calls of\s+[\d,]+ records each/);
  // The code snippet takes the suggested size for its batched loop.
  const size = /calls of\s+([\d,]+) records each/.exec((await notice.textContent()) ?? '')![1]!;
  const snippet = page.getByRole('region', { name: 'Code snippet' });
  await expect(snippet.getByLabel('Batch size')).toHaveValue(size.replaceAll(',', ''));
  await expect(snippet.locator('pre')).toContainText(size.replaceAll(',', ''));
  // Three named records are no large export.
  await page.getByLabel('records', { exact: true }).fill('1, 2, 3');
  await expect(notice).toBeHidden();
  await page.getByLabel('records', { exact: true }).fill('');
  await expect(notice).toBeVisible();
  // The demo project is small: one call is fine.
  await chooseMockProject(page, 'Classic demo');
  await page.getByRole('button', { name: 'How big is this export?' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'one call is fine' })).toContainText(
    /About 24 records\s+×/,
  );
  await expect(notice).toBeHidden();
});

test('mock: Cancel stops a 100,000-record export', async ({ page }) => {
  await page.goto('/');
  await chooseMockProject(page, '100,000');
  await openExportRecords(page);
  await cancelMidway(page);
});

test('live through the forwarder: a 100,000-record export reaches the table, and Cancel stops one', async ({
  page,
  guard,
}) => {
  await page.goto('/');
  await connectLive(page);
  await openExportRecords(page);
  await exportAllAndStayUsable(page);
  // After a huge answer, batches are suggested for next time, from its rows and columns.
  await expect(page.getByRole('note', { name: 'Large export' })).toContainText(
    /this answer had\s+100,000\s+rows × 55 columns/,
  );
  expect(guard.mockPosts(), 'live calls never reach the in-page mock').toBe(0);
  await cancelMidway(page);
});
