import { describe, expect, it, vi } from 'vitest';
import type { Transport } from '../../src/lib/execute/transport.ts';
import type { RedcapResponse } from '../../src/lib/redcap/response.ts';
import type { ConnectionState } from '../../src/ui/state/connection.svelte.ts';
import { WriteGuardState, type PendingWrite } from '../../src/ui/state/write-guard.svelte.ts';

/** WriteGuardState on its own: a fake connection and a transport the test answers by hand. */

interface FakeLive {
  writesUnlocked: boolean;
  project: { id: string; production: boolean } | null;
}

function setup(live: Partial<FakeLive> = {}, mode: 'live' | 'mock' = 'live') {
  const state: FakeLive = {
    writesUnlocked: true,
    project: { id: '321', production: false },
    ...live,
  };
  const connection = {
    mode,
    live: {
      ...state,
      get writesUnlocked() {
        return state.writesUnlocked;
      },
      get project() {
        return state.project;
      },
      connectionFor: () => ({ apiUrl: 'https://redcap.example.edu/api/', token: 'T'.repeat(32) }),
    },
  } as unknown as ConnectionState;
  const answers: ((response: RedcapResponse | Error) => void)[] = [];
  const transport: Transport = {
    send: vi.fn(
      () =>
        new Promise<RedcapResponse>((resolve, reject) =>
          answers.push((r) => (r instanceof Error ? reject(r) : resolve(r))),
        ),
    ),
  };
  const answer = async (body: unknown | Error) => {
    await vi.waitFor(() => expect(answers.length).toBeGreaterThan(0));
    answers.shift()!(
      body instanceof Error
        ? body
        : {
            status: 200,
            statusText: 'OK',
            headers: { 'content-type': 'application/json' },
            bytes: new TextEncoder().encode(JSON.stringify(body)),
            timeMs: 1,
          },
    );
  };
  const guard = new WriteGuardState(connection, transport);
  return { guard, state, answer, transport };
}

const DELETE: PendingWrite = { methodId: 'del_records', values: { records: ['1'] } };
const ANOTHER: PendingWrite = { methodId: 'del_records', values: { records: ['2'] } };

/** Answers the delete's dry run: metadata (id field), then the id-only export. */
async function dryRunDone(answer: ReturnType<typeof setup>['answer']) {
  await answer([{ field_name: 'record_id' }]);
  await answer([{ record_id: '1' }]);
}

describe('WriteGuardState', () => {
  it('guards destructive methods in live mode only', () => {
    expect(setup().guard.guards('del_records')).toBe(true);
    expect(setup().guard.guards('exp_records')).toBe(false);
    expect(setup({}, 'mock').guard.guards('del_records')).toBe(false);
  });

  it('reads lock, production and project id from the connection, with no project too', () => {
    const { guard, state } = setup({ project: null, writesUnlocked: false });
    expect([guard.locked, guard.production, guard.projectId]).toEqual([true, false, '']);
    state.writesUnlocked = true;
    state.project = { id: '9', production: true };
    expect([guard.locked, guard.production, guard.projectId]).toEqual([false, true, '9']);
  });

  it('keeps Confirm off until the dry run has answered, then lets it send once', async () => {
    const { guard, answer } = setup();
    const onConfirm = vi.fn();
    expect(guard.canConfirm).toBe(false);
    guard.confirm();
    guard.ask(DELETE, onConfirm);
    expect([guard.pending, guard.lines, guard.dryRunError, guard.typedId]).toEqual([
      DELETE,
      null,
      null,
      '',
    ]);
    expect(guard.canConfirm).toBe(false);
    guard.confirm();
    expect(onConfirm).not.toHaveBeenCalled();
    expect(guard.pending).toBe(DELETE);
    await dryRunDone(answer);
    await vi.waitFor(() => expect(guard.lines).not.toBeNull());
    expect(guard.canConfirm).toBe(true);
    guard.confirm();
    expect(onConfirm).toHaveBeenCalledExactlyOnceWith(DELETE);
    expect([guard.pending, guard.lines, guard.canConfirm]).toEqual([null, null, false]);
    guard.confirm();
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('lets Confirm work after a failed dry run', async () => {
    const { guard, answer } = setup();
    const onConfirm = vi.fn();
    guard.ask(DELETE, onConfirm);
    await answer(new Error('socket hang up'));
    await vi.waitFor(() => expect(guard.dryRunError).not.toBeNull());
    expect(guard.dryRunError).toBe('The dry run could not check this change: socket hang up');
    expect(guard.lines).toBeNull();
    expect(guard.canConfirm).toBe(true);
    guard.confirm();
    expect(onConfirm).toHaveBeenCalledExactlyOnceWith(DELETE);
  });

  it('asks nothing while locked or while another write waits', async () => {
    const locked = setup({ writesUnlocked: false });
    locked.guard.ask(DELETE, vi.fn());
    expect(locked.guard.pending).toBeNull();
    expect(locked.transport.send).not.toHaveBeenCalled();

    const { guard, answer } = setup();
    const first = vi.fn();
    const second = vi.fn();
    guard.ask(DELETE, first);
    guard.ask(ANOTHER, second);
    expect(guard.pending).toBe(DELETE);
    await dryRunDone(answer);
    await vi.waitFor(() => expect(guard.canConfirm).toBe(true));
    guard.confirm();
    expect(first).toHaveBeenCalledExactlyOnceWith(DELETE);
    expect(second).not.toHaveBeenCalled();
  });

  it('in production, needs the project id typed (spaces around it allowed)', async () => {
    const { guard, answer } = setup({ project: { id: '321', production: true } });
    guard.ask(DELETE, vi.fn());
    await dryRunDone(answer);
    await vi.waitFor(() => expect(guard.lines).not.toBeNull());
    expect(guard.canConfirm).toBe(false);
    guard.typedId = '3210';
    expect(guard.canConfirm).toBe(false);
    guard.typedId = ' 321 ';
    expect(guard.canConfirm).toBe(true);
    guard.close();
    expect(guard.typedId).toBe('');
  });

  it('close forgets the write, and the dry run that answers afterwards changes nothing', async () => {
    expect(() => setup().guard.close()).not.toThrow();
    const ok = setup();
    ok.guard.ask(DELETE, vi.fn());
    ok.guard.typedId = 'x';
    ok.guard.close();
    expect([ok.guard.pending, ok.guard.typedId]).toEqual([null, '']);
    await dryRunDone(ok.answer);
    const failing = setup();
    failing.guard.ask(DELETE, vi.fn());
    failing.guard.close();
    await failing.answer(new Error('late'));
    await new Promise((r) => setTimeout(r, 10));
    expect([ok.guard.lines, ok.guard.dryRunError]).toEqual([null, null]);
    expect([failing.guard.lines, failing.guard.dryRunError]).toEqual([null, null]);
  });

  it('starts each ask afresh: no typed id or lines from the write before', async () => {
    const { guard, answer } = setup();
    guard.ask(DELETE, vi.fn());
    await dryRunDone(answer);
    await vi.waitFor(() => expect(guard.lines).not.toBeNull());
    guard.typedId = '321';
    guard.confirm();
    guard.ask(ANOTHER, vi.fn());
    expect([guard.pending, guard.lines, guard.dryRunError, guard.typedId]).toEqual([
      ANOTHER,
      null,
      null,
      '',
    ]);
  });
});
