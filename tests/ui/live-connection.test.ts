import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import { TransportError } from '../../src/lib/execute/transport.ts';
import { LIVE_TOKEN, LIVE_URL, liveContext } from './live-harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

afterEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});

const urlField = () => screen.getByRole('textbox', { name: 'API URL' }) as HTMLInputElement;
const tokenField = () => screen.getByLabelText('Token') as HTMLInputElement;
const panel = () => screen.getByRole('form', { name: 'Live connection' });

async function goLive(options: Parameters<typeof liveContext>[0] = {}) {
  const setup = liveContext({ methodId: 'exp_records', ...options });
  render(App, { props: { context: setup.context } });
  await fireEvent.click(screen.getByRole('radio', { name: 'Live' }));
  await screen.findByRole('form', { name: 'Live connection' });
  return setup;
}

async function connect(url = LIVE_URL, token = LIVE_TOKEN) {
  await fireEvent.input(urlField(), { target: { value: url } });
  await fireEvent.input(tokenField(), { target: { value: token } });
  await fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
}

describe('the connection panel', () => {
  it('starts in mock mode, and Live shows URL, a password token field and Connect', async () => {
    const setup = liveContext();
    render(App, { props: { context: setup.context } });
    expect((screen.getByRole('radio', { name: 'Mock' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByRole('form', { name: 'Live connection' })).toBeNull();
    await fireEvent.click(screen.getByRole('radio', { name: 'Live' }));
    await screen.findByRole('form', { name: 'Live connection' });
    expect(tokenField().type).toBe('password');
    expect(tokenField().autocomplete).toBe('off');
    expect(screen.getByRole('button', { name: 'Connect' })).toBeTruthy();
  });

  it('stops the mock’s service worker in live mode and starts it again for mock', async () => {
    const { stop, startMock } = await goLive();
    await vi.waitFor(() => expect(stop).toHaveBeenCalledTimes(1));
    await fireEvent.click(screen.getByRole('radio', { name: 'Mock' }));
    await vi.waitFor(() => expect(startMock).toHaveBeenCalledTimes(2));
  });

  it('connects: shows the server version, project title and id, design and status', async () => {
    const { redcap } = await goLive();
    await connect('https://redcap.example.edu');
    const summary = await within(panel()).findByLabelText('Connected project');
    expect(summary.textContent).toContain('14.5.10');
    expect(summary.textContent).toContain('Heart study');
    expect(summary.textContent).toContain('id 321');
    expect(summary.textContent).toContain('Classic (not longitudinal)');
    expect(summary.textContent).toContain('Development');
    expect(urlField().value).toBe(LIVE_URL);
    expect(redcap.calls.map((c) => c.url)).toEqual([LIVE_URL, LIVE_URL]);
  });

  it('removes whitespace and line breaks around the token, with a notice', async () => {
    const { redcap } = await goLive();
    await connect(LIVE_URL, `  ${LIVE_TOKEN}\n`);
    await within(panel()).findByLabelText('Connected project');
    expect(panel().textContent).toMatch(/line breaks around the token were removed/);
    expect(redcap.calls[0]!.body).toContainEqual(['token', LIVE_TOKEN]);
  });

  it('refuses plain http for a remote server, keeps what was typed and sends nothing', async () => {
    const { redcap } = await goLive();
    await connect('http://redcap.example.edu/api/');
    expect(await within(panel()).findByRole('alert')).toHaveProperty(
      'textContent',
      expect.stringMatching(/https:\/\//),
    );
    expect(urlField().value).toBe('http://redcap.example.edu/api/');
    expect(tokenField().value).toBe(LIVE_TOKEN);
    expect(redcap.send).not.toHaveBeenCalled();
  });

  // Password fields drop line breaks themselves (HTML value sanitisation); spaces stay.
  it('refuses a token with a space inside, without sending or repeating it', async () => {
    const { redcap } = await goLive();
    await connect(LIVE_URL, `${LIVE_TOKEN.slice(0, 10)} ${LIVE_TOKEN.slice(10)}`);
    const alert = await within(panel()).findByRole('alert');
    expect(alert.textContent).toMatch(/space or a line break/);
    expect(alert.textContent).not.toContain(LIVE_TOKEN.slice(0, 10));
    expect(redcap.send).not.toHaveBeenCalled();
  });

  it('says how to set REDCAP_URL when the forwarder has no targets', async () => {
    const { redcap } = await goLive({ targets: [] });
    await connect();
    const alert = await within(panel()).findByRole('alert');
    expect(alert.textContent).toContain(`REDCAP_URL=${LIVE_URL} npm start`);
    expect(redcap.send).not.toHaveBeenCalled();
  });

  it('says how to add the URL when the forwarder serves another one', async () => {
    await goLive({ targets: ['https://other.example.org/api/'] });
    await connect();
    const alert = await within(panel()).findByRole('alert');
    expect(alert.textContent).toContain(`REDCAP_URL=https://other.example.org/api/,${LIVE_URL}`);
  });

  it('connects a valid token without the API Export right, says what it could not read, and lets imports go ahead', async () => {
    const { redcap, context } = await goLive({
      answers: {
        project: { status: 403, body: '{"error":"You do not have API Export privileges"}' },
      },
    });
    await connect();
    const summary = await within(panel()).findByLabelText('Connected project');
    expect(summary.textContent).toContain('14.5.10');
    expect(summary.textContent).toMatch(
      /Export Project Information was refused \(HTTP 403: You do not have API Export privileges\)/,
    );
    expect(summary.textContent).toMatch(/rights problem, not a bad token/);
    expect(within(panel()).queryByRole('alert')).toBeNull();
    expect(context.connection.live.status).toBe('connected');
    // Import Records is not refused with "Connect first".
    context.connection.live.unlockWrites();
    expect(context.connection.live.connectionFor('imp_records')).toEqual({
      apiUrl: LIVE_URL,
      token: LIVE_TOKEN,
    });
    expect(redcap.calls).toHaveLength(2);
  });

  it('explains a 403 bad token with the steps to get a working one', async () => {
    await goLive({
      answers: {
        version: { status: 403, body: '{"error":"You do not have permissions to use the API"}' },
      },
    });
    await connect();
    const alert = await within(panel()).findByRole('alert');
    expect(alert.textContent).toMatch(/did not accept the token/);
    expect(alert.textContent).toMatch(/not yet approved/);
  });

  it('explains an HTML page (a login page) instead of data', async () => {
    await goLive({
      answers: {
        version: { body: '<!DOCTYPE html><html><body>Sign in</body></html>', headers: {} },
      },
    });
    await connect();
    expect((await within(panel()).findByRole('alert')).textContent).toMatch(/web page/);
  });

  it('shows where a redirect pointed (the forwarder never follows it)', async () => {
    await goLive({
      answers: {
        version: {
          status: 502,
          headers: {
            'content-type': 'text/plain',
            'x-forwarder-error': 'redirect',
            'x-forwarder-location': 'https://sso.example.edu/login',
          },
          body: 'REDCap’s server answered with a redirect (302) instead of data.',
        },
      },
    });
    await connect();
    const alert = await within(panel()).findByRole('alert');
    expect(alert.textContent).toContain('https://sso.example.edu/login');
    expect(alert.textContent).not.toContain(LIVE_TOKEN);
  });

  it('says what to check when the call cannot be sent at all, keeping the input', async () => {
    const { redcap } = await goLive();
    redcap.send.mockImplementationOnce(() =>
      Promise.reject(new TransportError('The request could not be sent: Failed to fetch')),
    );
    await connect();
    const alert = await within(panel()).findByRole('alert');
    expect(alert.textContent).toMatch(/npm start still running/);
    expect(tokenField().value).toBe(LIVE_TOKEN);
    expect(redcap.send).toHaveBeenCalledTimes(1);
  });

  it('sends once however often Connect is pressed while connecting', async () => {
    const { redcap } = await goLive();
    await fireEvent.input(urlField(), { target: { value: LIVE_URL } });
    await fireEvent.input(tokenField(), { target: { value: LIVE_TOKEN } });
    const button = screen.getByRole('button', { name: 'Connect' });
    await Promise.all([fireEvent.click(button), fireEvent.click(button), fireEvent.click(button)]);
    await within(panel()).findByLabelText('Connected project');
    expect(redcap.calls).toHaveLength(2);
  });
});

describe('the live token', () => {
  it('stays in memory only, until “Remember in this tab”, and never in localStorage', async () => {
    await goLive();
    await connect();
    await within(panel()).findByLabelText('Connected project');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain(LIVE_TOKEN);
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Remember in this tab' }));
    expect(JSON.stringify({ ...sessionStorage })).toContain(LIVE_TOKEN);
    expect(JSON.stringify({ ...localStorage })).not.toContain(LIVE_TOKEN);
    expect(location.href).not.toContain(LIVE_TOKEN);
  });

  it('says next to “Remember in this tab” that the browser writes it to disk', async () => {
    await goLive();
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Remember in this tab' });
    expect(box.checked).toBe(false);
    const note = box.getAttribute('aria-describedby');
    const text = document.getElementById(note ?? '')?.textContent ?? '';
    expect(text).toMatch(/only in this page’s memory/);
    expect(text).toMatch(/writes to its profile on disk/);
    expect(text).toMatch(/Forget token/);
  });

  it('“Forget token” clears it from the field, memory and the tab’s storage', async () => {
    const { live } = await goLive();
    await connect();
    await within(panel()).findByLabelText('Connected project');
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Remember in this tab' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Forget token' }));
    expect(tokenField().value).toBe('');
    expect(live.token).toBe('');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain(LIVE_TOKEN);
  });

  it('snippets use the live URL, read the token from the environment unless shown', async () => {
    await goLive();
    await connect();
    await within(panel()).findByLabelText('Connected project');
    const snippet = await screen.findByRole('region', { name: 'Code snippet' });
    const code = () => snippet.querySelector('pre code')?.textContent ?? '';
    // The code generators load on demand.
    await waitFor(() => expect(code()).toContain(LIVE_URL));
    expect(code()).not.toContain(LIVE_TOKEN);
    expect(code()).not.toMatch(/mock/i);
    await fireEvent.click(within(snippet).getByRole('checkbox', { name: 'Show token in code' }));
    expect(code()).toContain(LIVE_TOKEN);
  });

  it('live calls go to REDCap through the live transport, never to the mock', async () => {
    const { redcap, mockSend } = await goLive();
    await connect();
    await within(panel()).findByLabelText('Connected project');
    await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
    await vi.waitFor(() => expect(redcap.calls).toHaveLength(3));
    expect(redcap.calls[2]!.body).toContainEqual(['content', 'record']);
    expect(mockSend).not.toHaveBeenCalled();
  });
});
