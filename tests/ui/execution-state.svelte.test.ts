import { QueryClient } from '@tanstack/svelte-query';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  TransportError,
  type SendOptions,
  type Transport,
} from '../../src/lib/execute/transport.ts';
import type { MethodId } from '../../src/lib/methods/index.ts';
import { REDACTED_TOKEN, type RedcapRequest } from '../../src/lib/redcap/request.ts';
import type { RedcapResponse } from '../../src/lib/redcap/response.ts';
import { spawnLocalTableWorker } from '../../src/lib/table/stream-local.ts';
import type { AppContext } from '../../src/ui/state/context.ts';
import { ExecutionState, type ExecutionHooks } from '../../src/ui/state/execution.svelte.ts';
import { describeRun, historyEntry, runKey } from '../../src/ui/state/run-facts.ts';
import { requestKey } from '../../src/lib/form/request-key.ts';
import { makeContext, TEST_TOKEN } from './harness.ts';
import { LIVE_TOKEN, LIVE_URL, liveContext } from './live-harness.ts';

/**
 * ExecutionState on its own, without a component: created in an effect root with a query client
 * of its own, over a transport the test answers by hand (or the live stand-in of live-harness).
 */

const roots: (() => void)[] = [];
afterEach(() => {
  for (const stop of roots.splice(0)) stop();
  vi.useRealTimers();
});

function start(context: AppContext, hooks: ExecutionHooks = {}) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  let run!: ExecutionState;
  roots.push(
    $effect.root(() => {
      run = new ExecutionState(context, hooks, queryClient);
    }),
  );
  flushSync();
  return { run, queryClient };
}

interface Sent {
  readonly request: RedcapRequest;
  readonly signal: AbortSignal | undefined;
  readonly options: SendOptions | undefined;
  readonly reply: (response: RedcapResponse | Error) => void;
}

/** A transport whose calls wait for the test's answer; a cancelled call rejects at once. */
function handTransport() {
  const sent: Sent[] = [];
  const send = vi.fn(
    (request: RedcapRequest, signal?: AbortSignal, options?: SendOptions) =>
      new Promise<RedcapResponse>((resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason as Error));
        sent.push({
          request,
          signal,
          options,
          reply: (r) => (r instanceof Error ? reject(r) : resolve(r)),
        });
      }),
  );
  const transport: Transport = { send };
  /** Answers the oldest open call; the body goes through the run's sink, as fetch's does. */
  const answer = async (status: number, body: string, type = 'application/json') => {
    await vi.waitFor(() => expect(sent.length).toBeGreaterThan(0));
    const call = sent.shift()!;
    const headers = { 'content-type': type };
    let bytes: Uint8Array = new TextEncoder().encode(body);
    const sink = call.options?.sink;
    if (sink) {
      sink.start({ status, headers });
      sink.write(bytes);
      bytes = await sink.finish();
    }
    call.reply({ status, statusText: '', headers, bytes, timeMs: 42 });
  };
  return { transport, send, sent, answer };
}

async function mockRun(methodId: MethodId = 'exp_records', hooks: ExecutionHooks = {}) {
  const hand = handTransport();
  // The table worker's code, run in the page: the stream fills as it does in the browser.
  const context = {
    ...makeContext(hand.transport, { methodId }),
    spawnTableWorker: spawnLocalTableWorker,
  };
  await vi.waitFor(() => expect(context.connection.status).toBe('ready'));
  return { ...hand, context, ...start(context, hooks) };
}

const AT = new Date(2026, 0, 2, 10, 4, 5);
const LABEL = 'Export Records on Test project · tester, sent at 10:04:05';
const tokenOf = (request: RedcapRequest) => request.body.find(([n]) => n === 'token')?.[1];

