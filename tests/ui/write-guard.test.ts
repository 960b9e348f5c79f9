import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import type { MethodId } from '../../src/lib/methods/index.ts';
import type { RedcapRequest } from '../../src/lib/redcap/request.ts';
import { LIVE_TOKEN, LIVE_URL, liveContext } from './live-harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const field = (req: RedcapRequest, name: string) =>
  req.body.filter(([n]) => n === name || n.startsWith(`${name}[`)).map(([, v]) => String(v));

async function liveWrite(
  methodId: MethodId,
  values: Record<string, string | string[]>,
  options: Parameters<typeof liveContext>[0] = {},
) {
  const setup = liveContext({ methodId, ...options });
  for (const [name, value] of Object.entries(values))
    setup.context.playground.setValue(name, value);
  render(App, { props: { context: setup.context } });
  await fireEvent.click(screen.getByRole('radio', { name: 'Live' }));
  await screen.findByRole('form', { name: 'Live connection' });
  await fireEvent.input(screen.getByRole('textbox', { name: 'API URL' }), {
    target: { value: LIVE_URL },
  });
  await fireEvent.input(screen.getByLabelText('Token'), { target: { value: LIVE_TOKEN } });
  await fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
  await screen.findByLabelText('Connected project');
  return setup;
}

const execute = () => screen.getByRole('button', { name: 'Execute' }) as HTMLButtonElement;

