import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { ALICE_TOKEN } from '../../mocks/fixtures/classic-demo.ts';
import { methodEntry, responseRegion } from './fixtures.ts';
import { STANDIN_API_URL } from './standin.ts';

// What "Remember in this tab" promises, checked on the browser's own profile directory after the
// browser quits with the tab still open (Chromium keeps session storage there for session
// restore). The stand-in compares tokens without regard to case, as REDCap does; the lower-case
// spelling appears in no bundle (the demo tokens do, upper-case), so any copy found is ours.

const TOKEN = ALICE_TOKEN.toLowerCase();

test.describe.configure({ mode: 'serial', timeout: 90_000 });

/** Every file under `dir` holding the token, as ASCII/UTF-8 or UTF-16 (DOM strings). */
function filesHolding(dir: string, token: string): string[] {
  const needles = [Buffer.from(token, 'latin1'), Buffer.from(token, 'utf16le')];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      continue;
    }
    if (needles.some((needle) => bytes.includes(needle))) found.push(path.slice(dir.length));
  }
  return found;
}

async function openProfile(dir: string, baseURL: string): Promise<[BrowserContext, Page]> {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    baseURL,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return [context, page];
}

/** Live mode against the stand-in: Connect, then one Export Records call. */
async function useToken(page: Page, remember: boolean): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('combobox', { name: 'Mock project' })).toBeEnabled();
  await page.getByRole('radio', { name: 'Live' }).check();
  await page.getByRole('textbox', { name: 'API URL' }).fill(STANDIN_API_URL);
  await page.getByLabel('Token', { exact: true }).fill(TOKEN);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByLabel('Connected project')).toBeVisible();
  if (remember) await page.getByRole('checkbox', { name: 'Remember in this tab' }).check();
  await page.getByRole('searchbox', { name: 'Search methods' }).fill('Export Records');
  await methodEntry(page, 'Export Records').click();
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
}

test('with default settings, no copy of the token is on disk after the browser quits', async ({
  baseURL,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'playground-profile-'));
  try {
    const [context, page] = await openProfile(dir, baseURL!);
    await useToken(page, false);
    // Quit with the tab open: what session restore would bring back is on disk now.
    await context.close();
    expect(filesHolding(dir, TOKEN)).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('“Remember in this tab” is written to the profile, as the note beside it says', async ({
  baseURL,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'playground-profile-'));
  try {
    const [context, page] = await openProfile(dir, baseURL!);
    await useToken(page, true);
    await expect(page.locator('#remember-note')).toContainText('on disk');
    await context.close();
    const found = filesHolding(dir, TOKEN);
    expect(found.some((path) => path.includes('Session Storage'))).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Forget token takes a remembered token off the disk again', async ({ baseURL }) => {
  const dir = mkdtempSync(join(tmpdir(), 'playground-profile-'));
  try {
    const [context, page] = await openProfile(dir, baseURL!);
    await useToken(page, true);
    await page.getByRole('button', { name: 'Forget token' }).click();
    await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
    await context.close();
    expect(filesHolding(dir, TOKEN)).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
