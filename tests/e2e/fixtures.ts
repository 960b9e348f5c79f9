import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** What a test run must never show: console errors, page errors, requests leaving 127.0.0.1. */
export interface Guard {
  readonly consoleErrors: string[];
  readonly foreignRequests: string[];
  /** POSTs to the in-page mock's reserved address (`/__redcap_mock__/api/`). */
  mockPosts(): number;
}

function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    const { hostname } = new URL(url);
    return hostname === '127.0.0.1' || hostname === 'localhost';
  } catch {
    return false;
  }
}

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page, context }, use) => {
      const consoleErrors: string[] = [];
      const foreignRequests: string[] = [];
      let mockPosts = 0;
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
      // The context sees the page's requests and those of its workers and service worker.
      context.on('request', (request) => {
        if (!isLocal(request.url())) foreignRequests.push(request.url());
        if (request.method() === 'POST' && request.url().includes('/__redcap_mock__/')) {
          mockPosts += 1;
        }
      });
      await use({ consoleErrors, foreignRequests, mockPosts: () => mockPosts });
      expect(consoleErrors, 'console errors during the test').toEqual([]);
      expect(foreignRequests, 'requests that left 127.0.0.1').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** A method in the catalog, by its REDCap label (a button, link or option). */
export function methodEntry(page: Page, label: string): Locator {
  const name = { name: label, exact: true };
  return page
    .getByRole('button', name)
    .or(page.getByRole('link', name))
    .or(page.getByRole('option', name));
}

export function responseRegion(page: Page): Locator {
  return page.getByRole('region', { name: 'Response' });
}

export function snippetRegion(page: Page): Locator {
  return page.getByRole('region', { name: 'Code snippet' });
}

/** The response body as plain text, from the Raw tab. */
export async function rawResponse(page: Page): Promise<string> {
  const response = responseRegion(page);
  await response.getByRole('tab', { name: 'Raw' }).click();
  const panel = response.getByRole('tabpanel');
  await expect(panel).toBeVisible();
  const block = panel.locator('pre, textarea');
  if ((await block.count()) > 0) {
    const first = block.first();
    return (await first.evaluate((el) => el instanceof HTMLTextAreaElement))
      ? first.inputValue()
      : ((await first.textContent()) ?? '');
  }
  return (await panel.textContent()) ?? '';
}

/** The snippet exactly as shown: the text of its <pre>/<code> block. */
export async function snippetText(page: Page): Promise<string> {
  // The program itself: the region also shows short commands (`npm run mock:server`) in <code>.
  const code = snippetRegion(page).locator('pre.snippet-code, pre').first();
  await expect(code).toBeVisible();
  return (await code.textContent()) ?? '';
}

/** Opens the playground, picks a method and runs it; resolves when the response shows. */
export async function executeMethod(page: Page, label: string): Promise<void> {
  await page.goto('/');
  await methodEntry(page, label).click();
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b|\b200 OK\b/);
}

/** Finds a method by search, picks it and runs it; resolves when the answer is a 200. */
export async function runMethod(page: Page, label: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search methods' }).fill(label);
  await methodEntry(page, label).click();
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
}

/** The record ids Export Records answers now (JSON, from the Raw view). */
export async function exportedIds(page: Page): Promise<string[]> {
  await runMethod(page, 'Export Records');
  const records = JSON.parse(await rawResponse(page)) as { record_id: string }[];
  return records.map((r) => r.record_id);
}
