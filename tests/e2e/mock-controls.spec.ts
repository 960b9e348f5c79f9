import { expect, exportedIds, methodEntry, responseRegion, test } from './fixtures.ts';

// The browser mock's store lives in a Web Worker for the tab: writes stay until "Reset demo data".

test('the chooser names the demo project and user; an import stays until Reset demo data', async ({
  page,
}) => {
  await page.goto('/');
  const chooser = page.getByRole('combobox', { name: 'Mock project' });
  await expect(chooser).toBeEnabled();
  await expect(chooser.locator('option:checked')).toHaveText(/Classic demo \(mock\).*alice/);
  const storeWorker = page.workers().find((w) => /\/assets\/worker-[\w-]+\.js$/.test(w.url()));
  expect(storeWorker, 'the mock’s store runs in a dedicated Web Worker').toBeTruthy();

  const seeded = await exportedIds(page);
  expect(seeded).not.toContain('900');

  await page.getByRole('searchbox', { name: 'Search methods' }).fill('Import Records');
  await methodEntry(page, 'Import Records').click();
  await page.getByLabel('format', { exact: true }).selectOption('json');
  await page.getByLabel(/^data/).fill('[{"record_id":"900","first_name":"Imported"}]');
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
  await expect(responseRegion(page)).toContainText('"count"');

  expect(await exportedIds(page)).toContain('900');

  await page.getByRole('button', { name: 'Reset demo data' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Demo data reset' })).toBeVisible();
  expect(await exportedIds(page)).toEqual(seeded);
});
