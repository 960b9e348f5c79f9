import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { setupMockServer } from '../../mocks/node.ts';
import App from '../../src/App.svelte';
import { createMockTransport, type Transport } from '../../src/lib/execute/transport.ts';
import type { RedcapRequest } from '../../src/lib/redcap/request.ts';
import type { MockHandle } from '../../src/ui/state/connection.svelte.ts';
import { makeContext, mockHandle } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

// The real mock REDCap behind msw/node; the app's own mock transport posts to the reserved
// same-origin path, as in the browser (the mock, like REDCap, sends no CORS headers).
const { server } = setupMockServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const mock =
  (token = ALICE_TOKEN): (() => Promise<MockHandle>) =>
  () =>
    Promise.resolve(mockHandle(token, { pendingMethods: [] }));

function setup(options: { token?: string } = {}) {
  const sent: RedcapRequest[] = [];
  const inner = createMockTransport('/');
  const transport: Transport = {
    send: (request, signal) => {
      sent.push(request);
      return inner.send(request, signal);
    },
  };
  render(App, {
    props: {
      context: makeContext(transport, { methodId: 'exp_records', startMock: mock(options.token) }),
    },
  });
  return { sent, response: () => screen.getByRole('region', { name: 'Response' }) };
}

async function showRaw(response: HTMLElement): Promise<string> {
  await fireEvent.click(within(response).getByRole('tab', { name: 'Raw' }));
  return within(response).getByRole('tabpanel').textContent ?? '';
}

describe('Execute', () => {
  it('shows the mock project’s records with status, time and size', async () => {
    const { response, sent } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
    await vi.waitFor(() => expect(response().textContent).toContain('HTTP 200 OK'));
    expect(response().textContent).toMatch(/\d+ ms/);
    expect(response().textContent).toMatch(/KiB|B/);
    const records = JSON.parse(await showRaw(response())) as Record<string, string>[];
    // 24 records: 24 main rows and 23 rows of the repeating `visit` (redcap-api.md §2.3).
    expect(records).toHaveLength(47);
    expect(records[0]).toMatchObject({ record_id: '1', first_name: 'Ada' });
    expect(sent).toHaveLength(1);
  });

  it('runs with Ctrl+Enter too', async () => {
    const { response } = setup();
    await fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true });
    await vi.waitFor(() => expect(response().textContent).toContain('HTTP 200 OK'));
  });

  it('shows the status and REDCap’s own error message when a call fails', async () => {
    const { response } = setup({ token: '0'.repeat(32) });
    await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
    await vi.waitFor(() => expect(response().textContent).toContain('HTTP 403 Forbidden'));
    const alert = within(response()).getByRole('alert');
    expect(alert.textContent).toContain('You do not have permissions to use the API');
    expect(alert.textContent).toMatch(/token/);
    expect(response().textContent).not.toContain('0'.repeat(32));
  });

  it('shows REDCap’s 400 for a bad parameter, keeping what was typed', async () => {
    const { response } = setup();
    const fields = screen.getByLabelText('fields') as HTMLInputElement;
    await fireEvent.input(fields, { target: { value: 'record_id, nonsense' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
    await vi.waitFor(() => expect(response().textContent).toContain('HTTP 400'));
    expect(within(response()).getByRole('alert').textContent).toContain(
      `The following values in the parameter "fields" are not valid: 'nonsense'`,
    );
    expect(fields.value).toBe('record_id, nonsense');
  });

  it('can be cancelled while running', async () => {
    const transport = {
      send: (_req: RedcapRequest, signal?: AbortSignal) =>
        new Promise<never>((_resolve, reject) =>
          signal?.addEventListener('abort', () => reject(signal.reason)),
        ),
    };
    render(App, { props: { context: makeContext(transport, { startMock: mock() }) } });
    await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
    const cancel = await screen.findByRole('button', { name: 'Cancel' });
    await fireEvent.click(cancel);
    const response = screen.getByRole('region', { name: 'Response' });
    await vi.waitFor(() => expect(response.textContent).toContain('Cancelled'));
    expect((screen.getByRole('button', { name: 'Execute' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
  });
});