describe('ExecutionState: a run', () => {
  it('sends the request on screen through the one client, keeps the answer and records it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(AT);
    const onSent = vi.fn();
    const onInvalid = vi.fn();
    const { run, context, sent, answer, send } = await mockRun('exp_records', {
      onSent,
      onInvalid,
    });
    const values = $state.snapshot(context.playground.values);
    run.execute();
    expect(onSent).toHaveBeenCalledTimes(1);
    expect(onInvalid).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(run.mutation.isPending).toBe(true);
    expect(sent[0]!.request.methodId).toBe('exp_records');
    expect(tokenOf(sent[0]!.request)).toBe(TEST_TOKEN);
    expect(sent[0]!.request.url).toBe(context.connection.apiUrl);
    await answer(200, '[{"record_id":"1"}]');
    await vi.waitFor(() => expect(run.mutation.isPending).toBe(false));
    expect(run.mutation.data?.parsed.status).toBe(200);
    expect(run.mutation.error).toBeNull();
    expect(run.answered).toEqual({
      key: run.keyOf({ methodId: 'exp_records', values }),
      label: LABEL,
    });
    expect(run.earlier).toBeNull();
    // The moment it settled (waitFor moves the faked clock on by its polling interval).
    const at = run.history.entries[0]!.at.getTime() - AT.getTime();
    expect(at >= 0 && at < 1000).toBe(true);
    expect(run.history.entries).toEqual([
      {
        id: 1,
        at: expect.any(Date),
        methodId: 'exp_records',
        values,
        mode: 'mock',
        apiUrl: '',
        status: 200,
        outcome: 'HTTP 200 OK',
        timeMs: 42,
      },
    ]);
    expect(JSON.stringify(run.history.entries)).not.toContain(TEST_TOKEN);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('hands the run’s body sink and progress to the transport: the table grows in the stream', async () => {
    const { run, sent, answer } = await mockRun();
    run.execute();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    const options = sent[0]!.options!;
    expect(options.sink).toBeDefined();
    options.onProgress!(5, 10);
    await vi.waitFor(() => expect([run.stream.received, run.stream.total]).toEqual([5, 10]));
    await answer(200, '[{"record_id":"1","age":"40"},{"record_id":"2","age":"51"}]');
    await vi.waitFor(() => expect(run.stream.table?.columns).toEqual(['record_id', 'age']));
    expect(run.stream.table?.rows).toEqual([
      ['1', '40'],
      ['2', '51'],
    ]);
  });

  it('ignores Execute while a run is under way; Cancel stops it and History says Cancelled', async () => {
    const { run, sent, send } = await mockRun();
    run.execute();
    await vi.waitFor(() => expect(run.mutation.isPending).toBe(true));
    run.execute();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    sent[0]!.options!.onProgress!(7, null);
    await vi.waitFor(() => expect(run.stream.received).toBe(7));
    run.cancel();
    expect(sent[0]!.signal?.aborted).toBe(true);
    expect(run.stream.received).toBe(0);
    await vi.waitFor(() => expect(run.mutation.isPending).toBe(false));
    expect(run.mutation.error?.name).toBe('AbortError');
    expect(run.mutation.error?.message).toBe('The request was cancelled.');
    expect(run.history.entries).toMatchObject([
      { methodId: 'exp_records', status: null, outcome: 'Cancelled', timeMs: null },
    ]);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('a call that got no answer is shown as the error, and History says No answer', async () => {
    const { run, sent } = await mockRun();
    run.execute();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    sent.shift()!.reply(new TransportError('Network down'));
    await vi.waitFor(() => expect(run.mutation.error?.message).toBe('Network down'));
    expect(run.mutation.data).toBeUndefined();
    expect(run.history.entries).toMatchObject([{ status: null, outcome: 'No answer' }]);
  });

  it('a refusal is an answer: REDCap’s status goes to History with its reason phrase', async () => {
    const { run, answer } = await mockRun();
    run.execute();
    await answer(403, '{"error":"You do not have permissions to use the API"}');
    await vi.waitFor(() => expect(run.history.entries).toHaveLength(1));
    expect(run.history.entries[0]).toMatchObject({ status: 403, outcome: 'HTTP 403 Forbidden' });
    expect(run.mutation.data?.parsed.error).toBe('You do not have permissions to use the API');
  });

  it('an invalid form sends nothing, calls onInvalid and clears the earlier answer', async () => {
    const onInvalid = vi.fn();
    const onSent = vi.fn();
    const { run, context, answer, send } = await mockRun('exp_records', { onInvalid, onSent });
    run.execute();
    await answer(200, '[{"record_id":"1"}]');
    await vi.waitFor(() => expect(run.stream.table).not.toBeNull());
    await vi.waitFor(() => expect(run.mutation.data).toBeDefined());
    // Delete Records needs record names: its empty form is invalid.
    context.playground.select('del_records');
    run.execute();
    expect(onInvalid).toHaveBeenCalledTimes(1);
    expect(onSent).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledTimes(1);
    expect(context.playground.errorFor('records')).toEqual(expect.any(String));
    await vi.waitFor(() => expect(run.mutation.data).toBeUndefined());
    expect(run.answered).toBeNull();
    expect(run.stream.table).toBeNull();
  });

  it('without hooks an invalid form only reveals its errors; Cancel before any run does nothing', async () => {
    const { run, context, send } = await mockRun('del_records');
    expect(() => run.cancel()).not.toThrow();
    expect(() => run.execute()).not.toThrow();
    expect(context.playground.errorFor('records')).toEqual(expect.any(String));
    expect(send).not.toHaveBeenCalled();
  });

  it('clearAnswer forgets the answer, its table and which request it belonged to', async () => {
    const { run, answer } = await mockRun();
    run.execute();
    await answer(200, '[{"record_id":"1"}]');
    await vi.waitFor(() => expect(run.stream.table).not.toBeNull());
    await vi.waitFor(() => expect(run.mutation.data).toBeDefined());
    expect(run.answered).not.toBeNull();
    run.clearAnswer();
    await vi.waitFor(() => expect(run.mutation.data).toBeUndefined());
    expect([run.answered, run.stream.table]).toEqual([null, null]);
  });
});

describe('ExecutionState: which request the answer belongs to', () => {
  it('an answer to another form, user, token or data version is an earlier request’s', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(AT);
    const { run, context, answer } = await mockRun();
    const { playground, connection } = context;
    run.execute();
    await answer(200, '[]');
    await vi.waitFor(() => expect(run.mutation.data).toBeDefined());
    expect(run.earlier).toBeNull();
    playground.setValue('records', ['2']);
    expect(run.earlier).toBe(LABEL);
    playground.setValue('records', []);
    expect(run.earlier).toBeNull();
    connection.wrongToken = true;
    expect(run.earlier).toBe(LABEL);
    connection.wrongToken = false;
    expect(run.earlier).toBeNull();
    connection.dataVersion++;
    expect(run.earlier).toBe(LABEL);
  });

  it('keys a request by method, values and where it goes, never by the token', async () => {
    const { run, context } = await mockRun();
    const a = run.keyOf({ methodId: 'exp_records', values: { format: 'json' } });
    expect(a).not.toContain(TEST_TOKEN);
    expect(a).toContain('test-project/tester');
    expect(run.keyOf({ methodId: 'exp_records', values: { format: 'csv' } })).not.toBe(a);
    expect(run.keyOf({ methodId: 'exp_metadata', values: { format: 'json' } })).not.toBe(a);
    context.connection.wrongToken = true;
    expect(run.keyOf({ methodId: 'exp_records', values: { format: 'json' } })).toBe(
      `${a.replace('test-project/tester', 'test-project/tester (wrong token)')}`,
    );
  });

  it('the preview is the request on screen without the token, null while the form is invalid', async () => {
    const { run, context } = await mockRun();
    const preview = run.preview!;
    expect(preview.methodId).toBe('exp_records');
    expect(preview.url).toBe(context.connection.apiUrl);
    expect(tokenOf(preview)).toBe(REDACTED_TOKEN);
    expect(JSON.stringify(preview)).not.toContain(TEST_TOKEN);
    expect(preview.body).toContainEqual(['content', 'record']);
    context.playground.select('del_records');
    expect(run.preview).toBeNull();
    context.playground.setValue('records', ['1']);
    expect(run.preview?.body).toContainEqual(['records[0]', '1']);
  });
});

describe('ExecutionState: after a write', () => {
  const KEY = ['project', 'mock', 'test-project/tester'];
  const invalidated = (client: QueryClient) => client.getQueryState(KEY)?.isInvalidated;

  it('a write that worked makes the project be read again; a read or a refused write does not', async () => {
    const { run, context, answer, queryClient } = await mockRun();
    queryClient.setQueryData(KEY, { read: 1 });
    run.execute();
    await answer(200, '[]');
    await vi.waitFor(() => expect(run.history.entries).toHaveLength(1));
    await vi.waitFor(() => expect(run.mutation.isPending).toBe(false));
    expect(invalidated(queryClient)).toBe(false);

    context.playground.select('del_records');
    context.playground.setValue('records', ['9']);
    run.execute();
    await answer(400, '{"error":"The following records do not exist: 9"}');
    await vi.waitFor(() => expect(run.history.entries).toHaveLength(2));
    await vi.waitFor(() => expect(run.mutation.isPending).toBe(false));
    expect(invalidated(queryClient)).toBe(false);

    context.playground.setValue('records', ['1']);
    run.execute();
    await answer(200, '1');
    await vi.waitFor(() => expect(run.history.entries).toHaveLength(3));
    await vi.waitFor(() => expect(invalidated(queryClient)).toBe(true));
  });
});

describe('ExecutionState: restore and rerun', () => {
  it('puts a past request back into the form, data included, and reruns it', async () => {
    const { run, context, sent } = await mockRun('imp_records');
    const { playground } = context;
    playground.setValue('data', 'typed since');
    const entry = {
      id: 9,
      at: AT,
      methodId: 'imp_records' as const,
      values: { format: 'csv', type: 'flat', data: 'record_id\n7\n', overwriteBehavior: 'normal' },
      mode: 'mock' as const,
      apiUrl: '',
      status: 200,
      outcome: 'HTTP 200 OK',
      timeMs: 1,
    };
    playground.select('exp_records');
    run.restore(entry);
    expect(playground.methodId).toBe('imp_records');
    expect(playground.values).toMatchObject(entry.values);
    // An entry without `data` leaves what was typed since.
    playground.setValue('data', 'typed again');
    const { data: _dropped, ...withoutData } = entry.values;
    run.restore({ ...entry, values: withoutData });
    expect(playground.values['data']).toBe('typed again');
    expect(playground.values['format']).toBe('csv');
    run.rerun({ ...entry, values: { ...entry.values, data: 'record_id\n8\n' } });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.request.body).toContainEqual(['data', 'record_id\n8\n']);
  });
});

describe('ExecutionState: restoring a file', () => {
  it('puts the file of a past Import a File back, over the one chosen since', async () => {
    const { run, context } = await mockRun('imp_file');
    const { playground } = context;
    const file = (name: string) =>
      ({ kind: 'file', name, type: 'text/plain', bytes: new TextEncoder().encode(name) }) as const;
    const since = file('since.txt');
    const past = file('past.txt');
    playground.setValue('file', since);
    const values = {
      ...$state.snapshot(playground.values),
      record: '1',
      field: 'consent',
      file: past,
    };
    run.restore({
      id: 1,
      at: AT,
      methodId: 'imp_file',
      values,
      mode: 'mock',
      apiUrl: '',
      status: 200,
      outcome: 'HTTP 200 OK',
      timeMs: 1,
    });
    expect(playground.values['file']).toEqual(past);
    expect(playground.values['record']).toBe('1');
  });
});

describe('ExecutionState: keys', () => {
  const key = (init: KeyboardEventInit) =>
    new KeyboardEvent('keydown', { cancelable: true, ...init });

  it('Ctrl+Enter or Cmd+Enter runs; Enter alone and keys an editor handled do not', async () => {
    const { run, sent } = await mockRun();
    const plain = key({ key: 'Enter' });
    run.onkeydown(plain);
    const handled = key({ key: 'Enter', ctrlKey: true });
    handled.preventDefault();
    run.onkeydown(handled);
    const save = key({ key: 's', ctrlKey: true });
    run.onkeydown(save);
    expect([plain.defaultPrevented, save.defaultPrevented]).toEqual([false, false]);
    expect(run.mutation.isPending).toBe(false);
    const ctrl = key({ key: 'Enter', ctrlKey: true });
    run.onkeydown(ctrl);
    expect(ctrl.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    sent.shift()!.reply(new TransportError('x'));
    await vi.waitFor(() => expect(run.mutation.isPending).toBe(false));
    const cmd = key({ key: 'Enter', metaKey: true });
    run.onkeydown(cmd);
    expect(cmd.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
  });

  it('Escape cancels a running call, and is left alone when nothing runs', async () => {
    const { run, sent } = await mockRun();
    const idle = key({ key: 'Escape' });
    run.onkeydown(idle);
    expect(idle.defaultPrevented).toBe(false);
    run.execute();
    await vi.waitFor(() => expect(run.mutation.isPending).toBe(true));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    const other = key({ key: 'a' });
    run.onkeydown(other);
    expect(other.defaultPrevented).toBe(false);
    expect(sent[0]!.signal?.aborted).toBe(false);
    const escape = key({ key: 'Escape' });
    run.onkeydown(escape);
    expect(escape.defaultPrevented).toBe(true);
    expect(sent[0]!.signal?.aborted).toBe(true);
    await vi.waitFor(() => expect(run.history.entries[0]?.outcome).toBe('Cancelled'));
  });
});

describe('ExecutionState: live writes', () => {
  async function liveRun(methodId: MethodId, values: Record<string, string | string[]>) {
    const setup = liveContext({ methodId });
    const { connection, playground } = setup.context;
    const { live } = setup;
    for (const [name, value] of Object.entries(values)) playground.setValue(name, value);
    await connection.setMode('live');
    live.urlInput = LIVE_URL;
    live.tokenInput = LIVE_TOKEN;
    await live.connect();
    expect(live.status).toBe('connected');
    const writes = () => setup.redcap.calls.filter((c) => c.methodId === methodId);
    return { ...setup, ...start(setup.context), writes };
  }

  it('a locked write is not sent; unlocked, it waits for the dry run and the user’s yes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(AT);
    const { run, live, writes, redcap, context } = await liveRun('del_records', {
      records: ['1'],
    });
    expect(run.guarded).toBe(true);
    run.execute();
    expect(run.guard.pending).toBeNull();
    expect(run.mutation.isPending).toBe(false);

    live.unlockWrites();
    run.execute();
    expect(run.guard.pending).toEqual({
      methodId: 'del_records',
      values: $state.snapshot(context.playground.values),
    });
    expect(run.guard.pending?.values['records']).toEqual(['1']);
    // A second Execute while the confirmation is open asks nothing more.
    run.execute();
    await vi.waitFor(() => expect(run.guard.lines).not.toBeNull());
    expect(writes()).toEqual([]);
    run.guard.confirm();
    await vi.waitFor(() => expect(run.mutation.data?.parsed.status).toBe(200));
    expect(writes()).toHaveLength(1);
    expect(run.history.entries).toMatchObject([
      { methodId: 'del_records', mode: 'live', apiUrl: LIVE_URL, status: 200 },
    ]);
    expect(run.answered?.label).toBe(`Delete Records on ${LIVE_URL}, sent at 10:04:05`);
    expect(JSON.stringify(run.history.entries)).not.toContain(LIVE_TOKEN);
    expect(redcap.calls.filter((c) => c.methodId === 'del_records')).toHaveLength(1);
  });

  it('closing the confirmation sends nothing; a read in live mode is not guarded', async () => {
    const { run, live, writes, context } = await liveRun('del_records', { records: ['1'] });
    live.unlockWrites();
    run.execute();
    await vi.waitFor(() => expect(run.guard.lines).not.toBeNull());
    run.guard.close();
    expect(writes()).toEqual([]);
    expect(run.mutation.isPending).toBe(false);
    context.playground.select('exp_records');
    expect(run.guarded).toBe(false);
    run.execute();
    await vi.waitFor(() => expect(run.mutation.data?.parsed.status).toBe(200));
    expect(run.history.entries).toMatchObject([{ methodId: 'exp_records', mode: 'live' }]);
  });

  it('in mock mode a write is not guarded: it is sent at once', async () => {
    const { run, context, sent } = await mockRun('del_records');
    context.playground.setValue('records', ['1']);
    expect(run.guarded).toBe(false);
    run.execute();
    expect(run.guard.pending).toBeNull();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
  });
});

describe('run facts: the words, key and History entry of a run', () => {
  type Where = Parameters<typeof describeRun>[0];
  const where = (over: Partial<Record<keyof Where, unknown>> = {}) =>
    ({
      mode: 'mock',
      live: { apiUrl: LIVE_URL },
      choice: undefined,
      wrongToken: false,
      dataVersion: 0,
      ...over,
    }) as unknown as Where;
  const request = { methodId: 'exp_records' as const, values: { format: 'json' } };
  const answer = (status: number) =>
    ({ parsed: { status }, timeMs: 3 }) as unknown as Parameters<typeof historyEntry>[2];

  it('names the mock when no project user is chosen, and the API URL in live mode', () => {
    expect(describeRun(where(), request, AT)).toBe('Export Records on the mock, sent at 10:04:05');
    expect(describeRun(where({ mode: 'live' }), request, AT)).toBe(
      `Export Records on ${LIVE_URL}, sent at 10:04:05`,
    );
  });

  it('keys a live request by its API URL, a mock one by project user and wrong token', () => {
    const live = runKey(where({ mode: 'live' }), request);
    expect(live).toContain(LIVE_URL);
    expect(
      runKey(where({ mode: 'live', live: { apiUrl: 'https://b.example/api/' } }), request),
    ).not.toBe(live);
    expect(runKey(where(), request)).toBe(
      requestKey('exp_records', request.values, { mode: 'mock', where: '', dataVersion: 0 }),
    );
    expect(runKey(where({ wrongToken: true }), request)).toContain('(wrong token)');
    expect(runKey(where({ dataVersion: 1 }), request)).not.toBe(runKey(where(), request));
  });

  it('says the status with its reason phrase when REDCap has one, else why no answer came', () => {
    const entry = (data: ReturnType<typeof answer> | undefined, error: Error | null = null) =>
      historyEntry(where(), request, data, error, AT);
    expect(entry(answer(404))).toMatchObject({
      status: 404,
      outcome: 'HTTP 404 Not Found',
      timeMs: 3,
    });
    expect(entry(answer(299)).outcome).toBe('HTTP 299');
    expect(entry(undefined, new DOMException('stop', 'AbortError'))).toMatchObject({
      status: null,
      outcome: 'Cancelled',
      timeMs: null,
    });
    expect(entry(undefined, new TransportError('down')).outcome).toBe('No answer');
    expect(entry(undefined).outcome).toBe('No answer');
    expect(entry(answer(200))).toMatchObject({
      at: AT,
      mode: 'mock',
      apiUrl: '',
      values: request.values,
    });
    expect(historyEntry(where({ mode: 'live' }), request, answer(200), null, AT)).toMatchObject({
      mode: 'live',
      apiUrl: LIVE_URL,
    });
  });
});
