import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import { expect, methodEntry, responseRegion, test } from './fixtures.ts';
import { STANDIN_API_URL } from './standin.ts';

// The response viewer, history and sharing (issue #9) in the built app with its CSP.

async function pick(page: Page, label: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search methods' }).fill(label);
  await methodEntry(page, label).click();
}

async function execute(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
}

async function useProject(page: Page, label: RegExp): Promise<void> {
  const chooser = page.getByRole('combobox', { name: 'Mock project' });
  await expect(chooser).toBeEnabled();
  const value = await chooser
    .locator('option')
    .filter({ hasText: label })
    .first()
    .getAttribute('value');
  await chooser.selectOption(value!);
}

test.describe('response viewer', () => {
  test('Table view of a longitudinal export decodes events, choices and checkboxes with labels', async ({
    page,
  }) => {
    await page.goto('/');
    await useProject(page, /Longitudinal demo.*alice/);
    await pick(page, 'Export Records');
    await execute(page);
    const response = responseRegion(page);
    await response.getByRole('tab', { name: 'Table' }).click();
    const grid = response.getByRole('grid', { name: 'Response as a table' });
    await expect(grid).toBeVisible();
    await expect(grid.getByRole('columnheader', { name: 'redcap_event_name' })).toBeVisible();
    await expect(grid.getByRole('gridcell', { name: 'baseline_arm_1' }).first()).toBeVisible();
    await expect(response.getByRole('status').filter({ hasText: /\d+ rows/ })).toBeVisible();

    const labels = response.getByRole('checkbox', { name: 'Show labels' });
    await expect(labels).toBeEnabled();
    await labels.check();
    await expect(grid.getByRole('columnheader', { name: 'Event Name' })).toBeVisible();
    await expect(
      grid.getByRole('gridcell', { name: 'Baseline (Arm 1: Drug A)' }).first(),
    ).toBeVisible();
    await expect(
      grid.getByRole('gridcell', { name: /^(Control|Treatment)$/ }).first(),
    ).toBeVisible();
    await expect(
      grid.getByRole('gridcell', { name: /^(Checked|Unchecked)$/ }).first(),
    ).toBeVisible();
    await expect(grid.getByRole('gridcell', { name: 'baseline_arm_1' })).toHaveCount(0);

    // Sorted by event label, then filtered: the grid answers the keyboard and the filter box.
    await grid.getByRole('button', { name: /^Event Name/ }).click();
    await expect(grid.getByRole('columnheader', { name: /Event Name/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    await response.getByRole('searchbox', { name: 'Filter rows' }).fill('Drug B');
    await expect(response.getByText(/^\d+ of \d+ rows$/)).toBeVisible();
    await expect(grid.getByRole('gridcell', { name: /Arm 1/ })).toHaveCount(0);

    // Column summary: counts per choice, labelled from the dictionary.
    await response
      .getByRole('combobox', { name: 'Summarize column' })
      .selectOption({ label: 'Group' });
    const figure = response.locator('figure');
    await expect(figure).toContainText('Count per value');
    await expect(figure.locator('li')).toHaveText([/^Control: \d+$/, /^Treatment: \d+$/]);
  });

  test('Download names: a record export by its format, a file export by REDCap’s name', async ({
    page,
  }) => {
    await page.goto('/');
    await pick(page, 'Export Records');
    await page.getByLabel('format', { exact: true }).selectOption('csv');
    await execute(page);
    const response = responseRegion(page);
    let download = page.waitForEvent('download');
    await response.getByRole('button', { name: 'Download' }).click();
    expect((await download).suggestedFilename()).toBe('redcap-exp_records.csv');

    await pick(page, 'Export a File');
    await page.locator('#param-record').fill('1');
    await page.locator('#param-field').fill('consent_file');
    await execute(page);
    // The CSV above names the file too: wait for the file's own answer.
    await expect(response.getByText('consent-1.txt', { exact: true })).toBeVisible();
    download = page.waitForEvent('download');
    await response.getByRole('button', { name: 'Download' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('consent-1.txt');
    expect(readFileSync(await file.path(), 'utf8')).toContain('Consent signed by Ada Lovelace');

    // A PDF is recognised by its bytes and saved whole, as a .pdf.
    await pick(
      page,
      'Export PDF file of Data Collection Instruments (either as blank or with data)',
    );
    await execute(page);
    await expect(response).toContainText(/A PDF of/);
    await expect(response.getByRole('button', { name: 'Open PDF in a new tab' })).toBeVisible();
    download = page.waitForEvent('download');
    await response.getByRole('button', { name: 'Download' }).click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(
      readFileSync(await pdf.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
  });

  test('an oversize answer: notice, plain text start, every row in the Table, Download whole', async ({
    page,
  }) => {
    await page.goto('/');
    await useProject(page, /large-10k|10,000|10k/i);
    await pick(page, 'Export Records');
    await page.getByRole('button', { name: 'Execute', exact: true }).click();
    const response = responseRegion(page);
    await expect(response).toContainText(/HTTP\s*200\b/, { timeout: 60_000 });
    const notice = response.getByRole('note').filter({ hasText: /more than 2\.0 MiB/ });
    await expect(notice).toBeVisible();
    // Ten thousand rows arriving: the Table was chosen while they streamed in.
    await expect(response.getByRole('tab', { name: 'Table' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    // Pretty is a plain <pre> with the start of the body: no editor for megabytes.
    await response.getByRole('tab', { name: 'Pretty' }).click();
    await expect(response.locator('.monaco-editor')).toHaveCount(0);
    const shown = (await response.getByRole('tabpanel').locator('pre').textContent()) ?? '';
    expect(shown.length).toBeLessThanOrEqual(256 * 1024);

    await response.getByRole('tab', { name: 'Table' }).click();
    await expect(response.getByText('10,000 rows', { exact: true })).toBeVisible();
    // Virtualised: a few dozen rows in the DOM, not ten thousand.
    expect(await response.getByRole('row').count()).toBeLessThan(60);

    const download = page.waitForEvent('download');
    await response.getByRole('button', { name: 'Download' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('redcap-exp_records.json');
    const saved = JSON.parse(readFileSync(await file.path(), 'utf8')) as unknown[];
    expect(saved).toHaveLength(10_000);
  });

  test('History lists this tab’s requests without the token and restores one', async ({ page }) => {
    await page.goto('/');
    await pick(page, 'Export Records');
    await page.getByLabel('format', { exact: true }).selectOption('csv');
    await execute(page);
    await pick(page, 'Export Instruments (Data Entry Forms)');
    await execute(page);

    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('region', { name: 'History' });
    await expect(history.getByRole('listitem')).toHaveCount(2);
    await expect(history.getByRole('listitem').nth(1)).toContainText('Export Records');
    await expect(history.getByRole('listitem').nth(1)).toContainText('format=csv');
    await expect(history.getByRole('listitem').nth(1)).toContainText('HTTP 200');
    // The mock user's token is in no entry.
    expect(await history.textContent()).not.toMatch(/[0-9A-F]{32}/);

    await history.getByRole('button', { name: /^Export Records/ }).click();
    await expect(
      page
        .getByRole('heading', { name: 'Export Records', level: 2 })
        .or(page.locator('#method-title')),
    ).toContainText('Export Records');
    await expect(page.getByLabel('format', { exact: true })).toHaveValue('csv');

    await history.getByRole('button', { name: /^Re-run Export Records/ }).click();
    await expect(history.getByRole('listitem')).toHaveCount(3);
    await history.getByRole('button', { name: 'Clear' }).click();
    await expect(history.getByRole('listitem')).toHaveCount(0);
  });

  test('a copied link opened in a new page restores the request, without any token', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/');
    await pick(page, 'Export Records');
    await page.getByLabel('format', { exact: true }).selectOption('xml');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByText(/Link copied/)).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toContain('#/exp_records');
    expect(link).toContain('format=xml');
    expect(link).not.toMatch(/token|[0-9A-F]{32}/i);

    const other = await context.newPage();
    await other.goto(link);
    await expect(other.getByLabel('format', { exact: true })).toHaveValue('xml');
    await execute(other);
    await expect(responseRegion(other)).toContainText('<records>');
    await other.close();
  });

  test('a live link fills the API URL, asks for the token and never carries it', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/');
    await page.getByRole('radio', { name: 'Live' }).check();
    await page.getByRole('textbox', { name: 'API URL' }).fill(STANDIN_API_URL);
    await page.getByLabel('Token', { exact: true }).fill('3F2504E04F8911D39A0C0305E82C3301');
    await pick(page, 'Export Instruments (Data Entry Forms)');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByText(/Link copied/)).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toContain('_mode=live');
    expect(link).toContain(encodeURIComponent(STANDIN_API_URL));
    expect(link).not.toContain('3F2504E04F8911D39A0C0305E82C3301');

    const other = await context.newPage();
    await other.goto(link);
    await expect(other.getByRole('radio', { name: 'Live' })).toBeChecked();
    await expect(other.getByRole('textbox', { name: 'API URL' })).toHaveValue(STANDIN_API_URL);
    const token = other.getByLabel('Token', { exact: true });
    await expect(token).toHaveValue('');
    await expect(token).toBeFocused();
    await expect(other.getByText(/enter your token/)).toBeVisible();
    await other.close();
  });

  test('Ctrl+Enter executes and Esc cancels a running request', async ({ page }) => {
    // Live mode against the stand-in, with its export held back: a request that stays running.
    await page.goto('/');
    await page.getByRole('radio', { name: 'Live' }).check();
    await page.getByRole('textbox', { name: 'API URL' }).fill(STANDIN_API_URL);
    await page.getByLabel('Token', { exact: true }).fill('3F2504E04F8911D39A0C0305E82C3301');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByRole('definition').filter({ hasText: /\(id \d+\)/ })).toBeVisible();
    await page.route('**/__redcap_forward__/**', async (route) => {
      if (route.request().postData()?.includes('content=instrument')) {
        await new Promise((resolve) => setTimeout(resolve, 8000));
        await route.abort().catch(() => {});
        return;
      }
      await route.continue();
    });
    await pick(page, 'Export Instruments (Data Entry Forms)');
    await page.keyboard.press('Control+Enter');
    const response = responseRegion(page);
    await expect(response).toContainText('Waiting for the answer');
    await page.keyboard.press('Escape');
    await expect(response).toContainText('Cancelled: the request was stopped');
    await page.getByRole('button', { name: 'History' }).click();
    await expect(page.getByRole('region', { name: 'History' }).getByRole('listitem')).toContainText(
      'Cancelled',
    );
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`accessibility (${colorScheme})`, () => {
    test.use({ colorScheme });

    test(`axe finds no serious or critical violation on the main views (${colorScheme})`, async ({
      page,
    }) => {
      await page.goto('/');
      await pick(page, 'Export Records');
      await execute(page);
      const response = responseRegion(page);
      const views: Record<string, string[]> = {};
      views['Pretty'] = await seriousViolations(page);
      await response.getByRole('tab', { name: 'Table' }).click();
      await expect(response.getByRole('grid')).toBeVisible();
      await response.getByRole('combobox', { name: 'Summarize column' }).selectOption('1');
      await expect(response.locator('figure')).toBeVisible();
      views['Table'] = await seriousViolations(page);
      await response.getByRole('tab', { name: 'Raw' }).click();
      views['Raw'] = await seriousViolations(page);
      await page.getByRole('button', { name: 'History' }).click();
      await expect(page.getByRole('region', { name: 'History' })).toBeVisible();
      views['History'] = await seriousViolations(page);
      expect(views).toEqual({ Pretty: [], Table: [], Raw: [], History: [] });
    });
  });
}
