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
/**
 * The method list once it answers clicks: the page's first script (src/boot.ts) marks
 * `<html data-interactive>` when its listener is on the prerendered list.
 */
const METHOD_LIST =
  '[data-interactive] nav[aria-label="API methods"] :is(button, a, [role="option"])';
/** The same list once the app has hydrated it (Playground.svelte marks its layout). */
const HYDRATED_LIST = '[data-hydrated] nav[aria-label="API methods"] button';

/** Installed before any page script: the longest task since the last reset. */
function observeLongTasks(): void {
  const w = window as unknown as { __longest: number };
  w.__longest = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
  }).observe({ type: 'longtask' });
}

/** Installed before any page script: when `selector` first matches, in ms since navigation. */
function markWhenShown(selectors: readonly string[]): void {
  const w = window as unknown as { __shown: (number | undefined)[] };
  w.__shown = selectors.map(() => undefined);
  const check = (): void => {
    selectors.forEach((selector, i) => {
      if (w.__shown[i] === undefined && document.querySelector(selector)) {
        w.__shown[i] = performance.now();
      }
    });
  };
  // Attributes too: both marks are attributes set on elements already in the page.
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
  });
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
  // By accessible name: while searching, each button also shows its group (aria-hidden).
  await page
    .locator('nav[aria-label="API methods"]')
    .getByRole('button', { name: 'Export Records', exact: true })
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

// ---- The grid at 100,000 records × 55 columns: sort, filter, raw ↔ label, column summary ----

/** One thing done to the Table view; every one of them makes the table worker answer. */
interface GridStep {
  readonly name: string;
  readonly kind: 'sort' | 'filter' | 'labels' | 'summary';
  /** sort: the column; filter: the text; summary: the column. */
  readonly target: string;
}

/** The mock export's columns (mocks/fixtures/generate.ts): field_7 text, field_2 number, field_3 date. */
const GRID_STEPS: readonly GridStep[] = [
  { name: 'sort by a text column', kind: 'sort', target: 'field_7' },
  { name: 'sort by a number column', kind: 'sort', target: 'field_2' },
  { name: 'sort by a date column', kind: 'sort', target: 'field_3' },
  { name: 'filter', kind: 'filter', target: 'gamma 1' },
  { name: 'raw → label', kind: 'labels', target: 'on' },
  { name: 'label → raw', kind: 'labels', target: 'off' },
  { name: 'filter cleared', kind: 'filter', target: '' },
  { name: 'column summary', kind: 'summary', target: 'field_2' },
];

interface StepRun {
  readonly ms: number;
  readonly longestTaskMs: number;
}

/**
 * In the page: one step, timed from the action to its result on screen (the grid no longer
 * aria-busy after having been, or the summary's chart), with the longest task meanwhile.
 */
