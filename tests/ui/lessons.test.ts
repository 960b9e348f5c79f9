import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { setupMockServer } from '../../mocks/node.ts';
import App from '../../src/App.svelte';
import { createMockTransport } from '../../src/lib/execute/transport.ts';
import { PROGRESS_KEY } from '../../src/lib/lessons/progress.ts';
import type { Lesson } from '../../src/lib/lessons/types.ts';
import type { MockHandle } from '../../src/ui/state/connection.svelte.ts';
import { makeContext } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

/** Two lessons the registry does not ship: a broken file, and a check that throws on an attempt. */
vi.mock('../../src/lib/lessons/index.ts', async (original) => {
  const real = await original<typeof import('../../src/lib/lessons/index.ts')>();
  const base = real.getLesson('first-call')!;
  const extra: Record<string, Lesson> = {
    'broken-file': { ...base, id: 'broken-file', steps: [{ text: 'Go', method: 'exp_recordz' }] },
    'throwing-check': {
      ...base,
      id: 'throwing-check',
      check: ({ events }) => {
        if (events.length > 0) throw new TypeError('boom at check.ts:12');
        return { pass: false, hint: 'Do something.' };
      },
    },
  };
  return { ...real, getLesson: (id: string) => extra[id] ?? real.getLesson(id) };
});

const { server } = setupMockServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  sessionStorage.clear();
  document.documentElement.classList.remove('presenting');
});
afterAll(() => server.close());
beforeEach(() => history.replaceState(null, '', '/'));

const handle = (): Promise<MockHandle> =>
  Promise.resolve({
    projects: [
      {
        slug: 'classic-demo',
        title: 'Classic demo (mock)',
        users: [{ username: 'alice', token: ALICE_TOKEN }],
      },
    ],
    pendingMethods: [],
    reset: vi.fn(() => Promise.resolve()),
  });

function open(hash: string) {
  history.replaceState(null, '', `/${hash}`);
  const context = makeContext(createMockTransport('/'), { startMock: handle });
  render(App, { props: { context } });
  return context;
}

const panel = () => screen.findByTestId('lesson-panel');
const verdict = () => screen.getByTestId('lesson-verdict');

async function execute(): Promise<void> {
  await fireEvent.click(await screen.findByRole('button', { name: 'Execute' }));
}

describe('the lesson panel', () => {
  it('opens a lesson from the address, points at its fields, and checks the call made', async () => {
    open('#/exp_rc_v?_lesson=first-call&_step=1');
    const lesson = await panel();
    expect((await within(lesson).findByRole('heading', { level: 2 })).textContent).toBe(
      'Lesson 2: Your first call: Export REDCap Version',
    );
    expect(within(lesson).getByTestId('lesson-step').textContent).toContain('Step 1 of 2');
    await vi.waitFor(() =>
      expect(document.querySelector('.field.highlighted')?.textContent).toContain('format'),
    );
    expect(document.querySelectorAll('.field.highlighted')).toHaveLength(1);
    await execute();
    await vi.waitFor(() => expect(verdict().textContent).toContain('Done.'));
    expect(verdict().textContent).toContain('REDCap answered 14.5.10');
    const kept = sessionStorage.getItem(PROGRESS_KEY)!;
    expect(JSON.parse(kept)).toMatchObject({ done: ['first-call'] });
    expect(kept).not.toContain(ALICE_TOKEN);
    expect(location.hash).toContain('_lesson=first-call&_step=1');
    expect(decodeURIComponent(location.href)).not.toContain(ALICE_TOKEN);
  });

  it('gives a wrong attempt the hint, not done', async () => {
    open('#/exp_rc_v?_lesson=first-call&_step=2');
    await within(await panel()).findByRole('heading', { level: 2 });
    await fireEvent.click(await screen.findByLabelText('Send a wrong token'));
    await execute();
    await vi.waitFor(() => expect(verdict().textContent).toContain('Not yet.'), { timeout: 3000 });
    expect(verdict().textContent).toContain('403');
    expect(sessionStorage.getItem(PROGRESS_KEY) ?? '').not.toContain('"done":["first-call"]');
  });

  it('moves between steps, opening the method each names, and the address follows', async () => {
    open('#/exp_records?_lesson=fields-forms&_step=1');
    const lesson = await panel();
    await within(lesson).findByRole('heading', { level: 2 });
    await vi.waitFor(() =>
      expect(screen.getByRole('heading', { level: 2, name: 'Export Records' })).toBeTruthy(),
    );
    await vi.waitFor(() =>
      expect(
        [...document.querySelectorAll('.field.highlighted label > code')].map((c) => c.textContent),
      ).toEqual(['fields', 'forms']),
    );
    await fireEvent.click(within(lesson).getByRole('button', { name: 'Next step →' }));
    expect(within(lesson).getByTestId('lesson-step').textContent).toContain('Step 2 of 2');
    await vi.waitFor(() => expect(location.hash).toContain('_lesson=fields-forms&_step=2'));
    expect(document.querySelectorAll('.field.highlighted')).toHaveLength(0);
  });

  it('says "this lesson is broken" for a broken lesson file, and the page still works', async () => {
    open('#/exp_rc_v?_lesson=broken-file');
    const lesson = await panel();
    await vi.waitFor(() => expect(lesson.textContent).toContain('this lesson is broken'));
    expect(lesson.textContent).toContain('unknown method id exp_recordz');
    await execute();
    await vi.waitFor(() =>
      expect(screen.getByRole('region', { name: 'Response' }).textContent).toContain('14.5.10'),
    );
  });

  it('says "this lesson is broken" when a check throws on an attempt, never the error', async () => {
    open('#/exp_rc_v?_lesson=throwing-check');
    await panel();
    await vi.waitFor(() => expect(verdict().textContent).toContain('Do the steps'));
    await execute();
    await vi.waitFor(() => expect(verdict().textContent).toContain('This lesson is broken'));
    expect(verdict().textContent).toContain('the check threw TypeError');
    expect(verdict().textContent).not.toContain('check.ts:12');
  });

  it('names a lesson the registry does not have', async () => {
    open('#/exp_rc_v?_lesson=no-such-lesson&_step=4');
    const lesson = await panel();
    await vi.waitFor(() => expect(lesson.textContent).toContain('“no-such-lesson”'));
    expect(sessionStorage.getItem(PROGRESS_KEY) ?? '').not.toContain('no-such-lesson');
  });
});

