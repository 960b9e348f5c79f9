import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';

// Postman and Bruno downloads in the real page (issue #25): the files the browser saves, the
// mock user's token in none of them, and no long task over 100 ms while they are built.

test('Postman / Bruno saves the catalog, the group and the request, without the token', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  await page.goto('/#/exp_records?format=json');
  await expect(page.getByRole('combobox', { name: 'Mock project' })).toBeEnabled();
  await page.getByLabel('records', { exact: true }).fill('3, 4');
  await page.getByRole('button', { name: 'Postman / Bruno' }).click();
  const region = page.getByRole('region', { name: 'Postman and Bruno collections' });
  await expect(region).toBeVisible();
  // The longest task from here on: building and saving the six downloads.
  await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));

  const saved: { name: string; text: string }[] = [];
  for (const button of await region.getByRole('button').all()) {
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const path = await download.path();
    saved.push({ name: download.suggestedFilename(), text: readFileSync(path, 'latin1') });
  }
  expect(saved.map((s) => s.name)).toEqual([
    'redcap-api.postman_collection.json',
    'redcap-api.bruno.zip',
    'redcap-api-records.postman_collection.json',
    'redcap-api-records.bruno.zip',
    'exp_records.postman_collection.json',
    'exp_records.bru',
  ]);
  const request = JSON.parse(saved[4]!.text) as {
    item: { request: { body: { urlencoded: { key: string; value: string }[] } } }[];
  };
  expect(request.item[0]!.request.body.urlencoded.map((f) => [f.key, f.value])).toEqual(
    expect.arrayContaining([
      ['token', '{{redcap_token}}'],
      ['records[0]', '3'],
      ['records[1]', '4'],
    ]),
  );
  // The mock users' tokens are 32 hex characters: none in any file.
  for (const file of saved) expect(file.text, file.name).not.toMatch(/\b[0-9A-F]{32}\b/);
  const longest = await page.evaluate(() =>
    Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks),
  );
  console.log(`collections: longest task while saving the six downloads: ${longest.toFixed(0)} ms`);
  expect(longest).toBeLessThanOrEqual(100);
});
