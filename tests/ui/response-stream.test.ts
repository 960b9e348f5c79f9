import { describe, expect, it, vi } from 'vitest';
import { spawnLocalTableWorker } from '../../src/lib/table/stream-local.ts';
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
