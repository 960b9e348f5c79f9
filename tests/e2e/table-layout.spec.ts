import { expect, methodEntry, responseRegion, test } from './fixtures.ts';

/**
 * The Table view is laid out as a table: the header cells side by side in one row, above the
 * first row of cells and aligned with its columns (a scoped style once left the header row,
 * rendered by GridHeader.svelte, stacking its cells in one column).
 */
test('the Table view shows its header cells in one row, over their columns', async ({ page }) => {
  await page.goto('/');
  await methodEntry(page, 'Export Records').click();
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  const response = responseRegion(page);
  await expect(response).toContainText(/HTTP\s*200\b/);
  await response.getByRole('tab', { name: 'Table' }).click();
  const grid = response.getByRole('grid', { name: 'Response as a table' });
  const headers = grid.getByRole('columnheader');
  await expect(headers.first()).toBeVisible();
  const boxes = await headers.evaluateAll((cells) =>
    cells.slice(0, 3).map((cell) => cell.getBoundingClientRect().toJSON() as DOMRect),
  );
  expect(boxes).toHaveLength(3);
  const [a, b, c] = boxes as [DOMRect, DOMRect, DOMRect];
  expect([b.y, c.y]).toEqual([a.y, a.y]);
  expect(b.x).toBeGreaterThanOrEqual(a.x + a.width - 1);
  expect(c.x).toBeGreaterThanOrEqual(b.x + b.width - 1);
  const firstCell = grid.getByRole('gridcell').first();
  const cell = (await firstCell.boundingBox())!;
  expect(cell.y).toBeGreaterThanOrEqual(a.y + a.height - 1);
  expect(Math.abs(cell.x - a.x)).toBeLessThan(2);
});
