import { expect, methodEntry, test } from './fixtures.ts';

/**
 * Issue #22: the method list is in the HTML before any script runs (prerendered at build time,
 * src/build/prerender.ts), and the entry hydrates it, so it answers clicks before the
 * workspace's chunk has arrived.
 */

const methodButtons = 'nav[aria-label="API methods"] button';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the method list is in the page, grouped as REDCap groups it', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator(methodButtons)).toHaveCount(55);
    // Prerendered, never hydrated: the page does not claim to answer clicks.
    await expect(page.locator('.layout[data-interactive]')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: 'Arms', exact: true })).toBeVisible();
    await expect(methodEntry(page, 'Export Records')).toBeVisible();
    // Playwright's text search skips <noscript>: the note is found by its class.
    await expect(page.locator('p.noscript')).toBeVisible();
    await expect(page.locator('p.noscript')).toContainText('needs JavaScript');
  });
});

test('a click on a method before the workspace has arrived is kept, and shown when it comes', async ({
  page,
}) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/Workspace-[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  await expect(page.getByText('Loading the workspace…')).toBeVisible();
  // Hydrated: the layout says so (npm run bench times the list's first use by it).
  await expect(page.locator('.layout[data-interactive]')).toHaveCount(1);
  await methodEntry(page, 'Export Arms').click();
  await expect(methodEntry(page, 'Export Arms')).toHaveAttribute('aria-current', 'true');
  await expect(methodEntry(page, 'Export Records')).not.toHaveAttribute('aria-current', 'true');
  release();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Export Arms', exact: true }),
  ).toBeVisible();
  await expect(page.getByText('Loading the workspace…')).toHaveCount(0);
});

test('a link to another method hydrates with that method chosen, and only that one', async ({
  page,
}) => {
  await page.goto('/');
  await methodEntry(page, 'Export Logging').click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Export Logging', exact: true }),
  ).toBeVisible();
  await expect(page).toHaveURL(/#/);
  const link = page.url();
  await page.goto('about:blank');
  await page.goto(link);
  await expect(
    page.getByRole('heading', { level: 2, name: 'Export Logging', exact: true }),
  ).toBeVisible();
  await expect(page.locator(`${methodButtons}[aria-current="true"]`)).toHaveText([
    'Export Logging',
  ]);
  // The list still answers: a search filters the hydrated list.
  await page.getByRole('searchbox', { name: 'Search methods' }).fill('arms');
  await expect(methodEntry(page, 'Export Arms')).toBeVisible();
});
