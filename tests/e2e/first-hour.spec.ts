import type { Page } from '@playwright/test';
import { expect, methodEntry, responseRegion, test } from './fixtures.ts';

// Issue #21 "The first hour": the page at phone and desktop widths, method switching, the mock
// users' limits, the wrong-token toggle, and the icon and manifest.

const SHOTS = 'test-results/first-hour';

async function open(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('combobox', { name: 'Mock project' })).toBeEnabled();
}

async function choose(page: Page, label: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search methods' }).fill(label);
  await methodEntry(page, label).click();
  await page.getByRole('searchbox', { name: 'Search methods' }).fill('');
}

/** How far the page scrolls sideways (0: not at all). */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const width of [360, 390, 768, 1400]) {
  test(`at ${width} px nothing scrolls sideways, whatever project or method`, async ({ page }) => {
    await page.setViewportSize({ width, height: width < 800 ? 844 : 900 });
    await open(page);
    expect(await sideways(page)).toBe(0);
    const chooser = page.getByRole('combobox', { name: 'Mock project' });
    const options = await chooser
      .locator('option')
      .evaluateAll((all) =>
        all.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })),
      );
    // The longest name is the one that pushed the page out.
    const longest = options.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    await chooser.selectOption(longest.value);
    expect(await sideways(page)).toBe(0);
    const live = page.getByRole('radio', { name: 'Live' });
    const box = await live.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
    for (const label of ['Export Records', 'Import Records', 'Create Project'])
      await choose(page, label);
    await chooser.selectOption(options[0]!.value);
    await choose(page, 'Export Records');
    await page.getByRole('button', { name: 'Execute', exact: true }).click();
    await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
    expect(await sideways(page)).toBe(0);
    if (width === 390 || width === 1400)
      await page.screenshot({ path: `${SHOTS}-${width}.png`, fullPage: false });
  });
}

test('on a phone, Execute brings the answer into view', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page);
  await expect(responseRegion(page)).not.toBeInViewport();
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
  await expect(
    responseRegion(page)
      .getByText(/HTTP\s*200\b/)
      .first(),
  ).toBeInViewport();
  await page.screenshot({ path: `${SHOTS}-390-answer.png` });
});

test('a newly chosen method starts at its heading, wherever the page was', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await open(page);
  await page.getByRole('button', { name: 'Execute', exact: true }).scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 5000);
  const heading = page.getByRole('heading', { level: 2, name: 'Export Records', exact: true });
  await expect(heading).not.toBeInViewport();
  await methodEntry(page, 'Import Records').click();
  const next = page.getByRole('heading', { level: 2, name: 'Import Records', exact: true });
  await expect(next).toBeInViewport();
  await expect(next).toBeFocused();
});

test('each mock user says what it may do; a wrong token gets REDCap’s 403', async ({
  page,
  guard,
}) => {
  await open(page);
  const chooser = page.getByRole('combobox', { name: 'Mock project' });
  const access = page.getByTestId('mock-access');
  await expect(access).toHaveText('alice: full rights');
  for (const [user, text] of [
    ['bob', 'bob: export only'],
    ['carol', 'carol: no API Export'],
    ['dave', 'dave: DAG site_a only'],
    ['erin', 'erin: rights expired'],
  ] as const) {
    const value = await chooser
      .locator('option')
      .filter({ hasText: new RegExp(`^Classic demo.* · ${user}\\b`) })
      .getAttribute('value');
    await chooser.selectOption(value!);
    await expect(access).toHaveText(text);
  }
  await chooser.selectOption({ index: 0 });
  await page.getByLabel('Send a wrong token').check();
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(/HTTP\s*403\b/);
  await expect(responseRegion(page)).toContainText('You do not have permissions to use the API');
  // Chromium logs every 4xx answer; this one is the point of the test.
  const expected = (m: string) =>
    m.includes('Failed to load resource') && m.includes('status of 403');
  expect(guard.consoleErrors.filter(expected)).toHaveLength(1);
  guard.consoleErrors.splice(
    0,
    guard.consoleErrors.length,
    ...guard.consoleErrors.filter((m) => !expected(m)),
  );
  await page.getByLabel('Send a wrong token').uncheck();
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
});

test('the page has an SVG icon and a web app manifest, both served', async ({ page, request }) => {
  await open(page);
  const icon = await page.locator('link[rel="icon"]').evaluate((l) => (l as HTMLLinkElement).href);
  const manifestUrl = await page
    .locator('link[rel="manifest"]')
    .evaluate((l) => (l as HTMLLinkElement).href);
  const iconAnswer = await request.get(icon);
  expect(iconAnswer.status()).toBe(200);
  expect(iconAnswer.headers()['content-type']).toContain('image/svg+xml');
  expect(await iconAnswer.text()).toContain('<svg');
  const manifestAnswer = await request.get(manifestUrl);
  expect(manifestAnswer.status()).toBe(200);
  expect(manifestAnswer.headers()['content-type']).toContain('application/manifest+json');
  const manifest = (await manifestAnswer.json()) as { name: string; icons: { src: string }[] };
  expect(manifest.name).toBe('REDCap API Playground');
  for (const { src } of manifest.icons)
    expect((await request.get(new URL(src, manifestUrl).href)).status()).toBe(200);
});

test('each method says what REDCap does; Help opens the README', async ({ page }) => {
  await open(page);
  await choose(page, 'Export a File');
  await page.getByText('What REDCap does').click();
  await expect(page.locator('.method-note')).toContainText('Content-Type header');
  const field = page.getByRole('textbox', { name: 'field required' });
  await expect(field).toHaveAttribute('placeholder', 'e.g. consent_file');
  await page.getByText('Choose from the project').nth(1).click();
  const picker = page.locator('.field', { has: field });
  // The classic demo has one file-upload field among its many fields.
  await expect(picker.getByRole('radio')).toHaveCount(1);
  await expect(picker.getByRole('radio', { name: /^consent_file/ })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}-note.png` });
  await page.getByRole('button', { name: 'Help' }).click();
  const dialog = page.getByRole('dialog', { name: 'README' });
  await expect(dialog).toContainText('## Two commands');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
