import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { workshop } from '../../mocks/workshop.ts';
import { createMockTransport } from '../../src/lib/execute/transport.ts';
import { API_PAGE_TEXT, FAILURE_KINDS, FAILURE_LABELS } from '../../src/lib/workshop/types.ts';
import { readWorkshop, withUserToken } from '../../src/ui/state/token-life.svelte.ts';
import { makeContext } from './harness.ts';
import { openTokenPanel, useMockCore } from './workshop-harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

/**
 * The token's whole life in the page (issue #23 item 1) and failures on demand (item 3): the
 * page with the real mock core behind it (msw/node answers the in-page address; the API page's
 * steps run the worker's own functions, mocks/workshop.ts).
 */

const redcap = useMockCore();

async function setup() {
  const page = await openTokenPanel(redcap, 'exp_records');
  const shownToken = async () =>
    ((await within(page.api()).findByRole('textbox', { name: 'API Token' })) as HTMLInputElement)
      .value;
  return { ...page, shownToken };
}

describe('the token life cycle in the page', () => {
  it('no rights → request → approve → use → regenerate (old token 403) → delete (403)', async () => {
    const { context, panel, api, admin, click, execute, response, shownToken } = await setup();
    // Alice has a token from the seed; a newcomer starts with none and no API rights.
    await click(api(), /Start as a new project user/);
    await vi.waitFor(() =>
      expect(within(api()).getByTestId('api-no-rights').textContent).toContain(
        "You need the 'API' user right",
      ),
    );
    expect(api().textContent).toContain('Each project needs its own token');
    expect(panel.textContent).toContain('never share it');

    await click(await within(admin()).findByRole('row', { name: /learner/ }), 'Grant API rights');
    await click(api(), 'Request API token');
    await vi.waitFor(() => expect(panel.textContent).toContain(API_PAGE_TEXT.requestSent));
    expect(panel.textContent).toContain('administrator is emailed');
    expect(
      (within(api()).getByRole('button', { name: 'Request pending' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
    expect(admin().textContent).toMatch(
      /“learner” requests an API token for the project classic-demo/,
    );

    await click(admin(), 'Approve');
    const first = await shownToken();
    expect(first).toMatch(/^[0-9A-F]{32}$/);
    expect(panel.textContent).toContain(API_PAGE_TEXT.tokenNotice);

    await click(api(), 'Use this token in the playground');
    expect(context.connection.choice?.key).toBe('classic-demo/learner');
    expect(context.connection.token).toBe(first);
    expect(localStorage.length + sessionStorage.length).toBe(0);
    expect(location.href).not.toContain(first);
    await execute('HTTP 200');

    await click(api(), 'Regenerate token');
    expect(api().textContent).toContain(API_PAGE_TEXT.regenerateConfirm);
    await click(api(), 'Yes, regenerate it');
    await vi.waitFor(() => expect(panel.textContent).toContain(API_PAGE_TEXT.regenerated));
    const second = await shownToken();
    expect(second).toMatch(/^[0-9A-F]{32}$/);
    expect(second).not.toBe(first);
    // The playground still sends the old token: REDCap's 403, explained as in live mode.
    await execute('HTTP 403');
    expect(response().textContent).toContain('You do not have permissions to use the API');
    expect(response().textContent).toContain('REDCap did not accept the token');

    await click(api(), 'Use this token in the playground');
    await execute('HTTP 200');
    await click(api(), 'Delete token');
    await click(api(), 'Yes, delete it');
    await vi.waitFor(() => expect(panel.textContent).toContain(API_PAGE_TEXT.deleted));
    expect(
      (within(api()).getByRole('button', { name: 'Request API token' }) as HTMLButtonElement)
        .disabled,
    ).toBe(false);
    await execute('HTTP 403');

    // What a lesson's check reads: plain data, no token in it.
    const { snapshot } = workshop(redcap, 'classic-demo', 'learner', null);
    expect(snapshot.events.map((e) => e.kind)).toEqual([
      'learner-added',
      'rights-granted',
      'requested',
      'approved',
      'regenerated',
      'deleted',
    ]);
    expect(JSON.stringify(snapshot.events)).not.toContain(first);
  });

  it('Reset demo data brings the chooser back to the seed’s users and tokens', async () => {
    const { context, api, admin, click } = await setup();
    await click(api(), /Start as a new project user/);
    await click(await within(admin()).findByRole('row', { name: /learner/ }), 'Grant API rights');
    await click(api(), 'Request API token');
    await click(admin(), 'Approve');
    await click(api(), 'Use this token in the playground');
    expect(context.connection.choice?.key).toBe('classic-demo/learner');
    await fireEvent.click(screen.getByRole('button', { name: 'Reset demo data' }));
    await vi.waitFor(() => expect(context.connection.choice?.user.token).toBe(ALICE_TOKEN));
    expect(context.connection.choices.some((c) => c.user.username === 'learner')).toBe(false);
  });

  it('takes the keyboard: focus moves into the panel, Escape closes it and returns to its button', async () => {
    const { panel } = await setup();
    const heading = within(panel).getByRole('heading', { level: 2 });
    await vi.waitFor(() => expect(document.activeElement).toBe(heading));
    await fireEvent.keyDown(heading, { key: 'Escape' });
    const toggle = screen.getByRole('button', { name: 'API token & failures' });
    await vi.waitFor(() => expect(document.activeElement).toBe(toggle));
    expect(screen.queryByRole('region', { name: 'API token and failures (mock)' })).toBeNull();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('readWorkshop: what a lesson reads, for the chooser’s user; null without the workshop or in live mode', async () => {
    const { context, api, click } = await setup();
    await click(api(), /Start as a new project user/);
    await vi.waitFor(() => expect(api().textContent).toContain("You need the 'API' user right"));
    const read = await readWorkshop(context.connection);
    expect(read).toMatchObject({
      project: 'classic-demo',
      username: 'alice',
      page: { kind: 'token', token: ALICE_TOKEN },
      events: [{ kind: 'learner-added', project: 'classic-demo', username: 'learner' }],
    });
    expect((await readWorkshop(context.connection, 'classic-demo', 'learner'))?.page).toEqual({
      kind: 'no-rights',
    });
    const plain = makeContext(createMockTransport('/'), { methodId: 'exp_records' });
    expect(await readWorkshop(plain.connection)).toBeNull();
    void context.connection.setMode('live');
    expect(await readWorkshop(context.connection)).toBeNull();
  });

  it('withUserToken replaces one user’s token or adds the user, nothing else', () => {
    const projects = [
      { slug: 'a', title: 'A', users: [{ username: 'x', token: '1' }] },
      { slug: 'b', title: 'B', users: [{ username: 'x', token: '2' }] },
    ];
    expect(withUserToken(projects, 'a', 'x', '9')).toEqual([
      { slug: 'a', title: 'A', users: [{ username: 'x', token: '9' }] },
      projects[1],
    ]);
    expect(withUserToken(projects, 'b', 'y', '8')[1]!.users).toEqual([
      { username: 'x', token: '2' },
      { username: 'y', token: '8' },
    ]);
  });
});

describe('failures on demand in the page', () => {
  const SHOWN: Record<(typeof FAILURE_KINDS)[number], string> = {
    network: 'The request could not be sent',
    timeout: 'REDCap did not answer in time',
    'server-error': 'its error page (HTTP 500)',
    'sso-login': 'login page (single sign-on)',
    redirect: 'answered with a redirect to https://login.example.edu',
    'revoked-token': 'REDCap did not accept the token',
    'expired-user': 'your access to this project has expired',
    'rate-limit': 'rate limiter stopped the calls',
  };

  it.each(FAILURE_KINDS)('%s: set in the panel, met on Execute, explained', async (kind) => {
    const { panel, response, click } = await setup();
    const switcher = within(panel).getByRole('region', { name: 'Failures on demand' });
    await fireEvent.change(within(switcher).getByRole('combobox'), { target: { value: kind } });
    await click(switcher, 'Set');
    await vi.waitFor(() =>
      expect(within(switcher).getByTestId('failure-now').textContent).toContain(
        FAILURE_LABELS[kind],
      ),
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
    await vi.waitFor(() => expect(response().textContent).toContain(SHOWN[kind]));
    expect(response().textContent).not.toContain(ALICE_TOKEN);
    expect(redcap.failures.served()).toEqual([
      expect.objectContaining({ kind, methodId: 'exp_records' }),
    ]);
    // One call only (the count was 1): the next one is answered.
    await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
    await vi.waitFor(() => expect(response().textContent).toContain('HTTP 200'));
  });
});
