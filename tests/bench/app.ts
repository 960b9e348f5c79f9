// The playground in Chromium, as users get it (`npm start`'s build and server): Execute → first
// table rows of a 10,000- and a 100,000-record export against a raw fetch + JSON.parse of the
// same answer in the same page, the longest main-thread task meanwhile, time to a usable method
// list against a blank Vite + Svelte page, and the initial JavaScript against that page's.
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { sizeReport } from '../../src/cli/size.ts';
import { buildIfStale } from '../../src/server/build-if-stale.ts';
import { createForwarder } from '../../src/server/forwarder.ts';
import { createStaticServer } from '../../src/server/server.ts';
import {
  buildBlankApp,
  launchChromium,
  PROJECT_ROOT,
  removeBlankApp,
  startStandIn,
} from './browser.ts';
import type { Benchmark } from './harness.ts';

const log = (message: string): void => void process.stderr.write(`  app: ${message}\n`);

const LARGE_TOKENS: Readonly<Record<number, string>> = {
  10_000: 'A11CE000000000000000000000010000',
  100_000: 'A11CE000000000000000000000100000',
};

/** Where the table's first rows show (the rows count now; the Table view's rows later). */
const FIRST_ROWS =
  '[data-testid="table-rows"], section[aria-label="Response"] [role="row"], section[aria-label="Response"] tbody tr';
const METHOD_LIST = 'nav[aria-label="API methods"] :is(button, a, [role="option"])';

/** Installed before any page script: the longest task since the last reset. */
function observeLongTasks(): void {
  const w = window as unknown as { __longest: number };
  w.__longest = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
  }).observe({ type: 'longtask' });
}

/** Installed before any page script: when `selector` first matches, in ms since navigation. */
function markWhenShown(selector: string): void {
  const w = window as unknown as { __shown?: number };
  const check = (): void => {
    if (w.__shown === undefined && document.querySelector(selector)) w.__shown = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true });
}

interface ExportRun {
  readonly firstRowsMs: number;
  readonly longestTaskMs: number;
  readonly text: string;
}

