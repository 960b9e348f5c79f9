import { expect, methodEntry, responseRegion, test } from './fixtures.ts';

// The first hour (issue "The first hour"): a trainer's link opens on the same mock project and
// user, and an answer never stays beside a request it does not belong to.

test('a shared link to a longitudinal request opens on the same project and user in a fresh browser', async ({
  page,
  browser,
}) => {
  await page.goto('/');
  const chooser = page.getByRole('combobox', { name: 'Mock project' });
  await expect(chooser).toBeEnabled();
  await chooser.selectOption('longitudinal-demo/alice');
  await page.getByRole('searchbox', { name: 'Search methods' }).fill('Export Records');
  await methodEntry(page, 'Export Records').click();
  await page.getByLabel('format', { exact: true }).selectOption('json');
  await page.getByRole('combobox', { name: 'filterLogic' }).fill('[baseline_arm_1][age] > 30');
  await expect(page).toHaveURL(/_mock=longitudinal-demo%2Falice/);
  const link = page.url();
  expect(link).not.toMatch(/[0-9A-F]{32}/);

  // A fresh browser: nothing of the first one's state.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  const otherChooser = other.getByRole('combobox', { name: 'Mock project' });
  await expect(otherChooser).toBeEnabled();
  await expect(otherChooser).toHaveValue('longitudinal-demo/alice');
  await expect(otherChooser.locator('option:checked')).toHaveText(
    /^Longitudinal demo \(mock\) · alice\b/,
  );
  await other.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(other)).toContainText(/HTTP\s*200\b/);
  await expect(responseRegion(other)).not.toContainText('is not an event of this project');
  await fresh.close();
});

test('a broken filter after an answer: nothing is sent and the old answer is gone', async ({
  page,
}) => {
  await page.goto('/#/exp_records?format=json');
  await expect(page.getByRole('combobox', { name: 'Mock project' })).toBeEnabled();
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
  await page.getByRole('combobox', { name: 'filterLogic' }).fill('[age] > (');
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).not.toContainText(/HTTP\s*200\b/);
  await expect(responseRegion(page)).toContainText('Fill the form and press Execute');
});
