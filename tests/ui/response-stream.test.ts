import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { packRow } from '../../src/lib/table/packed.ts';
import type { SpawnTableWorker, TableWorker } from '../../src/lib/table/stream-client.ts';
import { spawnLocalTableWorker } from '../../src/lib/table/stream-local.ts';
import type { FromTableWorker } from '../../src/lib/table/stream-protocol.ts';
import { ResponseStream } from '../../src/ui/state/response-stream.svelte.ts';

/** ResponseStream on its own, with the table worker's code run in the page. */

const head = {
  status: 200,
  headers: { 'content-type': 'application/json' },
};
const bytes = (text: string) => new TextEncoder().encode(text);

describe('ResponseStream', () => {
  it('shows the first rows at once, and progress and later rows on the next tick', async () => {
    const stream = new ResponseStream(spawnLocalTableWorker);
    const { sink, onProgress } = stream.begin();
    sink!.start(head);
    sink!.write(bytes('[{"a":"1"},'));
    onProgress!(11, 40);
    await vi.waitFor(() => expect(stream.table?.rows).toEqual([['1']]));
    expect(stream.table?.columns).toEqual(['a']);
    sink!.write(bytes('{"a":"2","b":"x"}]'));
    onProgress!(29, 40);
    await vi.waitFor(() => expect(stream.received).toBe(29));
    expect(stream.total).toBe(40);
    await sink!.finish();
    await vi.waitFor(() =>
      expect(stream.table).toEqual({
        columns: ['a', 'b'],
        rows: [
          ['1', ''],
          ['2', 'x'],
        ],
      }),
    );
    expect(stream.parsed).toBe(2);
  });

  it('shows no table for an answer that is not one', async () => {
    const stream = new ResponseStream(spawnLocalTableWorker);
    const { sink } = stream.begin();
    sink!.start(head);
    sink!.write(bytes('3'));
    await sink!.finish();
    await new Promise((r) => setTimeout(r, 150));
    expect(stream.table).toBeNull();
  });

  it('a new begin, clear or abort drops the run before, late messages included', async () => {
    const stream = new ResponseStream(spawnLocalTableWorker);
    const first = stream.begin();
    first.sink!.start(head);
    first.sink!.write(bytes('[{"a":"1"}'));
    first.onProgress!(10, null);
    const second = stream.begin();
    expect([stream.received, stream.total, stream.parsed, stream.table]).toEqual([
      0,
      null,
      0,
      null,
    ]);
    first.onProgress!(99, 99);
    first.sink!.write(bytes(']'));
    await first.sink!.finish();
    await new Promise((r) => setTimeout(r, 150));
    expect([stream.received, stream.table]).toEqual([0, null]);

    second.sink!.start(head);
    second.sink!.write(bytes('[{"b":"2"}]'));
    second.onProgress!(11, 11);
    await vi.waitFor(() => expect(stream.table?.rows).toEqual([['2']]));
    second.sink!.abort();
    expect([stream.received, stream.table]).toEqual([0, null]);

    const third = stream.begin();
    third.onProgress!(5, null);
    stream.clear();
    await new Promise((r) => setTimeout(r, 150));
    expect(stream.received).toBe(0);
  });
});

/**
 * A table worker whose messages the test sends itself, so that rows arrive at known moments
 * of the fake clock (the real one, over a MessageChannel, would need real time).
 */
function fakeWorkers() {
  const workers: { emit(message: FromTableWorker): void; terminated: boolean }[] = [];
  const spawn: SpawnTableWorker = () => {
    const listeners: ((event: MessageEvent<FromTableWorker>) => void)[] = [];
    const entry = {
      emit: (message: FromTableWorker) => {
        for (const listener of listeners)
          listener({ data: message } as MessageEvent<FromTableWorker>);
      },
      terminated: false,
    };
    workers.push(entry);
    const worker: TableWorker = {
      postMessage: () => {},
      addEventListener: (type: 'message' | 'error', listener: (event: never) => void) => {
        if (type === 'message') listeners.push(listener as (event: MessageEvent) => void);
      },
      terminate: () => {
        entry.terminated = true;
      },
    };
    return worker;
  };
  return { workers, spawn };
}

