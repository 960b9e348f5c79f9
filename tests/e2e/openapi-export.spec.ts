import { readFile } from 'node:fs/promises';
import { expect, methodEntry, test } from './fixtures.ts';

/** Issue #25: the whole catalog and the method on screen as OpenAPI 3.1, from the page. */

interface Document {
  openapi: string;
  paths: Record<string, { post: { summary: string } }>;
  components: { schemas: Record<string, { 'x-redcap-method'?: string }> };
}

test('Export: the whole catalog and the method on screen as OpenAPI 3.1, no long task over 100 ms', async ({
  page,
  guard,
}) => {
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Search methods' }).fill('export records');
  await methodEntry(page, 'Export Records').click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Export Records', exact: true }),
  ).toBeVisible();
  // The longest main-thread task from here on: building the document happens on the click.
  await page.evaluate(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
    }).observe({ type: 'longtask' });
  });
  await page.locator('summary', { hasText: /^Export$/ }).click();

  const whole = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Whole catalog as OpenAPI 3.1' }).click();
  const download = await whole;
  expect(download.suggestedFilename()).toBe('redcap-api.openapi.json');
  const doc = JSON.parse(await readFile((await download.path())!, 'utf8')) as Document;
  expect(doc.openapi).toBe('3.1.0');
  const methods = Object.values(doc.components.schemas).filter((s) => s['x-redcap-method']);
  expect(methods).toHaveLength(55);

  const one = page.waitForEvent('download');
  await page.getByRole('button', { name: 'This method as OpenAPI 3.1' }).click();
  const single = await one;
  expect(single.suggestedFilename()).toBe('redcap-exp_records.openapi.json');
  const method = JSON.parse(await readFile((await single.path())!, 'utf8')) as Document;
  expect(method.paths['/api/']!.post.summary).toBe('Export Records (exp_records)');

  await page.waitForTimeout(300);
  const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
  console.log(`openapi export: longest main-thread task ${longest.toFixed(0)} ms`);
  expect(longest).toBeLessThan(100);
  expect(guard.consoleErrors).toEqual([]);
});
