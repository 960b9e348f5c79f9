import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ALICE_TOKEN } from '../../mocks/fixtures/classic-demo.ts';
import { expect, methodEntry, rawResponse, responseRegion, snippetText, test } from './fixtures.ts';
import type { Guard } from './fixtures.ts';
import { STANDIN_API_URL, STANDIN_LOG } from './standin.ts';

// Live mode against `npm run mock:server` on another port, standing in for a real REDCap: the
// page posts to `npm start`'s forwarder (REDCAP_URL = the stand-in), never to the in-page mock.

const TITLE = 'Stand-in REDCap';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // Make the stand-in's project recognisably not the in-page mock's.
  const res = await fetch(STANDIN_API_URL, {
    method: 'POST',
    body: new URLSearchParams({
      token: ALICE_TOKEN,
      content: 'project_settings',
      format: 'json',
      data: JSON.stringify({ project_title: TITLE }),
    }),
  });
  expect(res.status).toBe(200);
});

function logOffset(): number {
  return existsSync(STANDIN_LOG) ? statSync(STANDIN_LOG).size : 0;
}

/** The methods the stand-in answered since `offset`, from its MOCK_REQUEST_LOG. */
function standinCalls(offset: number): string[] {
  if (!existsSync(STANDIN_LOG)) return [];
  return readFileSync(STANDIN_LOG, 'utf8')
    .slice(offset)
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { method: string }).method);
}

/** Chromium logs every 4xx/5xx fetch as a console error: accept those a test expects. */
function acceptFailedLoads(guard: Guard, statuses: readonly number[]): void {
  const expected = (m: string) =>
    statuses.some((s) => m.includes(`Failed to load resource`) && m.includes(`status of ${s}`));
  const kept = guard.consoleErrors.filter((m) => !expected(m));
  guard.consoleErrors.splice(0, guard.consoleErrors.length, ...kept);
}

