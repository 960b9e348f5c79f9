import type { Locator, Page } from '@playwright/test';
import { ALICE_TOKEN } from '../../mocks/fixtures/classic-demo.ts';
import { seriousViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';

// Workshop mode (issue #23): lessons 1, 2 and 3 as a learner does them, by keyboard only; axe on
// the lesson panel (and the API page beside it) and the presenter view; the presenter's link for
// learners.

/** Presses Tab until `target` has the focus (as a keyboard user would), then nothing else. */
async function tabTo(page: Page, target: Locator, key = 'Tab', limit = 200): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

const panel = (page: Page) => page.getByTestId('lesson-panel');
const verdict = (page: Page) => page.getByTestId('lesson-verdict');

/** Tabs to a button (forward, or back with Shift+Tab) and presses Enter. */
async function press(page: Page, target: Locator, key = 'Tab'): Promise<void> {
  await expect(target).toBeEnabled();
  await tabTo(page, target, key);
  await page.keyboard.press('Enter');
}

test('lessons 1, 2 and 3 by keyboard only, axe clean in the lesson panel and the presenter view', async ({
  page,
  guard,
}) => {
  // Three lessons by keys alone, with axe runs, on a machine shared with others.
  test.setTimeout(120_000);
  await page.goto('/');
  await expect(page.locator('[data-interactive]')).toBeVisible();

  // Lesson 1: the token's life on the mock's API page, keys only.
  await tabTo(page, page.getByRole('link', { name: 'Lessons', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Lessons', level: 2 })).toBeVisible();
  await tabTo(
    page,
    page.getByRole('link', { name: 'The token: request, approve, use, regenerate' }),
  );
  await page.keyboard.press('Enter');
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(
    'Lesson 1: The token: request, approve, use, regenerate',
  );
  expect(await seriousViolations(page, '[data-testid="lesson-panel"]')).toEqual([]);
  const toggle = page.getByRole('button', { name: 'API token & failures', exact: true });
  await press(page, toggle);
  const workshop = page.getByRole('region', { name: 'API token and failures (mock)' });
  const api = workshop.getByRole('region', { name: 'Applications → API' });
  const admin = workshop.getByRole('region', { name: 'Administrator’s view' });
  await expect(workshop.getByRole('heading', { level: 2 })).toBeFocused();
  await press(page, api.getByRole('button', { name: /Start as a new project user/ }));
  await expect(api).toContainText("You need the 'API' user right");
  await press(
    page,
    admin.getByRole('row', { name: /learner/ }).getByRole('button', { name: 'Grant API rights' }),
  );
  await press(page, api.getByRole('button', { name: 'Request API token' }), 'Shift+Tab');
  await expect(verdict(page)).toContainText('Approve');
  await press(page, admin.getByRole('button', { name: 'Approve' }));
  const tokenBox = api.getByRole('textbox', { name: 'API Token' });
  await expect(tokenBox).toHaveValue(/^[0-9A-F]{32}$/);
  const first = await tokenBox.inputValue();
  expect(await seriousViolations(page, '[data-testid="lesson-panel"]')).toEqual([]);
  expect(await seriousViolations(page, '.workshop-panel')).toEqual([]);
  await press(page, api.getByRole('button', { name: 'Use this token in the playground' }));
  await expect(verdict(page)).toContainText('first call');
  await page.keyboard.press('Escape');
  await expect(toggle).toBeFocused();
  // To the step that opens Export REDCap Version, then Execute with the new token.
  const next = panel(page).getByRole('button', { name: 'Next step →' });
  await tabTo(page, next);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
  await expect(page.getByTestId('lesson-step')).toContainText('Step 4 of 5');
  await press(page, panel(page).getByRole('link', { name: 'Open Export REDCap Version' }));
  await expect(page.locator('#method-title')).toHaveText('Export REDCap Version');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('region', { name: 'Response' })).toContainText(/HTTP\s*200\b/);
  await expect(verdict(page)).toContainText('Regenerate');
  // Regenerate: the playground still sends the old token, and REDCap refuses it.
  await press(page, toggle);
  await press(page, api.getByRole('button', { name: 'Regenerate token' }));
  await press(page, api.getByRole('button', { name: 'Yes, regenerate it' }), 'Shift+Tab');
  await expect(tokenBox).not.toHaveValue(first);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('region', { name: 'Response' })).toContainText(/HTTP\s*403\b/);
  await expect(verdict(page)).toContainText('Done.');
  await expect(verdict(page)).toContainText('refused the old token with 403');
  // Expected in the console: the browser's line for that 403, nothing else.
  const refused = guard.consoleErrors.filter(
    (m) => m.includes('Failed to load resource') && m.includes('status of 403'),
  );
  expect(refused).toHaveLength(1);
  guard.consoleErrors.splice(
    0,
    guard.consoleErrors.length,
    ...guard.consoleErrors.filter((m) => !refused.includes(m)),
  );
  const kept = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
  expect(kept).not.toContain(first);
  expect(decodeURIComponent(page.url())).not.toContain(first);
  // Back to the seed's users (alice's token) for the next lessons.
  await press(page, page.getByRole('button', { name: 'Reset demo data' }));
  await expect(
    page.getByRole('combobox', { name: 'Mock project' }).locator('option:checked'),
  ).toHaveText(/alice/);

  // Lesson 2: from the header's Lessons link to Execute, keys only.
  await tabTo(page, page.getByRole('link', { name: 'Lessons', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Lessons', level: 2 })).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: 'Your first call: Export REDCap Version' }));
  await page.keyboard.press('Enter');
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(
    'Lesson 2: Your first call: Export REDCap Version',
  );
  await tabTo(page, panel(page).getByRole('link', { name: 'Open Export REDCap Version' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#method-title')).toHaveText('Export REDCap Version');
  // The step points at the format field: its row is highlighted.
  await expect(page.locator('.field.highlighted')).toContainText('format');
  expect(await seriousViolations(page, '[data-testid="lesson-panel"]')).toEqual([]);
  await page.keyboard.press('Control+Enter');
  await expect(verdict(page)).toContainText('Done.');
  await expect(verdict(page)).toContainText(/REDCap answered \d+\.\d+\.\d+/);

  // Lesson 3: JSON, then CSV.
  await tabTo(page, page.getByRole('link', { name: 'Lessons', exact: true }));
  await page.keyboard.press('Enter');
  // Lesson 1's goal speaks of the first call too: the title tells the items apart.
  const lesson1 = page.getByRole('listitem').filter({ hasText: 'The token: request, approve' });
  await expect(lesson1).toContainText('done');
  const lesson2 = page
    .getByRole('listitem')
    .filter({ hasText: 'Your first call: Export REDCap Version' });
  await expect(lesson2).toContainText('done');
  await tabTo(page, page.getByRole('link', { name: 'Export Records in JSON and in CSV' }));
  await page.keyboard.press('Enter');
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(
    'Lesson 3: Export Records in JSON and in CSV',
  );
  await expect(page.locator('#method-title')).toHaveText('Export Records');
  const format = page.locator('#param-format');
  await expect(format).toHaveValue('json');
  await tabTo(page, format);
  await page.keyboard.press('Control+Enter');
  await expect(verdict(page)).toContainText('Not yet.');
  await expect(verdict(page)).toContainText('csv');
  await page.keyboard.press('c');
  await expect(format).toHaveValue('csv');
  await page.keyboard.press('Control+Enter');
  await expect(verdict(page)).toContainText('Done.');
  expect(await seriousViolations(page, '[data-testid="lesson-panel"]')).toEqual([]);

  // The presenter view: one column, no method list, steps by the arrow keys.
  await tabTo(page, panel(page).getByRole('button', { name: 'Presenter view' }), 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('navigation', { name: 'API methods' })).toBeHidden();
  await expect(page.getByTestId('lesson-step')).toContainText('Step 1 of 2');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('lesson-step')).toContainText('Step 2 of 2');
  await page.keyboard.press('PageUp');
  await expect(page.getByTestId('lesson-step')).toContainText('Step 1 of 2');
  await page.keyboard.press('PageDown');
  expect(await seriousViolations(page)).toEqual([]);

  // The link for learners: this lesson, this step, this mock user; never a token.
  await tabTo(page, panel(page).getByText('Link for learners', { exact: true }));
  await page.keyboard.press('Enter');
  const link = await page.getByLabel(/^Link for learners/).inputValue();
  expect(link).toContain('_lesson=export-formats');
  expect(link).toContain('_step=2');
  expect(link).toContain('_mock=classic-demo%2Falice');
  expect(link).not.toContain(ALICE_TOKEN);
  expect(decodeURIComponent(page.url())).not.toContain(ALICE_TOKEN);

  // A learner's screen: the same lesson at the same step, not in the presenter view.
  const learner = await page.context().browser()!.newPage();
  await learner.goto(link);
  await expect(panel(learner).getByRole('heading', { level: 2 })).toHaveText(
    'Lesson 3: Export Records in JSON and in CSV',
  );
  await expect(learner.getByTestId('lesson-step')).toContainText('Step 2 of 2');
  await expect(learner.getByRole('navigation', { name: 'API methods' })).toBeVisible();
  const stored = await learner.evaluate(() => JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(ALICE_TOKEN);
  await learner.close();
});

test('a link to a lesson that does not exist says so, and the page still works', async ({
  page,
}) => {
  await page.goto('/#/exp_rc_v?_lesson=no-such-lesson&_step=3');
  await expect(panel(page)).toContainText('which this playground does not have');
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Response' })).toContainText('HTTP 200');
});
