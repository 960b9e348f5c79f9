import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

// Workshop mode (issue #23): lessons 2 and 3 as a learner does them, by keyboard only; axe on the
// lesson panel and the presenter view; the presenter's link for learners.

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ALICE_TOKEN = '3F2504E04F8911D39A0C0305E82C3301';

/** Presses Tab until `target` has the focus (as a keyboard user would), then nothing else. */
async function tabTo(page: Page, target: Locator, key = 'Tab', limit = 200): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function seriousViolations(page: Page, selector?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (within) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{
            violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    return axe.run(within ? document.querySelector(within) : document, {
      resultTypes: ['violations'],
    });
  }, selector ?? null);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

const panel = (page: Page) => page.getByTestId('lesson-panel');
const verdict = (page: Page) => page.getByTestId('lesson-verdict');

test('lessons 2 and 3 by keyboard only, axe clean in the lesson panel and the presenter view', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.locator('[data-interactive]')).toBeVisible();

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
  const lesson2 = page.getByRole('listitem').filter({ hasText: 'Your first call' });
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