const rowsMessage = (columns: string[], parsed: number, ...rows: string[][]): FromTableWorker => ({
  type: 'rows',
  update: { columns, rows: rows.map(packRow), parsed },
});
const doneMessage = (table: boolean): FromTableWorker => ({
  type: 'done',
  body: new ArrayBuffer(0),
  table,
});
const shown = (stream: ResponseStream) => ({
  received: stream.received,
  total: stream.total,
  parsed: stream.parsed,
  table: stream.table && { columns: stream.table.columns, rows: [...stream.table.rows] },
});

describe('ResponseStream on the 100 ms progress tick', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows progress 100 ms after the first report, with the latest values and no table', () => {
    const stream = new ResponseStream();
    const { onProgress } = stream.begin();
    onProgress!(10, 100);
    vi.advanceTimersByTime(50);
    onProgress!(20, 100);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(49);
    expect(shown(stream)).toEqual({ received: 0, total: null, parsed: 0, table: null });
    vi.advanceTimersByTime(1);
    expect(shown(stream)).toEqual({ received: 20, total: 100, parsed: 0, table: null });
    expect(vi.getTimerCount()).toBe(0);
    // The next report starts a new tick.
    onProgress!(30, null);
    vi.advanceTimersByTime(99);
    expect(stream.received).toBe(20);
    vi.advanceTimersByTime(1);
    expect([stream.received, stream.total]).toEqual([30, null]);
  });

  it('shows the first rows at once with the progress so far, later rows on the next tick', () => {
    const { workers, spawn } = fakeWorkers();
    const stream = new ResponseStream(spawn);
    const { sink, onProgress } = stream.begin();
    sink!.start(head);
    onProgress!(11, 40);
    workers[0]!.emit(rowsMessage(['a'], 1, ['1']));
    expect(shown(stream)).toEqual({
      received: 11,
      total: 40,
      parsed: 1,
      table: { columns: ['a'], rows: [['1']] },
    });
    // The first rows' publication took the place of the pending tick.
    expect(vi.getTimerCount()).toBe(0);
    const first = stream.table;

    workers[0]!.emit(rowsMessage(['a', 'b'], 3, ['2', 'x'], ['3', 'y']));
    // The table on screen is not changed under the page's feet.
    expect(first?.rows.length).toBe(1);
    expect(shown(stream)).toEqual({
      received: 11,
      total: 40,
      parsed: 1,
      table: { columns: ['a'], rows: [['1']] },
    });
    vi.advanceTimersByTime(99);
    expect(stream.parsed).toBe(1);
    vi.advanceTimersByTime(1);
    expect(shown(stream)).toEqual({
      received: 11,
      total: 40,
      parsed: 3,
      table: {
        columns: ['a', 'b'],
        rows: [
          ['1', ''],
          ['2', 'x'],
          ['3', 'y'],
        ],
      },
    });
    expect(first?.rows.length).toBe(1);
  });

  it('a publication cancels the pending tick: the next one is 100 ms after the next report', () => {
    const { workers, spawn } = fakeWorkers();
    const stream = new ResponseStream(spawn);
    const { sink, onProgress } = stream.begin();
    sink!.start(head);
    onProgress!(10, null);
    workers[0]!.emit(rowsMessage(['a'], 1, ['1']));
    expect(stream.received).toBe(10);
    vi.advanceTimersByTime(50);
    onProgress!(20, null);
    vi.advanceTimersByTime(60);
    expect(stream.received).toBe(10);
    vi.advanceTimersByTime(40);
    expect(stream.received).toBe(20);
  });

  it('a progress tick keeps the table once rows were shown', () => {
    const { workers, spawn } = fakeWorkers();
    const stream = new ResponseStream(spawn);
    const { sink, onProgress } = stream.begin();
    sink!.start(head);
    workers[0]!.emit(rowsMessage(['a'], 1, ['1']));
    onProgress!(10, 10);
    vi.advanceTimersByTime(100);
    expect(shown(stream)).toEqual({
      received: 10,
      total: 10,
      parsed: 1,
      table: { columns: ['a'], rows: [['1']] },
    });
  });

  it('a table with columns but no rows yet stays on screen through the ticks', () => {
    const { workers, spawn } = fakeWorkers();
    const stream = new ResponseStream(spawn);
    const { sink, onProgress } = stream.begin();
    sink!.start({ status: 200, headers: { 'content-type': 'text/csv' } });
    workers[0]!.emit(rowsMessage(['record_id', 'age'], 0));
    expect(stream.table).toEqual({ columns: ['record_id', 'age'], rows: [] });
    onProgress!(15, null);
    vi.advanceTimersByTime(100);
    expect(shown(stream)).toEqual({
      received: 15,
      total: null,
      parsed: 0,
      table: { columns: ['record_id', 'age'], rows: [] },
    });
  });

  it('the end of a table publishes at once; the end of a body that is not one drops its rows', async () => {
    const { workers, spawn } = fakeWorkers();
    const stream = new ResponseStream(spawn);
    const table = stream.begin();
    table.sink!.start(head);
    table.onProgress!(5, 20);
    workers[0]!.emit(rowsMessage(['a'], 1, ['1']));
    workers[0]!.emit(rowsMessage(['a'], 2, ['2']));
    table.onProgress!(20, 20);
    const finished = table.sink!.finish();
    workers[0]!.emit(doneMessage(true));
    await finished;
    expect(shown(stream)).toEqual({
      received: 20,
      total: 20,
      parsed: 2,
      table: { columns: ['a'], rows: [['1'], ['2']] },
    });
    expect(vi.getTimerCount()).toBe(0);
    expect(workers[0]!.terminated).toBe(true);

    const notTable = stream.begin();
    notTable.sink!.start(head);
    workers[1]!.emit(rowsMessage(['a'], 1, ['1']));
    expect(stream.table).not.toBeNull();
    notTable.onProgress!(8, 8);
    const ended = notTable.sink!.finish();
    workers[1]!.emit(doneMessage(false));
    await ended;
    expect(shown(stream)).toEqual({ received: 8, total: 8, parsed: 1, table: null });
    // A late progress report does not bring the dropped rows back.
    notTable.onProgress!(8, 8);
    vi.advanceTimersByTime(100);
    expect(stream.table).toBeNull();
  });

  it('a new run starts from nothing: no progress, columns or rows of the run before', () => {
    const { workers, spawn } = fakeWorkers();
    const stream = new ResponseStream(spawn);
    const first = stream.begin();
    first.sink!.start(head);
    first.onProgress!(99, 99);
    workers[0]!.emit(rowsMessage(['a', 'b'], 1, ['1', '2']));
    expect(stream.received).toBe(99);

    const second = stream.begin();
    second.sink!.start(head);
    workers[1]!.emit(rowsMessage(['c'], 1, ['3']));
    expect(shown(stream)).toEqual({
      received: 0,
      total: null,
      parsed: 1,
      table: { columns: ['c'], rows: [['3']] },
    });

    // Cancel stops the table worker and empties the page.
    second.sink!.abort();
    expect(workers[1]!.terminated).toBe(true);
    expect(shown(stream)).toEqual({ received: 0, total: null, parsed: 0, table: null });
  });

  it('a new run or clear cancels the tick of the run before', () => {
    const stream = new ResponseStream();
    const first = stream.begin();
    first.onProgress!(10, null);
    vi.advanceTimersByTime(50);
    const second = stream.begin();
    expect(vi.getTimerCount()).toBe(0);
    second.onProgress!(20, null);
    vi.advanceTimersByTime(60);
    expect(stream.received).toBe(0);
    vi.advanceTimersByTime(40);
    expect(stream.received).toBe(20);

    second.onProgress!(30, null);
    stream.clear();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(100);
    expect(stream.received).toBe(0);
  });

  it('messages, ends and aborts of an older run leave the current one alone', async () => {
    const { workers, spawn } = fakeWorkers();
    const stream = new ResponseStream(spawn);
    const first = stream.begin();
    first.sink!.start(head);
    const second = stream.begin();
    second.sink!.start(head);
    workers[1]!.emit(rowsMessage(['b'], 1, ['2']));
    second.onProgress!(4, 9);
    vi.advanceTimersByTime(100);

    workers[0]!.emit(rowsMessage(['a'], 1, ['1']));
    first.onProgress!(50, 50);
    vi.advanceTimersByTime(100);
    const ended = first.sink!.finish();
    workers[0]!.emit(doneMessage(true));
    await ended;
    first.sink!.abort();
    expect(shown(stream)).toEqual({
      received: 4,
      total: 9,
      parsed: 1,
      table: { columns: ['b'], rows: [['2']] },
    });

    const notTable = stream.begin();
    notTable.sink!.start(head);
    const third = stream.begin();
    third.sink!.start(head);
    workers[3]!.emit(rowsMessage(['c'], 1, ['3']));
    const dropped = notTable.sink!.finish();
    workers[2]!.emit(doneMessage(false));
    await dropped;
    expect(stream.table).toEqual({ columns: ['c'], rows: [['3']] });
  });
});