/** In the page: click Execute, time the first rows, wait until the run has ended. */
function executeAndTime(selector: string): Promise<ExportRun> {
  const w = window as unknown as { __longest: number };
  const button = [...document.querySelectorAll('button')].find(
    (b) => b.textContent?.trim() === 'Execute',
  )!;
  const response = document.querySelector('section[aria-label="Response"]')!;
  return new Promise((resolve) => {
    let cleared = !document.querySelector(selector);
    let firstRowsMs = -1;
    const observer = new MutationObserver(() => {
      const shown = document.querySelector(selector) !== null;
      if (!shown) cleared = true;
      else if (cleared && firstRowsMs < 0) firstRowsMs = performance.now() - started;
      if (firstRowsMs >= 0 && !button.disabled) {
        observer.disconnect();
        // Long tasks are reported after they end: give the last one time to arrive.
        setTimeout(
          () =>
            resolve({ firstRowsMs, longestTaskMs: w.__longest, text: response.textContent ?? '' }),
          500,
        );
      }
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
    w.__longest = 0;
    const started = performance.now();
    button.click();
  });
}

interface Sent {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** In the page: the same request with a plain fetch, then JSON.parse of the whole answer. */
async function rawFetchAndParse(
  sent: Sent,
): Promise<{ ms: number; longestTaskMs: number; rows: number }> {
  const w = window as unknown as { __longest: number };
  w.__longest = 0;
  const started = performance.now();
  const res = await fetch(sent.url, {
    method: 'POST',
    headers: sent.headers,
    body: sent.body,
    credentials: 'omit',
    cache: 'no-store',
  });
  const rows = JSON.parse(await res.text()) as unknown[];
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { ms, longestTaskMs: w.__longest, rows: rows.length };
}

interface ExportFigures {
  readonly firstRows: number[];
  readonly rawParse: number[];
  readonly longest: number[];
  readonly rawLongest: number[];
}

async function openExport(page: Page, records: number, live: string | null): Promise<void> {
  await page.goto('/');
  if (live) {
    await page.getByRole('radio', { name: 'Live' }).check();
    await page.getByRole('textbox', { name: 'API URL' }).fill(live);
    await page.getByLabel('Token', { exact: true }).fill(LARGE_TOKENS[records]!);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page
      .getByLabel('Connected project')
      .filter({ hasText: records.toLocaleString('en-US') })
      .waitFor({ timeout: 180_000 });
  } else {
    const chooser = page.getByRole('combobox', { name: 'Mock project' });
    await page.waitForFunction(
      () => !(document.querySelector('select') as HTMLSelectElement | null)?.disabled,
    );
    const option = chooser
      .locator('option')
      .filter({ hasText: `${records.toLocaleString('en-US')} records` })
      .first();
    await chooser.selectOption({ label: ((await option.textContent()) ?? '').trim() });
  }
  await page.getByRole('searchbox', { name: 'Search methods' }).fill('Export Records');
  await page
    .locator(METHOD_LIST)
    .filter({ hasText: /^Export Records$/ })
    .first()
    .click();
  await page.getByLabel('format', { exact: true }).selectOption('json');
}

async function measureExports(
  context: BrowserContext,
  records: number,
  live: string | null,
  runs: number,
): Promise<ExportFigures> {
  const page = await context.newPage();
  let sent: Sent | null = null;
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !/__redcap_(mock|forward)__/.test(request.url())) return;
    const headers = request.headers();
    const body = request.postData() ?? '';
    if (!body.includes('content=record')) return;
    sent = { url: request.url(), headers, body };
  });
  await openExport(page, records, live);
  const figures: ExportFigures = { firstRows: [], rawParse: [], longest: [], rawLongest: [] };
  const count = records.toLocaleString('en-US');
  // One warm-up: builds the large project on first use, loads the worker code.
  const collect = () => page.evaluate(() => (window as unknown as { gc?: () => void }).gc?.());
  for (let i = 0; i <= runs; i++) {
    await collect();
    const run = await page.evaluate(executeAndTime, FIRST_ROWS);
    if (!run.text.includes(count) || !/HTTP\s*200/.test(run.text)) {
      throw new Error(
        `Export of ${count} records did not reach the table: ${run.text.slice(0, 200)}`,
      );
    }
    await collect();
    const raw = await page.evaluate(rawFetchAndParse, sent!);
    if (raw.rows !== records) throw new Error(`The raw fetch got ${raw.rows} rows`);
    log(
      `${count} ${live ? 'live' : 'mock'} ${i === 0 ? 'warm-up' : `run ${i}/${runs}`}: first rows ` +
        `${run.firstRowsMs.toFixed(0)} ms (raw ${raw.ms.toFixed(0)} ms), longest task ` +
        `${run.longestTaskMs.toFixed(0)} ms (raw ${raw.longestTaskMs.toFixed(0)} ms)`,
    );
    if (i === 0) continue;
    figures.firstRows.push(run.firstRowsMs);
    figures.rawParse.push(raw.ms);
    figures.longest.push(run.longestTaskMs);
    figures.rawLongest.push(raw.longestTaskMs);
  }
  await page.close();
  return figures;
}

/** In the page, once the network is idle: encoded bytes of everything requested before `until`. */
function bytesRequestedBefore(until: number): number {
  const entries = [
    ...performance.getEntriesByType('navigation'),
    ...performance.getEntriesByType('resource'),
  ] as PerformanceResourceTiming[];
  // Encoded body sizes (compression counts) of every request started before the list was usable,
  // including those still arriving then; headers add a few hundred bytes each, not counted.
  return entries.filter((e) => e.startTime < until).reduce((sum, e) => sum + e.encodedBodySize, 0);
}

interface Shown {
  readonly ms: number;
  readonly bytes: number;
}

/** Fresh context each time (no cache), alternating the app and the blank page. */
async function timeToShown(
  open: () => Promise<BrowserContext>,
  url: string,
  selector: string,
): Promise<Shown> {
  const context = await open();
  const page = await context.newPage();
  await page.addInitScript(markWhenShown, selector);
  await page.goto(url);
  await page.waitForFunction(() => (window as { __shown?: number }).__shown !== undefined);
  const ms = await page.evaluate(() => (window as unknown as { __shown: number }).__shown);
  await page.waitForLoadState('networkidle');
  const bytes = await page.evaluate(bytesRequestedBefore, ms);
  await context.close();
  return { ms, bytes };
}