describe('the presenter view', () => {
  it('steps by → / ← and Page Down / Page Up (not inside a field), and links learners without a token', async () => {
    open('#/exp_records?_lesson=filter-logic&_step=1');
    const lesson = await panel();
    await within(lesson).findByRole('heading', { level: 2 });
    await fireEvent.click(within(lesson).getByRole('button', { name: 'Presenter view' }));
    expect(document.documentElement.classList.contains('presenting')).toBe(true);
    const step = () => within(lesson).getByTestId('lesson-step').textContent;
    expect(step()).toContain('Step 1 of 3');
    await fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(step()).toContain('Step 2 of 3');
    await fireEvent.keyDown(document.body, { key: 'PageDown' });
    expect(step()).toContain('Step 3 of 3');
    await fireEvent.keyDown(document.body, { key: 'PageDown' });
    expect(step()).toContain('Step 3 of 3');
    await fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    expect(step()).toContain('Step 2 of 3');
    // In a field the arrows move the caret, not the lesson.
    const logic = document.getElementById('param-filterLogic');
    expect(logic).not.toBeNull();
    await fireEvent.keyDown(logic!, { key: 'ArrowRight' });
    expect(step()).toContain('Step 2 of 3');
    const link = (screen.getByLabelText(/^Link for learners/) as HTMLInputElement).value;
    expect(link).toContain('#/exp_records?');
    expect(link).toContain('_mock=classic-demo%2Falice');
    expect(link).toContain('_lesson=filter-logic&_step=2');
    expect(link).not.toContain(ALICE_TOKEN);
    await fireEvent.click(within(lesson).getByRole('button', { name: 'Presenter view' }));
    expect(document.documentElement.classList.contains('presenting')).toBe(false);
    await fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(step()).toContain('Step 2 of 3');
  });
});

describe('the lesson index and About', () => {
  it('shows the lessons from the header link, with progress that can be reset', async () => {
    sessionStorage.setItem(
      PROGRESS_KEY,
      JSON.stringify({ done: ['first-call'], steps: [['events', 2]], presenting: false }),
    );
    open('');
    await fireEvent.click(await screen.findByRole('link', { name: 'Lessons' }));
    history.replaceState(null, '', '/#/lessons');
    window.dispatchEvent(new PopStateEvent('popstate'));
    const page = await screen.findByRole('region', { name: 'Lessons' });
    await vi.waitFor(() => expect(within(page).getAllByRole('listitem')).toHaveLength(12));
    // Lesson 1 is the token; the first call (done) is lesson 2.
    const first = within(page).getAllByRole('listitem')[1]!;
    expect(first.textContent).toContain('Your first call');
    expect(first.textContent).toContain('done');
    const events = within(page).getByRole('link', { name: /events and redcap_event_name/ });
    // Continues at the step reached (third), on the method that step opens.
    expect(events.getAttribute('href')).toBe('#/exp_records?_lesson=events&_step=3');
    await fireEvent.click(within(page).getByRole('button', { name: 'Reset my progress' }));
    expect(sessionStorage.getItem(PROGRESS_KEY)).toBeNull();
    expect(first.textContent).not.toContain('done');
  });

  it('shows About at #/about, and a method chosen in the list leaves the page', async () => {
    open('#/about');
    expect(await screen.findByRole('heading', { name: 'About this playground' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Mock mode and live mode' })).toBeTruthy();
    await fireEvent.click(
      screen.getByRole('button', { name: 'Export Metadata (Data Dictionary)' }),
    );
    await vi.waitFor(() => expect(location.hash).toMatch(/^#\/exp_metadata\?/));
    expect(screen.queryByRole('heading', { name: 'About this playground' })).toBeNull();
  });
});