function gridStep(step: GridStep): Promise<StepRun> {
  const w = window as unknown as { __longest: number };
  const response = document.querySelector('section[aria-label="Response"]')!;
  const grid = response.querySelector('[role="grid"]')!;
  const control = (text: string): HTMLElement | null => {
    const label = [...response.querySelectorAll('label')].find((l) =>
      l.textContent?.includes(text),
    );
    return label?.querySelector('input, select') ?? null;
  };
  let sawBusy = false;
  const busy = (): boolean => grid.getAttribute('aria-busy') === 'true';
  let act: () => void;
  let done = (): boolean => sawBusy && !busy();
  if (step.kind === 'sort') {
    const button = grid.querySelector<HTMLButtonElement>(`button[title="${step.target}"]`)!;
    act = () => button.click();
  } else if (step.kind === 'filter') {
    const box = response.querySelector<HTMLInputElement>('input[type="search"]')!;
    act = () => {
      box.value = step.target;
      box.dispatchEvent(new Event('input', { bubbles: true }));
    };
  } else if (step.kind === 'labels') {
    const box = control('Show labels') as HTMLInputElement;
    if (box.checked === (step.target === 'on')) throw new Error(`labels already ${step.target}`);
    act = () => box.click();
    const header = (): string =>
      grid.querySelector('[role="columnheader"] button')?.textContent ?? '';
    // The first header: record_id raw, "Record ID" with labels.
    done = () => sawBusy && !busy() && header().startsWith('record_id') === (step.target === 'off');
  } else {
    const select = control('Summarize column') as HTMLSelectElement;
    const option = [...select.options].find((o) => o.textContent?.trim() === step.target)!;
    select.value = '-1';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    act = () => {
      select.value = option.value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    };
    done = () => response.querySelector('figure') !== null;
  }
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (busy()) sawBusy = true;
      if (!done()) return;
      const ms = performance.now() - started;
      observer.disconnect();
      clearTimeout(timeout);
      // Long tasks are reported after they end: give the last one time to arrive.
      setTimeout(() => resolve({ ms, longestTaskMs: w.__longest }), 500);
    };
    const observer = new MutationObserver(check);
    observer.observe(response, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
    const timeout = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${step.name}: no result within 120 s`));
    }, 120_000);
    w.__longest = 0;
    const started = performance.now();
    act();
  });
}

/**
 * In the page, the reference: each step's work done the plain way on the main thread (Array
 * sort, filter, a label lookup of every cell, a count of one column's values) over the same
 * answer, fetched and parsed first (untimed). The parsed rows are dropped at the end: kept in
 * the page, their 5.5 million strings would lengthen the garbage collector's pauses during the
 * app's own steps.
 */
async function plainSteps(args: { sent: Sent; steps: readonly GridStep[] }): Promise<StepRun[]> {
  const w = window as unknown as { __longest: number; __kept?: unknown };
  const { sent, steps } = args;
  const res = await fetch(sent.url, {
    method: 'POST',
    headers: sent.headers,
    body: sent.body,
    credentials: 'omit',
    cache: 'no-store',
  });
  let rows = JSON.parse(await res.text()) as Record<string, string>[];
  const pause = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, 500));
  await pause();
  const out: StepRun[] = [];
  for (const step of steps) {
    w.__longest = 0;
    const started = performance.now();
    if (step.kind === 'sort') {
      const f = step.target;
      w.__kept = rows.map((_, i) => i).sort((a, b) => (rows[a]![f]! < rows[b]![f]! ? -1 : 1));
    } else if (step.kind === 'filter') {
      const needle = step.target.toLowerCase();
      w.__kept = rows.filter((r) => Object.values(r).some((v) => v.toLowerCase().includes(needle)));
    } else if (step.kind === 'labels') {
      const labels = new Map([
        ['0', 'No'],
        ['1', 'Yes'],
      ]);
      w.__kept = rows.map((r) => Object.values(r).map((v) => labels.get(v) ?? v));
    } else {
      const counts = new Map<string, number>();
      for (const r of rows) counts.set(r[step.target]!, (counts.get(r[step.target]!) ?? 0) + 1);
      w.__kept = counts;
    }
    const ms = performance.now() - started;
    // Long tasks are reported after they end: give the last one time to arrive.
    await pause();
    out.push({ ms, longestTaskMs: w.__longest });
    w.__kept = undefined;
  }
  rows = [];
  return out;
}

interface StepFigures {
  readonly ms: number[];
  readonly longest: number[];
  readonly plainMs: number[];
  readonly plainLongest: number[];
}

/** The grid steps on the 100,000-record mock export, `runs` times after a warm-up, alternating. */
export async function measureGrid(
  context: BrowserContext,
  records: number,
  runs: number,
): Promise<Map<string, StepFigures>> {
  const page = await context.newPage();
  let sent: Sent | null = null;
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !/__redcap_(mock|forward)__/.test(request.url())) return;
    const body = request.postData() ?? '';
    if (body.includes('content=record'))
      sent = { url: request.url(), headers: request.headers(), body };
  });
  await openExport(page, records, null);
  const run = await page.evaluate(executeAndTime, FIRST_ROWS);
  if (!run.text.includes(records.toLocaleString('en-US')))
    throw new Error(`The export did not reach the table: ${run.text.slice(0, 200)}`);
  await page.locator('section[aria-label="Response"] [role="grid"]').waitFor({ timeout: 60_000 });
  const figures = new Map<string, StepFigures>();
  for (const step of GRID_STEPS)
    figures.set(step.name, { ms: [], longest: [], plainMs: [], plainLongest: [] });
  const collect = () => page.evaluate(() => (window as unknown as { gc?: () => void }).gc?.());
  // Alternating by run: the app's steps, then the plain ones (their rows dropped after).
  for (let i = 0; i <= runs; i++) {
    const app: StepRun[] = [];
    for (const step of GRID_STEPS) {
      await collect();
      app.push(await page.evaluate(gridStep, step));
    }
    await collect();
    const plain = await page.evaluate(plainSteps, { sent: sent!, steps: GRID_STEPS });
    await collect();
    GRID_STEPS.forEach((step, s) => {
      const [a, p] = [app[s]!, plain[s]!];
      log(
        `grid ${i === 0 ? 'warm-up' : `run ${i}/${runs}`}, ${step.name}: ${a.ms.toFixed(0)} ms, ` +
          `longest task ${a.longestTaskMs.toFixed(0)} ms (plain ${p.ms.toFixed(0)} ms, ` +
          `longest ${p.longestTaskMs.toFixed(0)} ms)`,
      );
      if (i === 0) return;
      const f = figures.get(step.name)!;
      f.ms.push(a.ms);
      f.longest.push(a.longestTaskMs);
      f.plainMs.push(p.ms);
      f.plainLongest.push(p.longestTaskMs);
    });
  }
  await page.close();
  return figures;
}

/** The grid figures as benchmarks: the longest task (goal under 100 ms) and the time to the result. */
export function gridBenchmarks(records: number, figures: Map<string, StepFigures>): Benchmark[] {
  const count = records.toLocaleString('en-US');
  const out: Benchmark[] = [];
  for (const [name, f] of figures) {
    out.push(
      {
        suite: 'app',
        name: `longest main-thread task, ${name}, ${count} records (mock)`,
        subject: { label: 'app (table worker)', figures: f.longest },
        reference: { label: 'plain JS on the page', figures: f.plainLongest },
        goal: { kind: 'ms', below: 100 },
        aggregate: 'max',
      },
      {
        suite: 'app',
        name: `time to the result, ${name}, ${count} records (mock)`,
        subject: { label: 'app (table worker)', figures: f.ms },
        reference: { label: 'plain JS on the page', figures: f.plainMs },
        goal: { kind: 'ms', below: 5000 },
      },
    );
  }
  return out;
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
  /** Until the first selector matched and the page had painted content (whichever is later). */
  readonly ms: number;
  /** Until each selector matched and the page had painted content. */
  readonly each: readonly number[];
  /** Until the first selector matched, paint aside. */
  readonly marked: number;
  /** The first contentful paint. */
  readonly painted: number;
  readonly bytes: number;
}

/**
 * In the page: the first contentful paint, in ms since navigation. A list is usable when it is
 * on screen and answers clicks: a mark set before the page has painted (its stylesheets still on
 * the way, say) is not yet something a person can click.
 */
function firstContentfulPaint(): Promise<number> {
  return new Promise((resolve) => {
    new PerformanceObserver((list, observer) => {
      const entry = list.getEntriesByName('first-contentful-paint')[0];
      if (!entry) return;
      observer.disconnect();
      resolve(entry.startTime);
    }).observe({ type: 'paint', buffered: true });
  });
}

/** Fresh context each time (no cache), alternating the app and the blank page. */
async function timeToShown(
  open: () => Promise<BrowserContext>,
  url: string,
  selectors: readonly string[],
): Promise<Shown> {
  const context = await open();
  const page = await context.newPage();
  await page.addInitScript(markWhenShown, selectors);
  await page.goto(url);
  await page.waitForFunction(() =>
    (window as unknown as { __shown: (number | undefined)[] }).__shown.every(
      (t) => t !== undefined,
    ),
  );
  const marks = await page.evaluate(() => (window as unknown as { __shown: number[] }).__shown);
  const painted = await page.evaluate(firstContentfulPaint);
  const each = marks.map((mark) => Math.max(mark, painted));
  const ms = each[0]!;
  await page.waitForLoadState('networkidle');
  const bytes = await page.evaluate(bytesRequestedBefore, ms);
  await context.close();
  return { ms, each, marked: marks[0]!, painted, bytes };
}

/** First-load rounds (10 left the ratio between 1.2× and 1.9× from run to run on this machine). */
const ROUNDS = 20;

/**
 * Time to a usable method list (on screen and answering clicks), to the hydrated list, and the
 * bytes before, against the blank page: `ROUNDS` rounds after 2 warm-ups, a fresh context (no
 * cache) each time, alternating which page goes first.
 */
async function firstLoadBenchmarks(
  open: () => Promise<BrowserContext>,
  appUrl: string,
  blankUrl: string,
): Promise<Benchmark[]> {
  const appShown: number[] = [];
  const appHydrated: number[] = [];
  const blankShown: number[] = [];
  const appMarked: number[] = [];
  const appPainted: number[] = [];
  const blankMarked: number[] = [];
  const blankPainted: number[] = [];
  const appBytes: number[] = [];
  const blankBytes: number[] = [];
  for (let i = 0; i < ROUNDS + 2; i++) {
    // Alternating which goes first, so neither always meets a warmer or busier machine.
    const appRun = () => timeToShown(open, appUrl, [METHOD_LIST, HYDRATED_LIST]);
    const blankRun = () => timeToShown(open, blankUrl, ['#app h1']);
    const a = i % 2 === 0 ? await appRun() : null;
    const b = await blankRun();
    const a2 = a ?? (await appRun());
    if (i < 2) continue;
    appShown.push(a2.ms);
    appMarked.push(a2.marked);
    appPainted.push(a2.painted);
    blankMarked.push(b.marked);
    blankPainted.push(b.painted);
    appHydrated.push(a2.each[1]!);
    blankShown.push(b.ms);
    appBytes.push(a2.bytes / 1024);
    blankBytes.push(b.bytes / 1024);
  }
  const list = (v: number[]): string => v.map((x) => x.toFixed(0)).join(', ');
  log(`list answering clicks ${list(appMarked)} ms; blank's heading in ${list(blankMarked)} ms`);
  log(`first contentful paint ${list(appPainted)} ms; blank ${list(blankPainted)} ms`);
  log(`hydrated list ${list(appHydrated)} ms`);
  log(`usable list ${list(appShown)} ms; blank ${list(blankShown)} ms`);
  const kib = (v: number[]): string => v.map((x) => x.toFixed(1)).join(', ');
  log(`on the wire before it: ${kib(appBytes)} KiB; blank ${kib(blankBytes)} KiB`);

  return [
    {
      suite: 'app',
      name: 'time to a usable method list (on screen and answering clicks)',
      subject: { label: 'app', figures: appShown },
      reference: { label: 'blank Vite + Svelte page', figures: blankShown },
      goal: { kind: 'ratio', max: 1.5 },
    },
    {
      suite: 'app',
      name: 'time to the method list hydrated by the app (clicks answered before, by src/boot.ts)',
      subject: { label: 'app', figures: appHydrated },
      reference: { label: 'blank Vite + Svelte page', figures: blankShown },
      goal: { kind: 'ratio', max: 3 },
    },
    {
      suite: 'app',
      name: 'bytes on the wire before the method list is usable (encoded)',
      subject: { label: 'app', figures: appBytes },
      reference: { label: 'blank Vite + Svelte page', figures: blankBytes },
      goal: { kind: 'max', max: 100 },
      unit: 'KiB',
    },
  ];
}

