import { describe, expect, it, vi } from 'vitest';
import {
  createMockTransport,
  TransportError,
  type BodySink,
} from '../../../src/lib/execute/transport.ts';
import { getMethod } from '../../../src/lib/methods/index.ts';
import { buildRedcapRequest } from '../../../src/lib/redcap/request.ts';
import { createTableSink, type TableWorker } from '../../../src/lib/table/stream-client.ts';
import { serveTableJobs, type TableWorkerScope } from '../../../src/lib/table/stream-host.ts';
import type { RowsUpdate } from '../../../src/lib/table/stream-job.ts';

const request = buildRedcapRequest(
  getMethod('exp_records'),
  { format: 'json', type: 'flat' },
  { apiUrl: 'http://127.0.0.1:8787/api/', token: '3F2504E04F8911D39A0C0305E82C3301' },
);

const encoder = new TextEncoder();

/** A fetch whose body arrives in the given chunks; `hold` keeps the stream open after them. */
function streamingFetch(
  chunks: string[],
  { hold = false, fail = false, type = 'application/json; charset=utf-8' } = {},
) {
  const cancelled = vi.fn();
  const fetchImpl = vi.fn<typeof fetch>((_url, init) => {
    const rest = [...chunks];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        init?.signal?.addEventListener('abort', () => controller.error(init.signal!.reason));
      },
      pull(controller) {
        const chunk = rest.shift();
        if (chunk !== undefined) controller.enqueue(encoder.encode(chunk));
        else if (fail) controller.error(new Error('connection reset'));
        else if (!hold) controller.close();
        // Held open: no more chunks, no end (the promise never settles until cancelled).
        else return new Promise<void>(() => {});
      },
      cancel: cancelled,
    });
    const size = chunks.reduce((n, c) => n + encoder.encode(c).byteLength, 0);
    return Promise.resolve(
      new Response(body, {
        status: 200,
        headers: { 'content-type': type, 'content-length': String(size) },
      }),
    );
  });
  return { fetchImpl, cancelled };
}

function recordingSink(): BodySink & { chunks: string[]; aborted: boolean; started: number } {
  const sink = {
    chunks: [] as string[],
    aborted: false,
    started: 0,
    start: (head: { status: number }) => void (sink.started = head.status),
    write: (chunk: Uint8Array) => void sink.chunks.push(new TextDecoder().decode(chunk)),
    finish: () => Promise.resolve(encoder.encode(sink.chunks.join(''))),
    abort: () => void (sink.aborted = true),
  };
  return sink;
}

describe('fetch transport: progress, sink and cancel', () => {
  it('reports bytes received after each chunk, with the total from Content-Length', async () => {
    const { fetchImpl } = streamingFetch(['[{"a":"1"}', ',{"a":"2"}', ']']);
    const progress: [number, number | null][] = [];
    const response = await createMockTransport('/', fetchImpl).send(request, undefined, {
      onProgress: (received, total) => progress.push([received, total]),
    });
    expect(progress).toEqual([
      [10, 21],
      [20, 21],
      [21, 21],
    ]);
    expect(new TextDecoder().decode(response.bytes)).toBe('[{"a":"1"},{"a":"2"}]');
  });

  it('hands the body to a sink chunk by chunk and answers with what the sink returns', async () => {
    const { fetchImpl } = streamingFetch(['ab', 'cd']);
    const sink = recordingSink();
    const response = await createMockTransport('/', fetchImpl).send(request, undefined, { sink });
    expect(sink.started).toBe(200);
    expect(sink.chunks).toEqual(['ab', 'cd']);
    expect(new TextDecoder().decode(response.bytes)).toBe('abcd');
  });

  it('Cancel in the middle of the body stops reading, drops the sink and rejects as aborted', async () => {
    const { fetchImpl } = streamingFetch(['[{"a":"1"}'], { hold: true });
    const controller = new AbortController();
    const sink = recordingSink();
    const sent = createMockTransport('/', fetchImpl).send(request, controller.signal, {
      sink,
      onProgress: () =>
        controller.abort(new DOMException('The request was cancelled.', 'AbortError')),
    });
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
    expect(sink.aborted).toBe(true);
  });

  it('Cancel before the answer starts rejects as aborted', async () => {
    const controller = new AbortController();
    const fetchImpl = vi.fn<typeof fetch>(
      (_url, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)),
        ),
    );
    const sent = createMockTransport('/', fetchImpl).send(request, controller.signal);
    controller.abort(new DOMException('The request was cancelled.', 'AbortError'));
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a body that breaks off is a TransportError that says how much arrived, without the token', async () => {
    const { fetchImpl } = streamingFetch(['12345'], { fail: true });
    const sink = recordingSink();
    const error = await createMockTransport('/', fetchImpl)
      .send(request, undefined, { sink })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(String(error)).toContain('after 5 bytes');
    expect(String(error)).not.toContain('3F2504E0');
    expect(sink.aborted).toBe(true);
  });
});

