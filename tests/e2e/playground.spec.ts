import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  executeMethod,
  expect,
  methodEntry,
  rawResponse,
  responseRegion,
  snippetRegion,
  snippetText,
  test,
} from './fixtures.ts';
import { startMockServer } from './mock-server.ts';

const run = promisify(execFile);
/** The address snippets carry in mock mode: that of `npm run mock:server` on its default port. */
const MOCK_SERVER_API_URL = 'http://127.0.0.1:8787/api/';

async function hasTool(name: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${name}`]);
    return true;
  } catch {
    return false;
  }
}

test.describe('playground in mock mode', () => {
  test('Export Records runs against the demo project and shows its records with HTTP 200', async ({
    page,
    guard,
  }) => {
    await executeMethod(page, 'Export Records');
    const records = JSON.parse(await rawResponse(page)) as Record<string, string>[];
    expect(Array.isArray(records)).toBe(true);
    expect(records.length).toBeGreaterThan(0);
    expect(records[0]).toHaveProperty('record_id');
    expect(records[0]).toHaveProperty('first_name');
    const ids = new Set(records.map((r) => r['record_id']));
    for (const id of ['1', '24']) expect(ids).toContain(id);
    // The Raw view is the body as sent: plain text with the field names in it.
    const raw = responseRegion(page).getByRole('tabpanel');
    await expect(raw).toContainText('"record_id"');
    await expect(raw).toContainText('"first_name"');
    expect(guard.mockPosts(), 'Execute sends its request to the in-page mock').toBeGreaterThan(0);
  });

  test('the code snippet is curl reading the token from REDCAP_API_TOKEN, for the mock server', async ({
    page,
  }) => {
    await page.goto('/');
    await methodEntry(page, 'Export Records').click();
    const snippet = snippetRegion(page);
    await expect(snippet).toContainText('curl');
    await expect(snippet).toContainText('REDCAP_API_TOKEN');
    await expect(snippet).toContainText(MOCK_SERVER_API_URL);
  });

  test('a full run shows no console error and makes no request beyond 127.0.0.1', async ({
    page,
    guard,
  }) => {
    await executeMethod(page, 'Export Records');
    await rawResponse(page);
    await page.getByRole('tab', { name: 'Pretty' }).click();
    await snippetText(page);
    expect(guard.consoleErrors).toEqual([]);
    expect(guard.foreignRequests).toEqual([]);
  });

  test('the copied curl snippet returns the same records from `npm run mock:server`', async ({
    page,
  }) => {
    for (const tool of ['bash', 'curl']) {
      if (await hasTool(tool)) continue;
      // A dev machine may lack a tool (the test says so); under CI a missing tool is a failure.
      if (process.env['CI'] === 'true') throw new Error(`${tool} is required under CI`);
      test.skip(true, `${tool} is not installed`);
    }
    await executeMethod(page, 'Export Records');
    const shown = JSON.parse(await rawResponse(page)) as unknown;
    const snippet = await snippetText(page);
    expect(snippet).toContain(MOCK_SERVER_API_URL);

    const server = await startMockServer();
    const dir = await mkdtemp(join(tmpdir(), 'playground-snippet-'));
    try {
      const script = join(dir, 'export-records.sh');
      await writeFile(script, snippet.replaceAll(MOCK_SERVER_API_URL, server.apiUrl));
      const env: NodeJS.ProcessEnv = { ...process.env, REDCAP_API_TOKEN: server.token };
      for (const proxy of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'ALL_PROXY']) {
        delete env[proxy];
      }
      env['NO_PROXY'] = env['no_proxy'] = '127.0.0.1,localhost';
      const { stdout, stderr } = await run('bash', [script], { env, timeout: 20_000 });
      expect(stderr).toBe('');
      expect(JSON.parse(stdout)).toEqual(shown);
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a malformed date shows a message by the field, keeps the value and sends nothing', async ({
    page,
    guard,
  }) => {
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Search methods' }).fill('Export Records');
    await methodEntry(page, 'Export Records').click();
    const field = page.getByRole('textbox', { name: 'dateRangeBegin' });
    await field.fill('2024-13-45');
    const postsBefore = guard.mockPosts();
    await page.getByRole('button', { name: 'Execute', exact: true }).click();

    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(/must be a date/);
    // "Next to the field": the message is one of the elements that describe it, and visible.
    const describedBy = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/);
    const messages = page
      .locator(describedBy.map((id) => `[id="${id}"]`).join(', '))
      .filter({ hasText: /must be a date/ });
    await expect(messages.first()).toBeVisible();
    await expect(field).toHaveValue('2024-13-45');
    // Proving an absence: give a wrongly sent request time to show up.
    await page.waitForTimeout(500);
    expect(guard.mockPosts() - postsBefore, 'POSTs to the mock after Execute').toBe(0);
    await expect(responseRegion(page)).not.toContainText(/HTTP\s*200\b/);
  });

  test('time from navigation to a usable method list', async ({ page }) => {
    await page.goto('/', { waitUntil: 'commit' });
    // Measured in the page, from its navigation start, on every animation frame.
    const ms = await page.waitForFunction(
      (label) => {
        const usable = [...document.querySelectorAll('button, a, [role="option"]')].some(
          (el) =>
            el.textContent?.trim() === label &&
            !(el as HTMLButtonElement).disabled &&
            el.getAttribute('aria-disabled') !== 'true' &&
            el.getClientRects().length > 0,
        );
        return usable ? performance.now() : null;
      },
      'Export Records',
      { polling: 'raf' },
    );
    const elapsed = Math.round((await ms.jsonValue()) ?? 0);
    await expect(methodEntry(page, 'Export Records')).toBeVisible();
    await expect(methodEntry(page, 'Export Records')).toBeEnabled();
    console.log(`navigation → method list: ${elapsed} ms`);
    expect(elapsed).toBeGreaterThan(0);
    expect(elapsed, 'a generous ceiling: a local load takes well under a second').toBeLessThan(
      5_000,
    );
  });
});
