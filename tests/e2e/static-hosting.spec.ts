import { test as plain } from '@playwright/test';
import { NO_SERVICE_WORKER } from '../../src/ui/state/start-mock.ts';
import { expect, methodEntry, rawResponse, responseRegion, test } from './fixtures.ts';
import { serveDistUnder, type StaticHost } from './static-host.ts';

// Trainers copy dist/ to any static host under any path: the service worker's script and scope,
// the mock's reserved address and the Web Worker all follow the page's base path.

let host: StaticHost;
test.beforeAll(async () => {
  host = await serveDistUnder('/playground/');
});
test.afterAll(async () => {
  await host.close();
});

test('served under /playground/, Export Records runs in mock mode and shows the records', async ({
  page,
  guard,
}) => {
  await page.goto(`${host.origin}/playground/`);
  await methodEntry(page, 'Export Records').click();
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
  const records = JSON.parse(await rawResponse(page)) as Record<string, string>[];
  expect(records.length).toBeGreaterThan(0);
  expect(records[0]).toMatchObject({ record_id: '1', first_name: 'Ada' });

  const scopes = await page.evaluate(async () =>
    (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope),
  );
  expect(scopes).toEqual([`${host.origin}/playground/`]);
  const mockCalls = guard.mockPosts();
  expect(mockCalls, 'Execute posts to /playground/__redcap_mock__/api/').toBeGreaterThan(0);
});

plain(
  'on plain http at a non-localhost address, the page says why the mock cannot start and Execute says it too',
  async ({ playwright, launchOptions }) => {
    // playground.test resolves to this machine, but is not a secure context: no service worker.
    const browser = await playwright.chromium.launch({
      ...launchOptions,
      args: [
        ...(launchOptions.args ?? []),
        '--host-resolver-rules=MAP playground.test 127.0.0.1',
        '--no-proxy-server',
      ],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
      page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      await page.goto(`http://playground.test:${host.port}/playground/`);
      expect(await page.evaluate(() => window.isSecureContext)).toBe(false);

      const banner = page.getByRole('banner');
      await expect(banner).toContainText('The mock could not start');
      await expect(banner).toContainText(NO_SERVICE_WORKER);
      // The rest of the page works: the catalog, the form, the preview.
      await methodEntry(page, 'Export Records').click();
      await expect(page.getByRole('region', { name: 'Request preview' })).toContainText(
        'content: record',
      );

      await page.getByRole('button', { name: 'Execute', exact: true }).click();
      const alert = responseRegion(page).getByRole('alert');
      await expect(alert).toContainText(NO_SERVICE_WORKER, { timeout: 5_000 });
      await expect(page.getByRole('button', { name: 'Execute', exact: true })).toBeEnabled();
      expect(errors, 'console errors').toEqual([]);
    } finally {
      await browser.close();
    }
  },
);
