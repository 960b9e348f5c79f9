import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import type { Transport } from '../../src/lib/execute/transport.ts';
import type { MockHandle } from '../../src/ui/state/connection.svelte.ts';
import { makeContext, mockHandle, TEST_TOKEN } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const idle: Transport = { send: vi.fn(() => new Promise<never>(() => {})) };
const region = () => screen.getByRole('region', { name: 'Code snippet' });
const code = () => region().querySelector('pre code')?.textContent ?? '';

/** The app on Export Records, once the snippet generators (loaded on demand) show code. */
async function open() {
  render(App, { props: { context: makeContext(idle, { methodId: 'exp_records' }) } });
  await waitFor(() => expect(code()).not.toBe(''));
}

afterEach(() => localStorage.clear());

describe('code snippet panel', () => {
  it('offers every language and switches the code, remembering the choice', async () => {
    await open();
    const language = within(region()).getByLabelText('Language') as HTMLSelectElement;
    expect([...language.options].map((o) => o.textContent)).toEqual([
      'Shell (curl)',
      'Python (requests)',
      'Python (PyCap)',
      'R (httr)',
      'R (REDCapR)',
      'JavaScript (fetch, browser)',
      'Node.js (fetch)',
      'PHP (cURL)',
      'Ruby (Net::HTTP)',
      'Perl (LWP)',
      'Java (HttpClient)',
      'C# (HttpClient)',
      'Go (net/http)',
      'PowerShell (Invoke-RestMethod)',
    ]);
    expect(code()).toContain('curl');
    await fireEvent.change(language, { target: { value: 'python-requests' } });
    expect(code()).toContain('import requests');
    expect(code()).toContain('REDCAP_API_TOKEN');
    expect(localStorage.getItem('redcap-playground:snippet-target')).toBe('python-requests');
  });

  it('starts with the remembered language', async () => {
    localStorage.setItem('redcap-playground:snippet-target', 'r-httr');
    await open();
    expect((within(region()).getByLabelText('Language') as HTMLSelectElement).value).toBe('r-httr');
    expect(code()).toContain('httr');
  });

  it('follows the form as it changes', async () => {
    await open();
    await fireEvent.input(screen.getByLabelText('records'), { target: { value: '5, 6' } });
    expect(code()).toContain("'records[0]=5'");
    expect(code()).toContain("'records[1]=6'");
  });

  it('writes the batched loop of Export Records when a batch size is given', async () => {
    await open();
    expect(code()).not.toContain('fields[0]=record_id');
    const size = within(region()).getByLabelText('Batch size');
    await fireEvent.input(size, { target: { value: '250' } });
    expect(code()).toContain("--data-urlencode 'fields[0]=record_id'");
    expect(code()).toContain('start += 250');
    const field = within(region()).getByLabelText('Record id field');
    await fireEvent.input(field, { target: { value: 'study_id' } });
    expect(code()).toContain("--data-urlencode 'fields[0]=study_id'");
    await fireEvent.input(size, { target: { value: '0' } });
    expect(region().textContent).toMatch(/No code for this request: The batch size must be/);
    await fireEvent.input(size, { target: { value: '' } });
    expect(code()).not.toContain('fields[0]=');
  });

  it('says what to fix instead of code when the form is invalid', async () => {
    await open();
    await fireEvent.input(screen.getByLabelText('dateRangeEnd'), { target: { value: 'soon' } });
    expect(code()).toBe('');
    expect(region().textContent).toMatch(/Fix the form.*dateRangeEnd must be a date-time/s);
  });

  it('refuses a value no language can send faithfully, with a message', async () => {
    await open();
    await fireEvent.input(screen.getByLabelText('filterLogic'), {
      target: { value: "[a] = 'x\u0000y'" },
    });
    expect(code()).toBe('');
    expect(within(region()).getByRole('alert').textContent).toMatch(/No code for this request/);
  });

  it('puts the token in the code only after "Show token in code", with a warning', async () => {
    await open();
    await vi.waitFor(() => expect(code()).toContain('curl'));
    expect(code()).not.toContain(TEST_TOKEN);
    await fireEvent.click(within(region()).getByLabelText('Show token in code'));
    await vi.waitFor(() => expect(code()).toContain(TEST_TOKEN));
    expect(within(region()).getByRole('note').textContent).toMatch(/do not share/);
    await fireEvent.click(within(region()).getByLabelText('Show token in code'));
    expect(code()).not.toContain(TEST_TOKEN);
  });

  it('copies and downloads the code with the language’s extension', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    await open();
    await fireEvent.change(within(region()).getByLabelText('Language'), {
      target: { value: 'php-curl' },
    });
    await fireEvent.click(within(region()).getByRole('button', { name: 'Copy code' }));
    expect(writeText).toHaveBeenCalledWith(code());
    await fireEvent.click(within(region()).getByRole('button', { name: 'Download' }));
    expect(clicked[0]?.download).toBe('redcap-exp_records.php');
    click.mockRestore();
  });
});

describe('the address snippets send to', () => {
  const address = () => within(region()).getByLabelText('Address the snippets send to');

  it('shows mock:server’s address and whose token to export: the chosen demo user, by name', async () => {
    await open();
    expect((address() as HTMLInputElement).value).toBe('http://127.0.0.1:8787/api/');
    expect(region().textContent).toMatch(/Start it\s+with\s+npm run mock:server/);
    expect(region().textContent).toMatch(
      /set\s+REDCAP_API_TOKEN\s+to the token it prints\s+for tester on test-project/,
    );
    // By name: the page itself shows no token unless "Show token in code" is ticked.
    expect(region().textContent).not.toContain(TEST_TOKEN);
  });

  it('says the same sentence while the mock starts, so the code below it does not move', async () => {
    let start!: (handle: MockHandle) => void;
    const starting = new Promise<MockHandle>((resolve) => (start = resolve));
    const context = makeContext(idle, { methodId: 'exp_records', startMock: () => starting });
    render(App, { props: { context } });
    await waitFor(() => expect(code()).not.toBe(''));
    expect(region().textContent).toMatch(
      /Start it\s+with\s+npm run mock:server, then set\s+REDCAP_API_TOKEN\s+to the token it prints\s+for the user chosen above\./,
    );
    start(mockHandle());
    await waitFor(() =>
      expect(region().textContent).toMatch(/to the token it prints\s+for tester on test-project\./),
    );
  });

  it('points the code at mock:server on another port, says how to start it, remembers it', async () => {
    await open();
    await fireEvent.input(address(), { target: { value: 'http://127.0.0.1:9000/api/' } });
    await fireEvent.change(address());
    await waitFor(() => expect(code()).toContain('http://127.0.0.1:9000/api/'));
    expect(code()).not.toContain('8787');
    expect(region().textContent).toContain('PORT=9000 npm run mock:server');
    expect(localStorage.getItem('redcap-playground:mock-server-url')).toBe(
      'http://127.0.0.1:9000/api/',
    );
  });

  it('refuses an address that is no API URL, and the code keeps the last good one', async () => {
    await open();
    await fireEvent.input(address(), { target: { value: 'http://example.org/api/' } });
    await fireEvent.change(address());
    expect(within(region()).getByRole('alert').textContent).toMatch(/https:\/\//);
    expect(code()).toContain('http://127.0.0.1:8787/api/');
    expect(localStorage.getItem('redcap-playground:mock-server-url')).toBeNull();
  });
});
