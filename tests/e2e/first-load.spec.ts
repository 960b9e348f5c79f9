import { expect, methodEntry, test } from './fixtures.ts';

/**
 * Issue #22: the method list is in the HTML before any script runs (prerendered at build time,
 * src/build/prerender.ts). The page's first script (src/boot.ts, ~1 KiB) answers clicks on it at
 * once; the app's entry (src/main.ts) then hydrates it and takes the choice over, before the
 * workspace's chunk has arrived.
 */

const methodButtons = 'nav[aria-label="API methods"] button';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the method list is in the page, grouped as REDCap groups it', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator(methodButtons)).toHaveCount(55);
    // Prerendered, never hydrated: the page does not claim to answer clicks.
    await expect(page.locator('[data-interactive], [data-hydrated]')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: 'Arms', exact: true })).toBeVisible();
    await expect(methodEntry(page, 'Export Records')).toBeVisible();
    // Playwright's text search skips <noscript>: the note is found by its class.
    await expect(page.locator('p.noscript')).toBeVisible();
    await expect(page.locator('p.noscript')).toContainText('needs JavaScript');
  });

  test('the page is styled by its own HTML: no stylesheet to wait for', async ({ page }) => {
    const stylesheets: string[] = [];
    page.on(
      'request',
      (r) => void (r.resourceType() === 'stylesheet' && stylesheets.push(r.url())),
    );
    await page.goto('/');
    // theme.css's layout: the list is the page's 280 px sidebar, styled before any script.
    await expect(page.locator('.layout')).toHaveCSS('grid-template-columns', /^280px /);
    await expect(page.locator('.layout')).toHaveCSS('display', 'grid');
    expect(stylesheets).toEqual([]);
  });
});

test('the list is styled, usable and hydrated with every stylesheet held back', async ({
  page,
}) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  // Vite's preload helper waits for a chunk's stylesheets before it runs the chunk: were the
  // app's entry to bring one, it could not hydrate while they are held.
  await page.route(/\.css$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  await expect(page.locator('html[data-interactive]')).toHaveCount(1);
  await expect(page.locator('.layout')).toHaveCSS('grid-template-columns', /^280px /);
  await expect(page.locator('.layout[data-hydrated]')).toHaveCount(1);
  await methodEntry(page, 'Export Arms').click();
  await expect(methodEntry(page, 'Export Arms')).toHaveAttribute('aria-current', 'true');
  release();
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
  // Hydrated: the layout says so (npm run bench times it beside the list's first use).
  await expect(page.locator('.layout[data-hydrated]')).toHaveCount(1);
  await methodEntry(page, 'Export Arms').click();
  await expect(methodEntry(page, 'Export Arms')).toHaveAttribute('aria-current', 'true');
  await expect(methodEntry(page, 'Export Records')).not.toHaveAttribute('aria-current', 'true');
  release();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Export Arms', exact: true }),
  ).toBeVisible();
  await expect(page.getByText('Loading the workspace…')).toHaveCount(0);
});

test('a click before the app has arrived is answered at once, and the app takes it over', async ({
  page,
}) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  // The app's entry is held: only the page's first script (src/boot.ts) has run.
  await page.route(/\/assets\/main-[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  await expect(page.locator('html[data-interactive]')).toHaveCount(1);
  await expect(page.locator('.layout[data-hydrated]')).toHaveCount(0);
  await methodEntry(page, 'Export Arms').click();
  await methodEntry(page, 'Export Users').click();
  // Answered before the app exists: the last method clicked is the current one, and only it.
  await expect(page.locator(`${methodButtons}[aria-current="true"]`)).toHaveText(['Export Users']);
  release();
  await expect(page.locator('.layout[data-hydrated]')).toHaveCount(1);
  await expect(
    page.getByRole('heading', { level: 2, name: 'Export Users', exact: true }),
  ).toBeVisible();
  await expect(page.locator(`${methodButtons}[aria-current="true"]`)).toHaveText(['Export Users']);
  // From now on the app answers: one click, one method, one history entry.
  await methodEntry(page, 'Export Arms').click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Export Arms', exact: true }),
  ).toBeVisible();
  await expect(page.locator(`${methodButtons}[aria-current="true"]`)).toHaveText(['Export Arms']);
  await page.goBack();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Export Users', exact: true }),
  ).toBeVisible();
});

test('when the app cannot be loaded, the page says so where the workspace goes', async ({
  page,
  guard,
}) => {
  await page.route(/\/assets\/main-[\w-]+\.js$/, (route) => route.abort());
  await page.goto('/');
  await expect(page.getByRole('alert')).toHaveText(
    'The playground could not be loaded. Reload the page to try again.',
  );
  // The list is still there to read.
  await expect(methodEntry(page, 'Export Records')).toBeVisible();
  // The browser's own lines about the refused file, and nothing else.
  const refused = (m: string) =>
    m.startsWith('Failed to load resource') || /main-[\w-]+\.js/.test(m);
  expect(guard.consoleErrors.filter(refused).length).toBeGreaterThan(0);
  guard.consoleErrors.splice(
    0,
    guard.consoleErrors.length,
    ...guard.consoleErrors.filter((m) => !refused(m)),
  );
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

test('the method list stays where it was painted when the mock is ready', async ({ page }) => {
  // The controls that come with the mock (its version, Save demo, Open demo…) take a second row
  // of the top bar: reserved from the first paint, so the list never moves under the pointer, and
  // the row starts at the left, so its first controls do not slide across when it fills.
  for (const width of [1024, 1280, 1600]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/');
    const list = page.getByRole('navigation', { name: 'API methods' });
    const chooser = page.getByRole('combobox', { name: 'Mock project' });
    const before = (await list.boundingBox())!.y;
    // Nor does the chooser, the first control of its row: neither across nor down.
    const { x, y } = (await chooser.boundingBox())!;
    await expect(chooser).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Save demo' })).toBeVisible();
    expect((await list.boundingBox())!.y, `at ${width} px`).toBe(before);
    const after = (await chooser.boundingBox())!;
    // Within a pixel or two: the row's tallest control sets its centre line.
    expect(Math.abs(after.x - x), `across, at ${width} px`).toBeLessThan(2);
    expect(Math.abs(after.y - y), `down, at ${width} px`).toBeLessThan(2);
  }
});