/** The initial JavaScript of the app and of the blank page, gzip (`npm run size`). */
async function initialJavaScript(dist: string, blankDist: string): Promise<Benchmark> {
  const [appSize, blankSize] = await Promise.all([sizeReport(dist), sizeReport(blankDist)]);
  return {
    suite: 'app',
    name: 'initial JavaScript, gzip',
    subject: { label: 'app', figures: [appSize.initialGzip / 1024] },
    reference: { label: 'blank Vite + Svelte page', figures: [blankSize.initialGzip / 1024] },
    goal: { kind: 'max', max: 67 },
    unit: 'KiB',
  };
}

/**
 * The page's benchmarks; `firstLoadOnly` (`npm run bench -- first-load`, about a minute) leaves
 * out the exports and the grid.
 */
async function pageBenchmarks(firstLoadOnly: boolean): Promise<Benchmark[]> {
  await buildIfStale({ projectRoot: PROJECT_ROOT, log });
  const dist = join(PROJECT_ROOT, 'dist');
  log('building the blank Vite + Svelte page');
  const blankDist = await buildBlankApp();
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
    const runs = [
      [10_000, null, 5],
      [100_000, null, 3],
      [100_000, standIn.apiUrl, 3],
    ] as const;
    for (const [records, live, times] of firstLoadOnly ? [] : runs) {
      const context = await open();
      exports.push([
        live ? 'live' : 'mock',
        records,
        live,
        await measureExports(context, records, live, times),
      ]);
      await context.close();
    }

    let grid = new Map<string, StepFigures>();
    if (!firstLoadOnly) {
      const gridContext = await open();
      grid = await measureGrid(gridContext, 100_000, 3);
      await gridContext.close();
    }

    const firstLoad = await firstLoadBenchmarks(open, app.url, blank.url);

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
        goal: { kind: 'ms', below: 100 },
        aggregate: 'max',
      });
    }
    benchmarks.push(...gridBenchmarks(100_000, grid), ...firstLoad);
    benchmarks.push(await initialJavaScript(dist, blankDist));
    return benchmarks;
  } finally {
    await browser.close();
    await app.close();
    await blank.close();
    standIn.stop();
    removeBlankApp();
  }
}

export const appBenchmarks = (): Promise<Benchmark[]> => pageBenchmarks(false);
export const firstLoadSuite = (): Promise<Benchmark[]> => pageBenchmarks(true);
