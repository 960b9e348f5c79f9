import { fileURLToPath } from 'node:url';
import { expect, methodEntry, responseRegion, test } from './fixtures.ts';

/**
 * "Load your project…" in the built app (issue #24): a data dictionary chosen with the file
 * picker becomes a mock project with fake records, chosen at once; its records export and show
 * in the Table view. A broken file shows its refusal and changes nothing.
 */

const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/dictionary/${name}`, import.meta.url));

test('a dictionary loaded by the file picker becomes a project whose fake records show in the Table', async ({
  page,
}) => {
  await page.goto('/');
  const chooser = page.getByRole('combobox', { name: 'Mock project' });
  await expect(chooser).toBeEnabled();
  await page.getByRole('button', { name: 'Load your project…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Load your project' });
  await expect(dialog).toBeVisible();

  await dialog
    .getByLabel('Choose a file, or drop it here')
    .setInputFiles(fixture('broken/short-row.csv'));
  await expect(dialog.getByRole('alert')).toHaveText(
    /short-row\.csv is refused:\s+Line 3, column 14: this line has 13 cells; the header has 18/,
  );

  await dialog
    .getByLabel('Choose a file, or drop it here')
    .setInputFiles(fixture('every-field-type.csv'));
  await expect(dialog.getByTestId('load-summary')).toHaveText(
    /every-field-type: 58 fields on 3 forms, no records/,
  );
  await dialog.getByRole('spinbutton', { name: 'Fake records to make' }).fill('40');
  await dialog.getByRole('textbox', { name: 'Seed' }).fill('e2e');
  await dialog.getByRole('button', { name: 'Load' }).click();
  await expect(dialog).toBeHidden();
  await expect(chooser.locator('option:checked')).toHaveText(
    'every-field-type · alice (full rights)',
  );
  await expect(page.getByRole('status').filter({ hasText: 'Loaded every-field-type' })).toHaveText(
    'Loaded every-field-type: 40 fake records (seed e2e)',
  );

  await page.getByRole('searchbox', { name: 'Search methods' }).fill('Export Records');
  await methodEntry(page, 'Export Records').click();
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  const response = responseRegion(page);
  await expect(response).toContainText(/HTTP\s*200\b/);
  await response.getByRole('tab', { name: 'Table' }).click();
  const grid = response.getByRole('grid', { name: 'Response as a table' });
  await expect(grid.getByRole('columnheader', { name: 'first_name' })).toBeVisible();
  await expect(response.getByRole('status').filter({ hasText: /\b40 rows/ })).toBeVisible();
  await expect(
    grid.getByRole('gridcell', { name: /^[a-z]+\.[a-z]+\d+@example\.org$/ }).first(),
  ).toBeVisible();
  await expect(
    grid.getByRole('gridcell', { name: /^(Ada|Ben|Cleo|Dan|Eva|Finn|Gus|Hana)$/ }).first(),
  ).toBeVisible();
});
