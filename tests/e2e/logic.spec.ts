import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, methodEntry, rawResponse, responseRegion, test } from './fixtures.ts';

// filterLogic typed with the editor's completion, sent to the in-page mock (classic demo).

// axe-core is injected as a script; the production CSP (script-src 'self') would refuse it.
test.use({ bypassCSP: true });

/** axe-core's violations inside the filterLogic row (open list, messages shown). */
async function axeViolations(page: Page): Promise<string[]> {
  const source = readFileSync(
    new URL('../../node_modules/axe-core/axe.min.js', import.meta.url),
    'utf8',
  );
  await page.addScriptTag({ content: source });
  return page.evaluate(async () => {
    type Axe = {
      run: (
        context: Element,
        options: object,
      ) => Promise<{ violations: { id: string; nodes: { html: string }[] }[] }>;
    };
    const axe = (window as unknown as { axe: Axe }).axe;
    const row = document.getElementById('param-filterLogic')!.closest('.field')!;
    // ARIA in HTML allows no role on <textarea>, but a multi-line combobox is what ARIA 1.2's
    // combobox pattern permits and what lets aria-expanded be announced: that rule is off.
    const result = await axe.run(row, { rules: { 'aria-allowed-role': { enabled: false } } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
  });
}

test('filterLogic: complete a field and a code with the keyboard, execute, filtered records back', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Search methods' }).fill('Export Records');
  await methodEntry(page, 'Export Records').click();
  await page.getByLabel('fields', { exact: true }).fill('record_id, age, sex');

  const logic = page.getByRole('combobox', { name: 'filterLogic' });
  const list = page.getByRole('listbox', { name: 'Suggestions' });
  await logic.click();
  await page.keyboard.type('[');
  await expect(list).toBeVisible();
  await expect(list.getByRole('option').first()).toContainText('record_id');
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.type('ag');
  await expect(list.getByRole('option', { selected: true })).toContainText('age');
  await page.keyboard.press('Enter');
  await expect(logic).toHaveValue('[age]');
  await expect(list).toBeHidden();

  await page.keyboard.type(' > 55 and [se');
  await expect(list.getByRole('option', { selected: true })).toContainText('sex');
  await page.keyboard.press('Tab');
  await page.keyboard.type(' = ');
  await expect(list.getByRole('option')).toHaveText([/'0'\s*Female/, /'1'\s*Male/]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(logic).toHaveValue(`[age] > 55 and [sex] = '1'`);

  // A hint never blocks; the check says nothing for this logic.
  await expect(page.locator('#param-filterLogic-check')).not.toContainText(/Error|Hint/);
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
  const rows = JSON.parse(await rawResponse(page)) as { record_id: string }[];
  // Men older than 55 in the classic demo: 9 (61) and 21 (58).
  expect([...new Set(rows.map((r) => r.record_id))]).toEqual(['9', '21']);
});

test('filterLogic: a syntax error is shown under the field and nothing is sent', async ({
  page,
  guard,
}) => {
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Search methods' }).fill('Export Records');
  await methodEntry(page, 'Export Records').click();
  const logic = page.getByRole('combobox', { name: 'filterLogic' });
  await logic.fill(`[agee] > 30 && [sex] = '1'`);
  const check = page.locator('#param-filterLogic-check');
  await expect(check).toContainText('agee is not a field in this project; did you mean age?');
  await expect(check).toContainText('REDCap writes and, not &&');
  const before = guard.mockPosts();
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(page.locator('#param-filterLogic-error')).toContainText(
    'filterLogic is not valid REDCap logic: REDCap writes and, not &&',
  );
  expect(guard.mockPosts()).toBe(before);
  await expect(logic).toHaveValue(`[agee] > 30 && [sex] = '1'`);
});
