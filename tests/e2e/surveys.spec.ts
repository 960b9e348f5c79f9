import { expect, methodEntry, rawResponse, responseRegion, test } from './fixtures.ts';

// The in-page mock builds survey links on the address the request came to, as REDCap builds
// them on its own base URL: here the page's origin and the mock's reserved path.
test('Export a Survey Link in the browser answers a link on the page’s own address', async ({
  page,
  baseURL,
}) => {
  await page.goto('/');
  await methodEntry(page, 'Export a Survey Link for a Participant').click();
  await page.getByRole('textbox', { name: /^record\b/ }).fill('1');
  await page.getByRole('textbox', { name: /^instrument\b/ }).fill('health');
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
  const link = (await rawResponse(page)).trim();
  expect(link.startsWith(`${new URL(baseURL!).origin}/`)).toBe(true);
  expect(link).toMatch(/\/surveys\/\?s=[A-Za-z0-9]+$/);
});
