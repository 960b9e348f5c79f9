import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { setupMockServer } from '../../mocks/node.ts';
import App from '../../src/App.svelte';
import { createMockTransport } from '../../src/lib/execute/transport.ts';
import { spawnLocalTableWorker } from '../../src/lib/table/stream-local.ts';
import { makeContext, mockHandle } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const { server } = setupMockServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const startMock = () => Promise.resolve(mockHandle(ALICE_TOKEN, { pendingMethods: [] }));
const response = () => screen.getByRole('region', { name: 'Response' });

/** A fetch whose JSON body sends its first rows, then waits until the call is cancelled. */
function heldFetch(): typeof fetch {
  return (_url, init) => {
    const encoder = new TextEncoder();
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        init?.signal?.addEventListener('abort', () => controller.error(init.signal!.reason));
      },
      pull(controller) {
        if (sent) return new Promise<void>(() => {});
        sent = true;
        controller.enqueue(encoder.encode('[{"record_id":"1"},{"record_id":"2"},'));
      },
    });
    return Promise.resolve(
      new Response(body, { headers: { 'content-type': 'application/json; charset=utf-8' } }),
    );
  };
}

describe('Execute with the table reader', () => {
  it('shows how many rows and columns the answer has', async () => {
    const context = makeContext(createMockTransport('/'), { methodId: 'exp_records', startMock });
    render(App, { props: { context: { ...context, spawnTableWorker: spawnLocalTableWorker } } });
    await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
    // Generous: the machine running the tests may be busy.
    await vi.waitFor(() => expect(response().textContent).toContain('HTTP 200 OK'), {
      timeout: 5000,
    });
    // 24 records and 23 more visit instances: 47 rows (as in execute.test.ts).
    await vi.waitFor(() => expect(response().textContent).toMatch(/47\s+rows\s+×\s+\d+\s+columns/));
  });

  it('shows bytes and rows while the answer arrives, and Cancel clears them', async () => {
    const context = makeContext(createMockTransport('/', heldFetch()), {
      methodId: 'exp_records',
      startMock,
    });
    render(App, { props: { context: { ...context, spawnTableWorker: spawnLocalTableWorker } } });
    await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
    const progress = await screen.findByTestId('execute-progress');
    await vi.waitFor(() => expect(progress.textContent).toMatch(/37 B received · 2 rows parsed/));
    await vi.waitFor(() => expect(response().textContent).toMatch(/2\s+rows × 1\s+column so far/));
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await vi.waitFor(() => expect(response().textContent).toContain('Cancelled'));
    expect(response().textContent).not.toMatch(/rows ×/);
    expect(screen.queryByTestId('execute-progress')).toBeNull();
  });
});