describe('guarded writes in live mode', () => {
  it('locks a delete until “Unlock writes”, then asks with a dry run before sending', async () => {
    const { redcap } = await liveWrite('del_records', { records: ['1', '2'] });
    expect(execute().disabled).toBe(true);
    expect(screen.getByRole('group', { name: 'Write lock' }).textContent).toMatch(/locked/);
    await fireEvent.click(screen.getByRole('button', { name: 'Unlock writes' }));
    expect(execute().disabled).toBe(false);
    await fireEvent.click(execute());
    const dialog = await screen.findByRole('dialog', { name: 'Confirm' });
    expect(dialog.textContent).toContain('Delete Records');
    expect(dialog.textContent).toContain('Heart study');
    const dryRun = await within(dialog).findByRole('list', { name: 'Dry run' });
    expect(dryRun.textContent).toContain('2 record(s) that exist: 1, 2');
    // The dry run is read-only: metadata for the id field, then an id-only export.
    const idExport = redcap.calls.at(-1)!;
    expect(field(idExport, 'fields')).toEqual(['record_id']);
    expect(field(idExport, 'records')).toEqual(['1', '2']);
    expect(redcap.calls.some((c) => field(c, 'action')[0] === 'delete')).toBe(false);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await vi.waitFor(() =>
      expect(redcap.calls.filter((c) => field(c, 'action')[0] === 'delete')).toHaveLength(1),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('names the records that do not exist', async () => {
    await liveWrite('del_records', { records: ['1', '7'] });
    await fireEvent.click(screen.getByRole('button', { name: 'Unlock writes' }));
    await fireEvent.click(execute());
    const dryRun = await screen.findByRole('list', { name: 'Dry run' });
    expect(dryRun.textContent).toContain('Not found: 7');
  });

  it('Cancel sends nothing', async () => {
    const { redcap } = await liveWrite('del_records', { records: ['1'] });
    await fireEvent.click(screen.getByRole('button', { name: 'Unlock writes' }));
    await fireEvent.click(execute());
    const dialog = await screen.findByRole('dialog', { name: 'Confirm' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(redcap.calls.some((c) => field(c, 'action')[0] === 'delete')).toBe(false);
  });

  it('counts new and existing records of an import, and the values overwrite would erase', async () => {
    await liveWrite(
      'imp_records',
      {
        format: 'json',
        overwriteBehavior: 'overwrite',
        data: '[{"record_id":"2","age":""},{"record_id":"9","age":"40"}]',
      },
      {
        answers: {
          'record/export': (req) => ({
            body: JSON.stringify(
              field(req, 'fields').includes('age')
                ? [{ record_id: '2', age: '33' }]
                : [{ record_id: '2' }],
            ),
          }),
        },
      },
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Unlock writes' }));
    await fireEvent.click(execute());
    const dryRun = await screen.findByRole('list', { name: 'Dry run' });
    expect(dryRun.textContent).toContain('1 new (9), 1 existing (2)');
    expect(dryRun.textContent).toContain('erase 1 stored value');
  });

  it('asks for the project id of a production project before Confirm works', async () => {
    const { redcap } = await liveWrite(
      'del_records',
      { records: ['1'] },
      {
        answers: {
          project: {
            body: JSON.stringify({
              project_id: '321',
              project_title: 'Live trial',
              in_production: 1,
            }),
          },
        },
      },
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Unlock writes' }));
    await fireEvent.click(execute());
    const dialog = await screen.findByRole('dialog', { name: 'Confirm' });
    await within(dialog).findByRole('list', { name: 'Dry run' });
    const confirm = within(dialog).getByRole('button', { name: 'Confirm' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await fireEvent.input(within(dialog).getByLabelText(/Type the project id \(321\)/), {
      target: { value: '321' },
    });
    expect(confirm.disabled).toBe(false);
    await fireEvent.click(confirm);
    await vi.waitFor(() =>
      expect(redcap.calls.some((c) => field(c, 'action')[0] === 'delete')).toBe(true),
    );
  });
});

describe('a dry run that fails', () => {
  const failures: [string, Parameters<typeof liveContext>[0]][] = [
    [
      'REDCap answers an error',
      { answers: { 'record/export': { status: 403, body: '{"error":"No API export rights"}' } } },
    ],
    [
      'the network fails',
      {
        answers: {
          'record/export': () => {
            throw new Error('socket hang up');
          },
        },
      },
    ],
  ];

  it.each(failures)(
    'when %s, says so and still lets Confirm send the write',
    async (_, options) => {
      const { redcap } = await liveWrite('del_records', { records: ['1'] }, options);
      await fireEvent.click(screen.getByRole('button', { name: 'Unlock writes' }));
      await fireEvent.click(execute());
      const dialog = await screen.findByRole('dialog', { name: 'Confirm' });
      await within(dialog).findByText(/The dry run could not check this change/);
      expect(within(dialog).queryByRole('list', { name: 'Dry run' })).toBeNull();
      const confirm = within(dialog).getByRole('button', { name: 'Confirm' }) as HTMLButtonElement;
      expect(confirm.disabled).toBe(false);
      await fireEvent.click(confirm);
      await vi.waitFor(() =>
        expect(redcap.calls.filter((c) => field(c, 'action')[0] === 'delete')).toHaveLength(1),
      );
      expect(screen.queryByRole('dialog')).toBeNull();
    },
  );

  it('names what failed', async () => {
    await liveWrite('del_records', { records: ['1'] }, failures[0]![1]);
    await fireEvent.click(screen.getByRole('button', { name: 'Unlock writes' }));
    await fireEvent.click(execute());
    const dialog = await screen.findByRole('dialog', { name: 'Confirm' });
    expect((await within(dialog).findByText(/could not check/)).textContent).toBe(
      'The dry run could not check this change: Export Records failed: No API export rights',
    );
  });

  it('in production, still needs the project id typed', async () => {
    const { redcap } = await liveWrite(
      'del_records',
      { records: ['1'] },
      {
        answers: {
          ...failures[0]![1]!.answers,
          project: {
            body: JSON.stringify({ project_id: '321', project_title: 'Trial', in_production: 1 }),
          },
        },
      },
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Unlock writes' }));
    await fireEvent.click(execute());
    const dialog = await screen.findByRole('dialog', { name: 'Confirm' });
    await within(dialog).findByText(/could not check/);
    const confirm = within(dialog).getByRole('button', { name: 'Confirm' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await fireEvent.input(within(dialog).getByLabelText(/Type the project id \(321\)/), {
      target: { value: '32' },
    });
    expect(confirm.disabled).toBe(true);
    await fireEvent.input(within(dialog).getByLabelText(/Type the project id \(321\)/), {
      target: { value: ' 321 ' },
    });
    expect(confirm.disabled).toBe(false);
    await fireEvent.click(confirm);
    await vi.waitFor(() =>
      expect(redcap.calls.some((c) => field(c, 'action')[0] === 'delete')).toBe(true),
    );
  });
});

describe('writes in mock mode', () => {
  it('need no unlock and no confirmation', async () => {
    const { context, mockSend } = liveContext({ methodId: 'del_records' });
    context.playground.setValue('records', ['1']);
    render(App, { props: { context } });
    expect(screen.queryByRole('group', { name: 'Write lock' })).toBeNull();
    await vi.waitFor(() => expect(context.connection.status).toBe('ready'));
    await fireEvent.click(execute());
    await vi.waitFor(() => expect(mockSend).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
