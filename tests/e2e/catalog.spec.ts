import { expect, methodEntry, test } from './fixtures.ts';
import type { Page } from '@playwright/test';

async function pick(page: Page, query: string, label: string): Promise<void> {
  const search = page.getByRole('searchbox', { name: 'Search methods' });
  await search.fill(query);
  await methodEntry(page, label).click();
  await expect(page.getByRole('heading', { level: 2, name: label, exact: true })).toBeVisible();
}

function preview(page: Page) {
  return page.getByRole('region', { name: 'Request preview' }).locator('pre');
}

test('three methods from different groups: search, fill, preview, reload, and all restored', async ({
  page,
}) => {
  await page.goto('/');

  await pick(page, 'export records', 'Export Records');
  await page.getByLabel('records', { exact: true }).fill('3, 7');
  await page.getByLabel('filterLogic').fill(`[age] > 30 and [sex] = '1'`);
  await expect(preview(page)).toContainText('records[0]: 3');
  await expect(preview(page)).toContainText('records[1]: 7');
  await expect(preview(page)).toContainText(`filterLogic: [age] > 30 and [sex] = '1'`);

  await pick(page, 'dictionary', 'Export Metadata (Data Dictionary)');
  await page.getByLabel('forms', { exact: true }).fill('health');
  await page.getByLabel('format', { exact: true }).selectOption('csv');
  await expect(preview(page)).toContainText('content: metadata');
  await expect(preview(page)).toContainText('forms[0]: health');
  await expect(preview(page)).toContainText('format: csv');

  await pick(page, 'logging', 'Export Logging');
  await page.getByLabel('user', { exact: true }).fill('alice');
  await page.getByLabel('beginTime').fill('2024-01-01 00:00');
  await expect(preview(page)).toContainText('content: log');
  await expect(preview(page)).toContainText('user: alice');
  await expect(preview(page)).toContainText('beginTime: 2024-01-01 00:00');

  // Reload: the address holds the request.
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Export Logging' })).toBeVisible();
  await expect(page.getByLabel('user', { exact: true })).toHaveValue('alice');
  await expect(preview(page)).toContainText('beginTime: 2024-01-01 00:00');

  // Back moves between methods, each with what was typed.
  await page.goBack();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Export Metadata (Data Dictionary)' }),
  ).toBeVisible();
  await expect(page.getByLabel('forms', { exact: true })).toHaveValue('health');
  await expect(page.getByLabel('format', { exact: true })).toHaveValue('csv');

  await page.goBack();
  await expect(page.getByRole('heading', { level: 2, name: 'Export Records' })).toBeVisible();
  await expect(page.getByLabel('records', { exact: true })).toHaveValue('3, 7');
  await expect(page.getByLabel('filterLogic')).toHaveValue(`[age] > 30 and [sex] = '1'`);

  await page.goForward();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Export Metadata (Data Dictionary)' }),
  ).toBeVisible();
});

test('the address never holds the token, and data only when asked', async ({ page }) => {
  await page.goto('/');
  await pick(page, 'import records', 'Import Records');
  await page.getByLabel(/^data/).fill('[{"record_id":"99","first_name":"Private"}]');
  await expect(preview(page)).toContainText('first_name');
  await expect.poll(() => page.url()).toContain('#/imp_records');
  expect(decodeURIComponent(page.url())).not.toContain('Private');
  expect(page.url()).not.toContain('3F2504E04F8911D39A0C0305E82C3301');
  await page.getByLabel(/Keep data in the page address/).check();
  await expect.poll(() => decodeURIComponent(page.url())).toContain('Private');
});

test('bad data says where it breaks, and nothing is sent', async ({ page, guard }) => {
  await page.goto('/');
  await pick(page, 'import records', 'Import Records');
  const data = page.getByLabel(/^data/);
  await data.fill('[{"record_id": "1",\n  "age": }]');
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(
    page
      .getByRole('form', { name: 'Parameters' })
      .getByText(/data is not valid JSON \(line 2, column 10\)/),
  ).toBeVisible();
  expect(guard.mockPosts()).toBe(0);
  await expect(data).toHaveValue('[{"record_id": "1",\n  "age": }]');
});
