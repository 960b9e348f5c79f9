import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { INSTRUMENTS, METADATA } from '../../mocks/fixtures/classic-demo-dictionary.ts';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { longitudinalDemoProject } from '../../mocks/fixtures/longitudinal-demo.ts';
import { setupMockServer } from '../../mocks/node.ts';
import App from '../../src/App.svelte';
import { createMockTransport, type Transport } from '../../src/lib/execute/transport.ts';
import * as assist from '../../src/lib/project/logic-assist.ts';
import type { LogicModel } from '../../src/lib/project/logic-assist.ts';
import { buildProjectModel } from '../../src/lib/project/model.ts';
import type { RedcapRequest } from '../../src/lib/redcap/request.ts';
import { makeContext, mockHandle } from './harness.ts';
import LogicEditor from '../../src/ui/form/logic/LogicEditor.svelte';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const classic = buildProjectModel({
  info: { is_longitudinal: 0 },
  metadata: METADATA,
  instruments: INSTRUMENTS,
});
const long = longitudinalDemoProject();
const longitudinal = buildProjectModel({
  info: { is_longitudinal: 1 },
  metadata: long.metadata,
  instruments: long.instruments,
  events: long.events,
  mappings: long.formEvents,
});

const editor = () => screen.getByRole('combobox');
const listbox = () => {
  const list = document.getElementById('logic-completion')!;
  expect(list.getAttribute('role')).toBe('listbox');
  return list;
};
const options = () => within(listbox()).queryAllByRole('option', { hidden: true });
const labels = () => options().map((o) => o.querySelector('code')?.textContent);
let current = '';
const value = () => current;
const check = () => document.getElementById('logic-check')!;