export async function appBenchmarks(): Promise<Benchmark[]> {
  await buildIfStale({ projectRoot: PROJECT_ROOT, log });
  const dist = join(PROJECT_ROOT, 'dist');
  log('building the blank Vite + Svelte page');
  const blankDist = await buildBlankApp();
  const blankSize = await sizeReport(blankDist);
  const standIn = await startStandIn();
  const app = await createStaticServer({
    root: dist,
    handlers: [createForwarder({ targets: [standIn.apiUrl] })],
  });
  const blank = await createStaticServer({ root: blankDist });
  const browser = await launchChromium();
  const open = async (): Promise<BrowserContext> => {
    const context = await browser.newContext({ baseURL: app.url });
    await context.addInitScript(observeLongTasks);
    return context;
  };
  try {
    const exports: [string, number, string | null, ExportFigures][] = [];
    for (const [records, live, runs] of [
      [10_000, null, 5],
      [100_000, null, 3],
      [100_000, standIn.apiUrl, 3],
    ] as const) {
      const context = await open();
      exports.push([
        live ? 'live' : 'mock',
        records,
        live,
        await measureExports(context, records, live, runs),
      ]);
      await context.close();
    }

    const appShown: number[] = [];
    const blankShown: number[] = [];
    const appBytes: number[] = [];
    const blankBytes: number[] = [];
    for (let i = 0; i <= 7; i++) {
      const a = await timeToShown(open, app.url, METHOD_LIST);
      const b = await timeToShown(open, blank.url, '#app h1');
      if (i === 0) continue;
      appShown.push(a.ms);
      blankShown.push(b.ms);
      appBytes.push(a.bytes / 1024);
      blankBytes.push(b.bytes / 1024);
    }
    log(
      `method list ${appShown.map((v) => v.toFixed(0)).join(', ')} ms; blank ${blankShown.map((v) => v.toFixed(0)).join(', ')} ms`,
    );
    log(
      `on the wire before it: ${appBytes.map((v) => v.toFixed(1)).join(', ')} KiB; blank ${blankBytes.map((v) => v.toFixed(1)).join(', ')} KiB`,
    );

    const appSize = await sizeReport(dist);

    const benchmarks: Benchmark[] = [];
    for (const [mode, records, , f] of exports) {
      const count = records.toLocaleString('en-US');
      benchmarks.push({
        suite: 'app',
        name: `Execute → first table rows, ${count} records (${mode})`,
        subject: { label: 'app', figures: f.firstRows },
        reference: { label: 'fetch + JSON.parse', figures: f.rawParse },
        goal: { kind: 'ratio', max: 2 },
      });
    }
    for (const [mode, records, , f] of exports) {
      benchmarks.push({
        suite: 'app',
        name: `longest main-thread task, ${records.toLocaleString('en-US')} records (${mode})`,
        subject: { label: 'app', figures: f.longest },
        reference: { label: 'fetch + JSON.parse', figures: f.rawLongest },
        goal: { kind: 'ms', below: 200 },
        aggregate: 'max',
      });
    }
    benchmarks.push(
      {
        suite: 'app',
        name: 'time to a usable method list',
        subject: { label: 'app', figures: appShown },
        reference: { label: 'blank Vite + Svelte page', figures: blankShown },
        goal: { kind: 'ratio', max: 1.5 },
      },
      {
        suite: 'app',
        name: 'bytes on the wire before the method list is usable (encoded)',
        subject: { label: 'app', figures: appBytes },
        reference: { label: 'blank Vite + Svelte page', figures: blankBytes },
        goal: { kind: 'max', max: 100 },
        unit: 'KiB',
      },
      {
        suite: 'app',
        name: 'initial JavaScript, gzip',
        subject: { label: 'app', figures: [appSize.initialGzip / 1024] },
        reference: { label: 'blank Vite + Svelte page', figures: [blankSize.initialGzip / 1024] },
        goal: { kind: 'max', max: 67 },
        unit: 'KiB',
      },
    );
    return benchmarks;
  } finally {
    await browser.close();
    await app.close();
    await blank.close();
    standIn.stop();
    removeBlankApp();
  }
}