async function connect(page: Page, url: string, token: string): Promise<void> {
  await page.getByRole('radio', { name: 'Live' }).check();
  await page.getByRole('textbox', { name: 'API URL' }).fill(url);
  await page.getByLabel('Token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
}

async function run(page: Page, label: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search methods' }).fill(label);
  await methodEntry(page, label).click();
}

test('connects to the stand-in, exports records and runs a guarded delete', async ({
  page,
  guard,
}) => {
  const offset = logOffset();
  await page.goto('/');
  // A base URL is enough: it gets /api/.
  await connect(page, STANDIN_API_URL.replace(/api\/$/, ''), ALICE_TOKEN);
  const project = page.getByLabel('Connected project');
  await expect(project).toContainText(TITLE);
  await expect(project).toContainText('Classic (not longitudinal)');
  await expect(page.getByRole('textbox', { name: 'API URL' })).toHaveValue(STANDIN_API_URL);

  await run(page, 'Export Records');
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
  expect(await rawResponse(page)).toContain('"record_id"');
  const code = await snippetText(page);
  expect(code).toContain(STANDIN_API_URL);
  expect(code).not.toContain(ALICE_TOKEN);

  await run(page, 'Delete Records');
  await page.getByRole('textbox', { name: /^records/ }).fill('7');
  const execute = page.getByRole('button', { name: 'Execute', exact: true });
  await expect(execute).toBeDisabled();
  await page.getByRole('button', { name: 'Unlock writes' }).click();
  await execute.click();
  const dialog = page.getByRole('dialog', { name: 'Confirm' });
  await expect(dialog).toContainText('Delete Records');
  await expect(dialog).toContainText(TITLE);
  await expect(dialog.getByRole('list', { name: 'Dry run' })).toContainText('exist: 7');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
  expect((await rawResponse(page)).trim()).toBe('1');

  expect(standinCalls(offset)).toEqual([
    'exp_rc_v',
    'exp_proj',
    'exp_records',
    'exp_metadata',
    'exp_records',
    'del_records',
  ]);
  expect(guard.mockPosts(), 'live calls never reach the in-page mock').toBe(0);
});

test('a bad token is explained as a 403 with the steps to fix it', async ({ page, guard }) => {
  await page.goto('/');
  await connect(page, STANDIN_API_URL, 'F'.repeat(32));
  const alert = page.getByRole('form', { name: 'Live connection' }).getByRole('alert');
  await expect(alert).toContainText('did not accept the token');
  await expect(alert).toContainText('Applications → API');
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue('F'.repeat(32));
  acceptFailedLoads(guard, [403]);
});

test('a URL the forwarder does not serve is explained with REDCAP_URL', async ({ page, guard }) => {
  await page.goto('/');
  const offset = logOffset();
  await connect(page, 'http://127.0.0.1:8799/redcap/', ALICE_TOKEN);
  const alert = page.getByRole('form', { name: 'Live connection' }).getByRole('alert');
  await expect(alert).toContainText('REDCAP_URL=');
  await expect(alert).toContainText('http://127.0.0.1:8799/redcap/api/');
  await connect(page, 'http://redcap.example.edu/api/', ALICE_TOKEN);
  await expect(alert).toContainText('https://');
  expect(standinCalls(offset)).toEqual([]);
  expect(guard.foreignRequests).toEqual([]);
});

test('after a session of calls the token is nowhere but the token field', async ({ page }) => {
  const messages: string[] = [];
  page.on('console', (m) => messages.push(m.text()));
  await page.goto('/');
  await connect(page, STANDIN_API_URL, ALICE_TOKEN);
  await expect(page.getByLabel('Connected project')).toContainText(TITLE);
  for (const label of ['Export Records', 'Export Metadata (Data Dictionary)', 'Export Records']) {
    await run(page, label);
    await page.getByRole('button', { name: 'Execute', exact: true }).click();
    await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
  }
  const found = await page.evaluate(async (token) => {
    const input = document.querySelector<HTMLInputElement>('input[type="password"]');
    const dom = document.documentElement.outerHTML + document.body.innerText;
    const databases = (await indexedDB.databases()).map((d) => d.name ?? '').join(' ');
    const inputs = [...document.querySelectorAll('input, textarea')]
      .filter((el) => el !== input)
      .map((el) => (el as HTMLInputElement).value)
      .join(' ');
    const places: Record<string, string> = {
      localStorage: JSON.stringify({ ...localStorage }),
      sessionStorage: JSON.stringify({ ...sessionStorage }),
      indexedDB: databases,
      cookies: document.cookie,
      url: location.href,
      history: JSON.stringify(history.state),
      dom,
      inputs,
    };
    return {
      inField: input?.value === token,
      leaks: Object.keys(places).filter((k) => places[k]!.includes(token)),
    };
  }, ALICE_TOKEN);
  expect(found.inField).toBe(true);
  expect(found.leaks).toEqual([]);
  expect(messages.filter((m) => m.includes(ALICE_TOKEN))).toEqual([]);

  // Opted in: this tab's sessionStorage only, never localStorage; Forget clears it.
  const stored = () =>
    page.evaluate(
      () => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }),
    );
  await page.getByRole('checkbox', { name: 'Remember in this tab' }).check();
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).toContain(ALICE_TOKEN);
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(ALICE_TOKEN);
  await page.getByRole('button', { name: 'Forget token' }).click();
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
  expect(await stored()).not.toContain(ALICE_TOKEN);
});

test('Live stops the in-page mock; Mock starts it again and it answers', async ({
  page,
  guard,
}) => {
  await page.goto('/');
  await expect(page.getByRole('combobox', { name: 'Mock project' })).toBeEnabled();
  await connect(page, STANDIN_API_URL, ALICE_TOKEN);
  await expect(page.getByLabel('Connected project')).toContainText(TITLE);
  await run(page, 'Export Records');
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
  expect(guard.mockPosts()).toBe(0);

  await page.getByRole('radio', { name: 'Mock' }).check();
  await expect(page.getByRole('combobox', { name: 'Mock project' })).toBeEnabled();
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
  expect(guard.mockPosts()).toBe(1);
  expect(await snippetText(page)).not.toContain(STANDIN_API_URL);
});