/** user-event reads `[` as a key descriptor: `[[` types one bracket. */
const keys = (text: string) => text.replace(/\[/g, '[[').replace(/\{/g, '{{');

/** The editor as a form row holds it: the value kept outside and handed back on each change. */
function setup(
  model: LogicModel | null = classic,
  props: { start?: string; invalid?: boolean; note?: string } = {},
) {
  const user = userEvent.setup();
  current = props.start ?? '';
  const { rerender } = render(LogicEditor, {
    props: {
      id: 'logic',
      value: current,
      model,
      assist,
      invalid: props.invalid ?? false,
      note: props.note ?? '',
      describedby: 'logic-help',
      onchange: (v: string) => {
        current = v;
        void rerender({ value: v });
      },
    },
  });
  return user;
}

describe('LogicEditor: completion', () => {
  it('is a combobox wired to its listbox, closed until [ is typed', async () => {
    const user = setup();
    expect(editor().getAttribute('aria-expanded')).toBe('false');
    expect(editor().getAttribute('aria-controls')).toBe(listbox().id);
    await user.type(editor(), 'x');
    expect(editor().getAttribute('aria-expanded')).toBe('false');
    await user.clear(editor());
    await user.type(editor(), keys('['));
    expect(editor().getAttribute('aria-expanded')).toBe('true');
    expect(listbox().hidden).toBe(false);
    expect(labels().slice(0, 3)).toEqual(['record_id', 'first_name', 'last_name']);
    expect(labels()).toContain('symptoms(2)');
    expect(options()[0]!.getAttribute('aria-selected')).toBe('true');
    expect(editor().getAttribute('aria-activedescendant')).toBe(options()[0]!.id);
  });

  it('narrows as the name is typed and shows each field’s label', async () => {
    const user = setup();
    await user.type(editor(), keys('[wei'));
    expect(labels()).toEqual(['weight']);
    expect(options()[0]!.textContent).toContain('Weight (kg)');
  });

  it('offers events first in a longitudinal project, then the fields after [event]', async () => {
    const user = setup(longitudinal);
    await user.type(editor(), keys('['));
    expect(labels().slice(0, 2)).toEqual(['baseline_arm_1', 'week_4_arm_1']);
    expect(options()[0]!.textContent).toContain('Baseline (Arm 1)');
    await user.keyboard('{Enter}');
    expect(value()).toBe('[baseline_arm_1]');
    await user.type(editor(), keys('[wei'));
    expect(labels()).toEqual(['weight']);
    await user.keyboard('{Tab}');
    expect(value()).toBe('[baseline_arm_1][weight]');
  });

  it('offers a field’s codes in quotes with their labels after = and <>', async () => {
    const user = setup();
    await user.type(editor(), keys('[sex] = '));
    expect(labels()).toEqual(["'0'", "'1'"]);
    expect(options().map((o) => o.querySelector('.detail')?.textContent)).toEqual([
      'Female',
      'Male',
    ]);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(value()).toBe("[sex] = '1'");
    await user.type(editor(), keys(' and [visit_type] <> '));
    expect(options().map((o) => o.querySelector('.detail')?.textContent)).toEqual([
      'Screening',
      'Baseline',
      'Follow-up',
    ]);
  });

  it('moves with the arrows (wrapping), accepts with Enter or Tab, closes with Esc', async () => {
    const user = setup();
    await user.type(editor(), keys('['));
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(options()[2]!.getAttribute('aria-selected')).toBe('true');
    expect(editor().getAttribute('aria-activedescendant')).toBe(options()[2]!.id);
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(options().at(-1)!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(value()).toBe('[first_name]');
    expect(editor().getAttribute('aria-expanded')).toBe('false');
    const textarea = editor() as HTMLTextAreaElement;
    expect(textarea.selectionStart).toBe('[first_name]'.length);

    await user.type(editor(), keys(' = 1 or [ag'));
    await user.keyboard('{Tab}');
    expect(value()).toBe('[first_name] = 1 or [age]');

    await user.type(editor(), keys(' and ['));
    expect(editor().getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{Escape}');
    expect(editor().getAttribute('aria-expanded')).toBe('false');
    expect(value()).toBe('[first_name] = 1 or [age] and [');
    // Enter with the list closed is a new line, as in any textarea.
    await user.keyboard('{Enter}');
    expect(value()).toBe('[first_name] = 1 or [age] and [\n');
  });

  it('opens function names on Ctrl+Space and accepts one by click', async () => {
    const user = setup();
    await user.type(editor(), 'date');
    expect(editor().getAttribute('aria-expanded')).toBe('false');
    await user.keyboard('{Control>} {/Control}');
    expect(labels()).toEqual(['datediff()']);
    await fireEvent.mouseDown(options()[0]!);
    expect(value()).toBe('datediff(');
  });

  it('completes without a model only what needs none (functions)', async () => {
    const user = setup(null, { note: 'Reading the project’s fields…' });
    await user.type(editor(), keys('['));
    expect(editor().getAttribute('aria-expanded')).toBe('false');
    expect(check().textContent).toContain('Reading the project’s fields…');
  });
});

describe('LogicEditor: the check', () => {
  it('describes the textarea by the help and the check, a live status region', async () => {
    setup();
    expect(editor().getAttribute('aria-describedby')).toBe('logic-help logic-check');
    expect(check().getAttribute('role')).toBe('status');
  });

  it.each([
    ['[age > 3', 'Error at character 1: This [ is not closed by ]'],
    ['age] > 3', 'Error at character 4: This ] has no [ before it'],
    ['([age] > 3', 'Error at character 1: This ( is not closed by )'],
    ['[age] > 3)', 'Error at character 10: This ) has no ( before it'],
    ["[sex] = '1", "Error at character 9: This quoted value is not closed: end it with '"],
    ['[agee] > 30', 'Hint at character 1: agee is not a field in this project; did you mean age?'],
    ["[sex] == '1'", 'Hint at character 7: REDCap compares with a single =, not =='],
    ["[age] > 3 && [sex] = '1'", 'Error at character 11: REDCap writes and, not &&'],
    ["[age] > 3 || [sex] = '1'", 'Error at character 11: REDCap writes or, not ||'],
    ["!([sex] = '1')", 'Error at character 1: REDCap has no !: write not(…)'],
    ["[notes] LIKE '%x%'", 'Error at character 9: LIKE is SQL, not REDCap logic'],
    [
      '[email] IS NULL',
      "Error at character 9: IS NULL is SQL: REDCap writes a blank as [field] = ''",
    ],
    ["[sex] IN ('0', '1')", "Error at character 7: IN (…) is SQL: REDCap writes [field] = 'a' or"],
    ['[age] >', 'Error at character 8: Expected a [field] or a value'],
    ["[symptoms] = '1'", 'Hint at character 1: [symptoms] is a checkbox: name one option'],
    ["[sex] = '3'", 'Hint at character 9: 3 is not a code of [sex]: 0 (Female), 1 (Male)'],
  ])('%j → %s', async (text, message) => {
    setup(classic, { start: text });
    expect(check().textContent?.replace(/\s+/g, ' ')).toContain(message);
  });

  it('shows names as code, says nothing for good logic, and keeps what was typed', async () => {
    const user = setup(classic, { start: '[agee] > 30' });
    expect(within(check()).getAllByText(/^(agee|age)$/, { selector: 'code' })).toHaveLength(2);
    await user.clear(editor());
    await user.type(editor(), `datediff(${keys('[dob]')}, "today", 'y') >= 18`);
    expect(within(check()).queryAllByRole('listitem')).toHaveLength(0);
    expect(value()).toBe(`datediff([dob], "today", 'y') >= 18`);
  });

  it('leaves errors to the form when it already shows one, keeping the hints', () => {
    setup(classic, { start: "[agee] == 1 and ([sex] = '1'", invalid: true });
    const text = check().textContent ?? '';
    expect(text).toContain('did you mean');
    expect(text).toContain('single =');
    expect(text).not.toContain('Error');
  });
});

describe('filterLogic in the form, on the mock', () => {
  const { server } = setupMockServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  function open(token: string) {
    const sent: RedcapRequest[] = [];
    const inner = createMockTransport('/');
    const transport: Transport = {
      send: (request, signal) => {
        sent.push(request);
        return inner.send(request, signal);
      },
    };
    const startMock = () => Promise.resolve(mockHandle(token, { pendingMethods: [] }));
    render(App, {
      props: { context: makeContext(transport, { methodId: 'exp_records', startMock }) },
    });
    return { sent, user: userEvent.setup() };
  }
  const field = () => screen.getByRole('combobox', { name: 'filterLogic' });

  it('completes the longitudinal demo’s events, read from the project', async () => {
    const { user } = open(ALICE_LONGITUDINAL_TOKEN);
    await vi.waitFor(() => expect(document.body.textContent).not.toContain('Reading the project'));
    await user.type(field(), keys('[base'));
    const list = () => document.getElementById('param-filterLogic-completion')!;
    await vi.waitFor(() =>
      expect([...list().querySelectorAll('[role=option] code')].map((c) => c.textContent)).toEqual([
        'baseline_arm_1',
        'baseline_arm_2',
      ]),
    );
  });

  it('blocks Execute on a syntax error (the form says why), not on a hint', async () => {
    const { user, sent } = open(ALICE_TOKEN);
    await user.type(field(), keys('[age] >'));
    await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
    await vi.waitFor(() =>
      expect(document.getElementById('param-filterLogic-error')?.textContent).toContain(
        'filterLogic is not valid REDCap logic: Expected a [field] or a value',
      ),
    );
    const exports = () =>
      sent.filter((r) => r.body.some(([k, v]) => k === 'content' && v === 'record'));
    expect(exports()).toHaveLength(0);
    expect((field() as HTMLTextAreaElement).value).toBe('[age] >');

    await user.type(field(), keys(' 60 and [sex] == 1'));
    await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
    const response = () => screen.getByRole('region', { name: 'Response' });
    await vi.waitFor(() => expect(response().textContent).toContain('HTTP 200 OK'));
    expect(document.getElementById('param-filterLogic-check')?.textContent).toContain('single =');
    expect(exports()).toHaveLength(1);
    expect(exports()[0]!.body).toContainEqual(['filterLogic', '[age] > 60 and [sex] == 1']);
    // Types ~30 keys into the whole app: 4.5 s alone, over vitest's 5 s on a loaded machine.
  }, 15_000);
});