/** The real worker code on the other end of a MessageChannel. */
function channelWorker(): TableWorker & { terminated: boolean } {
  const { port1, port2 } = new MessageChannel();
  serveTableJobs(port2 as unknown as TableWorkerScope);
  port2.start();
  port1.start();
  const worker = {
    terminated: false,
    postMessage: (message: unknown, transfer: Transferable[]) =>
      port1.postMessage(message, transfer as never),
    addEventListener: (type: string, listener: (event: never) => void) =>
      port1.addEventListener(type as 'message', listener as never),
    terminate: () => {
      worker.terminated = true;
      port1.close();
      port2.close();
    },
  };
  return worker as unknown as TableWorker & { terminated: boolean };
}

describe('createTableSink', () => {
  it('streams a JSON export through the worker: rows as they come, then the whole body', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ record_id: String(i + 1), v: 'x' }));
    const text = JSON.stringify(rows);
    const { fetchImpl } = streamingFetch([
      text.slice(0, 100),
      text.slice(100, 700),
      text.slice(700),
    ]);
    const updates: RowsUpdate[] = [];
    const ends: boolean[] = [];
    let worker: ReturnType<typeof channelWorker> | undefined;
    const sink = createTableSink(
      { onRows: (u) => updates.push(u), onEnd: (t) => ends.push(t) },
      () => (worker = channelWorker()),
    );
    const response = await createMockTransport('/', fetchImpl).send(request, undefined, { sink });
    expect(new TextDecoder().decode(response.bytes)).toBe(text);
    expect(updates.flatMap((u) => u.rows.map((r) => JSON.parse(r) as string[]))).toEqual(
      rows.map((r) => [r.record_id, r.v]),
    );
    expect(updates[0]?.columns).toEqual(['record_id', 'v']);
    expect(ends).toEqual([true]);
    expect(worker?.terminated).toBe(true);
  });

  it('only collects answers that are not tables, without a worker', async () => {
    const { fetchImpl } = streamingFetch(['%PDF-1.4'], { type: 'application/pdf' });
    const spawn = vi.fn(channelWorker);
    const ends: boolean[] = [];
    const sink = createTableSink({ onRows: () => {}, onEnd: (t) => ends.push(t) }, spawn);
    const response = await createMockTransport('/', fetchImpl).send(request, undefined, { sink });
    expect(new TextDecoder().decode(response.bytes)).toBe('%PDF-1.4');
    expect(spawn).not.toHaveBeenCalled();
    expect(ends).toEqual([false]);
  });

  it('Cancel terminates the worker', async () => {
    const { fetchImpl } = streamingFetch(['[{"a":"1"},'], { hold: true });
    const controller = new AbortController();
    let worker: ReturnType<typeof channelWorker> | undefined;
    const sink = createTableSink(
      { onRows: () => {}, onEnd: () => {} },
      () => (worker = channelWorker()),
    );
    const sent = createMockTransport('/', fetchImpl).send(request, controller.signal, {
      sink,
      onProgress: () =>
        controller.abort(new DOMException('The request was cancelled.', 'AbortError')),
    });
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker?.terminated).toBe(true);
  });
});
