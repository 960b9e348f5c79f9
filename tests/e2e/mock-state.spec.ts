import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, exportedIds, methodEntry, responseRegion, test } from './fixtures.ts';

// Keep the mock's data across reloads (IndexedDB, in the mock's Web Worker), and Save demo /
// Open demo, in Chromium against the built app.

async function importRecord(page: Page, id: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search methods' }).fill('Import Records');
  await methodEntry(page, 'Import Records').click();
  await page.getByLabel('format', { exact: true }).selectOption('json');
  await page.getByLabel(/^data/).fill(`[{"record_id":"${id}","first_name":"Kept"}]`);
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText('"count"');
}

/** The kept copy's text in IndexedDB ('' when none); only once the database exists. */
function keptText(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('redcap-api-playground-mock');
        open.onerror = () => resolve('');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('state')) {
            db.close();
            resolve('');
            return;
          }
          const get = db.transaction('state').objectStore('state').get('demo');
          get.onsuccess = () => {
            db.close();
            resolve(typeof get.result === 'string' ? get.result : '');
          };
          get.onerror = () => resolve('');
        };
      }),
  );
}

const keepBox = (page: Page) =>
  page.getByRole('checkbox', { name: 'Keep the mock’s data across reloads' });
const note = (page: Page) => page.getByTestId('kept-note');
/** The mock controls' notice line (what Save, Open and Reset did). */
const notice = (page: Page) => page.locator('.mock-notice');

test('a reload keeps the mock’s data only while “keep across reloads” is on', async ({ page }) => {
  await page.goto('/');
  await expect(keepBox(page)).toBeEnabled();
  // Off by default: an import is gone after a reload.
  await expect(keepBox(page)).not.toBeChecked();
  await expect(note(page)).toHaveCount(0);
  await importRecord(page, '901');
  await page.reload();
  await expect(keepBox(page)).toBeEnabled();
  expect(await exportedIds(page)).not.toContain('901');

  // On: the note shows, and an import survives a reload.
  await keepBox(page).check();
  await expect(note(page)).toHaveText('Kept in this browser: a reload keeps the mock’s data');
  await importRecord(page, '902');
  await expect.poll(() => keptText(page)).toContain('"902"');
  await page.reload();
  await expect(keepBox(page)).toBeChecked();
  await expect(note(page)).toBeVisible();
  expect(await exportedIds(page)).toContain('902');

  // Off again: the kept copy is deleted, and the next reload starts from the demo data.
  await keepBox(page).uncheck();
  await expect(note(page)).toHaveCount(0);
  await expect.poll(() => keptText(page)).toBe('');
  await page.reload();
  await expect(keepBox(page)).not.toBeChecked();
  expect(await exportedIds(page)).not.toContain('902');
});

test('Save demo downloads a file that Open demo loads back after a reset', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Save demo' })).toBeEnabled();
  await importRecord(page, '903');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save demo' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^redcap-mock-demo-\d{4}-\d{2}-\d{2}\.json$/);
  const path = await download.path();
  const file = JSON.parse(readFileSync(path, 'utf8')) as { format: string; version: number };
  expect([file.format, file.version]).toEqual(['redcap-api-playground/mock-state', 1]);

  await page.getByRole('button', { name: 'Reset demo data' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Demo data reset' })).toBeVisible();
  expect(await exportedIds(page)).not.toContain('903');

  await page.getByLabel('Demo file to open').setInputFiles(path);
  await expect(notice(page)).toContainText(/^Demo opened from /);
  expect(await exportedIds(page)).toContain('903');

  // A broken file is refused with why, and the data stays as it is.
  await page.getByLabel('Demo file to open').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"redcap-api-playground/mock-state","version":1,'),
  });
  await expect(notice(page)).toContainText(
    'broken.json was not opened: The demo file is not complete JSON',
  );
  expect(await exportedIds(page)).toContain('903');
});
