import type { Page } from '@playwright/test';
import { expect, methodEntry, responseRegion, test } from './fixtures.ts';

// Issue #23: the token's whole life on the mock's API page, and a failure on demand, in
// Chromium with the real service worker and the store's Web Worker.

async function panel(page: Page) {
  const toggle = page.getByRole('button', { name: 'API token & failures' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return page.getByRole('region', { name: 'API token and failures (mock)' });
}

async function closePanel(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Close' }).click();
}

async function execute(page: Page, status: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(status);
}

test('request → approve → use → regenerate (old token 403); the network down; explained as live', async ({
  page,
  guard,
}) => {
  await page.goto('/');
  await expect(page.getByRole('combobox', { name: 'Mock project' })).toBeEnabled();
  await page.getByRole('searchbox', { name: 'Search methods' }).fill('Export REDCap Version');
  await methodEntry(page, 'Export REDCap Version').click();

  const workshop = await panel(page);
  const api = workshop.getByRole('region', { name: 'Applications → API' });
  const admin = workshop.getByRole('region', { name: 'Administrator’s view' });
  await api.getByRole('button', { name: /Start as a new project user/ }).click();
  await expect(api).toContainText("You need the 'API' user right");
  await admin
    .getByRole('row', { name: /learner/ })
    .getByRole('button', { name: 'Grant API rights' })
    .click();
  await api.getByRole('button', { name: 'Request API token' }).click();
  await expect(workshop).toContainText('successfully sent to a REDCap administrator');
  await admin.getByRole('button', { name: 'Approve' }).click();
  const tokenBox = api.getByRole('textbox', { name: 'API Token' });
  await expect(tokenBox).toHaveValue(/^[0-9A-F]{32}$/);
  const first = await tokenBox.inputValue();
  await api.getByRole('button', { name: 'Use this token in the playground' }).click();
  await closePanel(page);
  await expect(
    page.getByRole('combobox', { name: 'Mock project' }).locator('option:checked'),
  ).toHaveText(/learner/);
  await execute(page, /HTTP\s*200\b/);

  await panel(page);
  await api.getByRole('button', { name: 'Regenerate token' }).click();
  await api.getByRole('button', { name: 'Yes, regenerate it' }).click();
  await expect(tokenBox).not.toHaveValue(first);
  await closePanel(page);
  await execute(page, /HTTP\s*403\b/);
  await expect(responseRegion(page)).toContainText('REDCap did not accept the token');

  await panel(page);
  const failures = workshop.getByRole('region', { name: 'Failures on demand' });
  await failures.getByRole('combobox').selectOption('network');
  await failures.getByRole('button', { name: 'Set' }).click();
  await expect(failures.getByTestId('failure-now')).toContainText('The network is down');
  await closePanel(page);
  await execute(page, /could not be sent/);
  await expect(responseRegion(page)).toContainText('Check your network');

  // The token never reaches the address bar or the tab's storage.
  expect(page.url()).not.toContain(first);
  expect(
    await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage })),
  ).not.toContain(first);

  // Expected in the console: the 403 and the dropped connection, nothing else.
  const expected = (m: string) =>
    m.includes('Failed to load resource') && /status of 403|net::ERR_FAILED/.test(m);
  const rest = guard.consoleErrors.filter((m) => !expected(m));
  guard.consoleErrors.splice(0, guard.consoleErrors.length, ...rest);
});
