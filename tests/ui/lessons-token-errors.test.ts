import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { setFailure, workshop } from '../../mocks/workshop.ts';
import { NAMED_FAILURES } from '../../src/lib/lessons/errors.ts';
import { PROGRESS_KEY } from '../../src/lib/lessons/progress.ts';
import { FAILURE_LABELS } from '../../src/lib/workshop/types.ts';
import { workshopOf } from '../../src/ui/state/workshop.svelte.ts';
import { openTokenPanel, useMockCore } from './workshop-harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

/**
 * Lessons 1 and 10 in the page, with the real mock core behind it: the API page's steps and the
 * failures Execute meets reach the open lesson's check as events, without a token, and the
 * lesson is done when the learner did what it asks.
 */

const redcap = useMockCore();

async function setup(hash: string) {
  history.replaceState(null, '', `/${hash}`);
  const page = await openTokenPanel(redcap);
  await screen.findByTestId('lesson-panel');
  const verdict = () => screen.getByTestId('lesson-verdict');
  const events = () => workshopOf(page.context.playground).attempts.events;
  return { ...page, verdict, events };
}

describe('lesson 1 in the page', () => {
  it('request → approve → use → 200 → regenerate → the old token’s 403: done, and no token kept', async () => {
    const { context, api, admin, click, execute, verdict, events } = await setup(
      '#/exp_rc_v?_lesson=token&_step=1',
    );
    await click(api(), /Start as a new project user/);
    await click(await within(admin()).findByRole('row', { name: /learner/ }), 'Grant API rights');
    await click(api(), 'Request API token');
    await vi.waitFor(() => expect(verdict().textContent).toContain('Approve'));
    await click(admin(), 'Approve');
    const first = (
      (await within(api()).findByRole('textbox', { name: 'API Token' })) as HTMLInputElement
    ).value;
    await click(api(), 'Use this token in the playground');
    await vi.waitFor(() => expect(verdict().textContent).toContain('first call'));
    await execute('HTTP 200');
    await vi.waitFor(() => expect(verdict().textContent).toContain('Regenerate'));
    await click(api(), 'Regenerate token');
    await click(api(), 'Yes, regenerate it');
    await execute('HTTP 403');
    await vi.waitFor(() => expect(verdict().textContent).toContain('Done.'));
    expect(events().filter((e) => e.kind === 'token')).toEqual([
      { kind: 'token', action: 'add-learner', project: 'classic-demo', user: 'learner' },
      { kind: 'token', action: 'grant-api', project: 'classic-demo', user: 'learner' },
      { kind: 'token', action: 'request', project: 'classic-demo', user: 'learner' },
      { kind: 'token', action: 'approve', project: 'classic-demo', user: 'learner' },
      { kind: 'token', action: 'use', project: 'classic-demo', user: 'learner' },
      { kind: 'token', action: 'regenerate', project: 'classic-demo', user: 'learner' },
    ]);
    // The playground still sends the old token (that is what got the 403).
    expect(context.connection.choice?.user.token).toBe(first);
    const kept = sessionStorage.getItem(PROGRESS_KEY) ?? '';
    expect(JSON.parse(kept)).toMatchObject({ done: ['token'] });
    const newToken = workshop(redcap, 'classic-demo', 'learner', null).snapshot.page;
    expect(newToken.kind).toBe('token');
    for (const token of [first, newToken.kind === 'token' ? newToken.token : '']) {
      expect(JSON.stringify(events())).not.toContain(token);
      expect(kept).not.toContain(token);
      expect(verdict().textContent).not.toContain(token);
      expect(decodeURIComponent(location.href)).not.toContain(token);
    }
  });

  it('without API rights there is no request to make, and the hint says to grant them', async () => {
    const { api, click, verdict, events } = await setup('#/exp_rc_v?_lesson=token&_step=2');
    await click(api(), /Start as a new project user/);
    await vi.waitFor(() => expect(api().textContent).toContain("You need the 'API' user right"));
    expect(within(api()).queryByRole('button', { name: 'Request API token' })).toBeNull();
    await vi.waitFor(() => expect(verdict().textContent).toContain('Not yet.'));
    expect(events().map((e) => e.kind === 'token' && e.action)).toEqual(['add-learner']);
    expect(verdict().textContent).toMatch(/grant learner API rights/);
  });
});

describe('lesson 10 in the page', () => {
  it('four failures on demand met and explained: done; each a failure event after its call', async () => {
    const { panel, click, execute, response, verdict, events } = await setup(
      '#/exp_rc_v?_lesson=errors&_step=2',
    );
    const switcher = within(panel).getByRole('region', { name: 'Failures on demand' });
    const shown: Record<(typeof NAMED_FAILURES)[number], string> = {
      'revoked-token': 'HTTP 403',
      'sso-login': 'login page',
      'rate-limit': 'HTTP 429',
      network: 'could not be sent',
    };
    for (const [i, kind] of NAMED_FAILURES.entries()) {
      await fireEvent.change(within(switcher).getByRole('combobox'), { target: { value: kind } });
      await click(switcher, 'Set');
      await vi.waitFor(() =>
        expect(within(switcher).getByTestId('failure-now').textContent).toContain(
          FAILURE_LABELS[kind],
        ),
      );
      await execute(shown[kind]);
      await vi.waitFor(() =>
        expect(events().filter((e) => e.kind === 'failure')).toHaveLength(i + 1),
      );
      const last = events().at(-1)!;
      expect(last).toMatchObject({ kind: 'failure', scenario: kind, methodId: 'exp_rc_v' });
      // The explanation recorded is the one on screen.
      const explained = last.kind === 'failure' ? last.explained : '';
      expect(explained).not.toBe('');
      expect(response().textContent).toContain(explained);
      if (i < NAMED_FAILURES.length - 1)
        await vi.waitFor(() => expect(verdict().textContent).toContain(`${i + 1} of 4`));
    }
    await vi.waitFor(() => expect(verdict().textContent).toContain('Done.'));
    expect(JSON.stringify(events())).not.toContain(ALICE_TOKEN);
    // An ordinary answer afterwards is no failure.
    await execute('HTTP 200');
    await vi.waitFor(() => expect(events().at(-1)).toMatchObject({ kind: 'call' }));
    expect(events().filter((e) => e.kind === 'failure')).toHaveLength(4);
  });

  it('failures served before the lesson opened are not the learner’s', async () => {
    // A login page served earlier, for the same method with the same status as a good answer.
    setFailure(redcap, 'sso-login', 1);
    redcap.failures.take();
    redcap.failures.record({ kind: 'sso-login', methodId: 'exp_rc_v', status: 200 });
    const { execute, verdict, events } = await setup('#/exp_rc_v?_lesson=errors&_step=1');
    await execute('HTTP 200');
    await vi.waitFor(() => expect(verdict().textContent).toContain('Not yet.'));
    expect(events().map((e) => e.kind)).toEqual(['call']);
  });
});
