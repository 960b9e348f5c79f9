import { readCsv } from '../../src/lib/csv/csv.ts';
import { expect, methodEntry, rawResponse, responseRegion, test } from './fixtures.ts';
import type { Page } from '@playwright/test';

/** The row of one parameter: its input, its picker, its messages. */
const row = (page: Page, name: string) =>
  page.locator('.field', { has: page.locator(`#param-${name}`) });

async function useLongitudinalDemo(page: Page): Promise<void> {
  await page.goto('/');
  const chooser = page.getByRole('combobox', { name: 'Mock project' });
  await expect(chooser).toBeEnabled();
  await chooser.selectOption('longitudinal-demo/alice');
}

async function execute(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b|\b200 OK\b/);
  return rawResponse(page);
}

test.describe('forms that know the project', () => {
  test('choose an arm, events narrow, export: redcap_event_name is there and the columns match the preview', async ({
    page,
  }) => {
    await useLongitudinalDemo(page);
    await methodEntry(page, 'Export Records').click();
    await page.locator('#param-format').selectOption('csv');

    const events = row(page, 'events');
    await events.getByText('Choose from the project').click();
    await expect(events.getByRole('checkbox')).toHaveCount(7);
    await events.getByRole('combobox', { name: 'Arm', exact: true }).selectOption('2');
    await expect(events.getByRole('checkbox')).toHaveCount(3);
    await events.getByRole('checkbox', { name: /^baseline_arm_2/ }).check();
    await events.getByRole('checkbox', { name: /^final_arm_2/ }).check();
    await expect(page.locator('#param-events')).toHaveValue('baseline_arm_2, final_arm_2');

    const forms = row(page, 'forms');
    await forms.getByText('Choose from the project').click();
    await forms.getByRole('checkbox', { name: /^vitals/ }).check();
    // REDCap returns only what was asked for: without the record id there would be no record id
    // and no redcap_event_name column (mocks/README.md, "Where real servers differ").
    await page.locator('#param-fields').fill('record_id');

    await page.getByText('What will come back').click();
    const table = page.getByRole('table', { name: 'Columns' });
    await expect(table).toBeVisible();
    const preview = await table.locator('tbody tr td:first-child').allTextContents();
    expect(preview.slice(0, 2)).toEqual(['record_id', 'redcap_event_name']);
    expect(preview).toContain('symptoms___2');

    const csv = readCsv(await execute(page));
    expect(csv[0]).toEqual(preview);
    const eventColumn = csv.slice(1).map((r) => r[1]);
    expect(eventColumn.length).toBeGreaterThan(0);
    expect(new Set(eventColumn)).toEqual(new Set(['baseline_arm_2', 'final_arm_2']));
  });

  test('an import built from the template succeeds', async ({ page }) => {
    await useLongitudinalDemo(page);
    await methodEntry(page, 'Import Records').click();
    await page.locator('#param-format').selectOption('csv');
    await page.getByRole('button', { name: 'Insert template' }).click();
    const data = page.locator('#param-data');
    await expect(data).toHaveValue(/^record_id,redcap_event_name,/);
    await expect(page.getByText(/enroll_date YYYY-MM-DD/)).toBeVisible();
    const template = await data.inputValue();
    expect(template.split('\n')[1]).toMatch(/^13,baseline_arm_1,/);
    expect((await execute(page)).trim()).toBe('{"count": 1}');
  });
});
