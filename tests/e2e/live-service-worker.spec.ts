import type { Page } from '@playwright/test';
import { ALICE_TOKEN } from '../../mocks/fixtures/classic-demo.ts';
import { expect, methodEntry, responseRegion, test } from './fixtures.ts';
import { STANDIN_API_URL } from './standin.ts';

// msw's service worker posts every request and answer of a page it counts as active to that
// page (REQUEST / RESPONSE messages, bodies included). In live mode the worker is stopped:
// nothing of a live call, token included, may reach that message channel, and the calls do not
// pass through the worker at all.

const TOKEN = ALICE_TOKEN.toLowerCase();

interface Logged {
  readonly way: string;
  readonly type: string;
  readonly text: string;
}

/** Records every message between the page and its service worker, bodies decoded as text. */
function recordServiceWorkerMessages(): void {
  const log: Logged[] = [];
  (window as unknown as { __swLog: Logged[] }).__swLog = log;
  const text = (data: unknown): string => {
    try {
      return JSON.stringify(data, (_key, value: unknown) =>
        value instanceof ArrayBuffer || ArrayBuffer.isView(value)
          ? new TextDecoder().decode(value as ArrayBuffer)
          : value instanceof ReadableStream
            ? '[body stream]'
            : value,
      );
    } catch {
      return String(data);
    }
  };
  const record = (way: string, data: unknown): void => {
    const type =
      typeof data === 'string' ? data : String((data as { type?: unknown } | null)?.type ?? '');
    log.push({ way, type, text: text(data) });
  };
  navigator.serviceWorker?.addEventListener('message', (event) => record('from-sw', event.data));
  const portPost = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (this: MessagePort, ...args: unknown[]) {
    record('port', args[0]);
    return (portPost as (...a: unknown[]) => void).apply(this, args);
  } as typeof portPost;
  const workerPost = ServiceWorker.prototype.postMessage;
  ServiceWorker.prototype.postMessage = function (this: ServiceWorker, ...args: unknown[]) {
    record('to-sw', args[0]);
    return (workerPost as (...a: unknown[]) => void).apply(this, args);
  } as typeof workerPost;
}

async function messages(page: Page): Promise<Logged[]> {
  return page.evaluate(() => (window as unknown as { __swLog: Logged[] }).__swLog);
}

async function exportRecords(page: Page): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search methods' }).fill('Export Records');
  await methodEntry(page, 'Export Records').click();
  await page.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(responseRegion(page)).toContainText(/HTTP\s*200\b/);
}

const CALL_MESSAGES = ['REQUEST', 'RESPONSE', 'REQUEST_ERROR', 'MOCK_RESPONSE', 'PASSTHROUGH'];

test('in live mode nothing of a call, token included, reaches the service worker', async ({
  page,
}) => {
  const forwarded: boolean[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/__redcap_forward__/')) {
      forwarded.push(response.fromServiceWorker());
    }
  });
  await page.addInitScript(recordServiceWorkerMessages);
  await page.goto('/');
  await expect(page.getByRole('combobox', { name: 'Mock project' })).toBeEnabled();

  // The recorder sees what the worker passes in mock mode: the call and its token.
  await exportRecords(page);
  const mock = await messages(page);
  expect(mock.some((m) => m.type === 'REQUEST' && m.text.includes('token='))).toBe(true);
  expect(mock.some((m) => m.type === 'RESPONSE')).toBe(true);

  await page.getByRole('radio', { name: 'Live' }).check();
  await page.getByRole('textbox', { name: 'API URL' }).fill(STANDIN_API_URL);
  await page.getByLabel('Token', { exact: true }).fill(TOKEN);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByLabel('Connected project')).toBeVisible();
  await exportRecords(page);

  const all = await messages(page);
  const afterMock = all.slice(mock.length);
  // Static files the page loaded late in mock mode may still be reported before the worker
  // confirms the stop (CLIENT_CLOSED); from then on no call is reported at all.
  const closed = all.findIndex((m) => m.type === 'CLIENT_CLOSED');
  expect(closed).toBeGreaterThanOrEqual(mock.length);
  expect(all.slice(closed).filter((m) => CALL_MESSAGES.includes(m.type))).toEqual([]);
  // Nothing of a live call at any time: no forwarder address, no token.
  expect(afterMock.filter((m) => m.text.includes('__redcap_forward__'))).toEqual([]);
  expect(afterMock.filter((m) => m.text.toLowerCase().includes(TOKEN))).toEqual([]);
  // Connect's two calls and Export Records went to the network, not through the worker.
  expect(forwarded.length).toBeGreaterThanOrEqual(3);
  expect(forwarded.filter(Boolean)).toEqual([]);
  // And the worker is gone: nothing stays registered for the next page load.
  expect(
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length),
  ).toBe(0);
});

test('with another tab still in mock mode, that tab gets nothing of the live calls either', async ({
  page,
  context,
}) => {
  await context.addInitScript(recordServiceWorkerMessages);
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByRole('combobox', { name: 'Mock project' })).toBeEnabled();
  await page.goto('/');
  await expect(page.getByRole('combobox', { name: 'Mock project' })).toBeEnabled();
  await page.getByRole('radio', { name: 'Live' }).check();
  await page.getByRole('textbox', { name: 'API URL' }).fill(STANDIN_API_URL);
  await page.getByLabel('Token', { exact: true }).fill(TOKEN);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByLabel('Connected project')).toBeVisible();
  await exportRecords(page);
  // The other tab's mock still works, and still reports its own calls.
  await exportRecords(other);
  const otherLog = await messages(other);
  expect(otherLog.some((m) => m.type === 'REQUEST' && m.text.includes('__redcap_mock__'))).toBe(
    true,
  );
  // The mock tab sends the demo token upper-case; the live tab's spelling is lower-case.
  for (const log of [await messages(page), otherLog]) {
    expect(log.filter((m) => m.text.includes('__redcap_forward__'))).toEqual([]);
    expect(log.filter((m) => m.text.includes(TOKEN))).toEqual([]);
  }
});
