import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, Moved, ownBuffer, serve, type Endpoint } from '../../../src/lib/worker/rpc.ts';

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

function pair(): [Endpoint, Endpoint] {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  port1.start();
  port2.start();
  return [port1 as unknown as Endpoint, port2 as unknown as Endpoint];
}

describe('ownBuffer', () => {
  it('hands back a view’s own buffer when the view spans all of it', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(ownBuffer(bytes)).toBe(bytes.buffer);
  });

  it('copies only the viewed bytes of a larger buffer', () => {
    const bytes = new Uint8Array([1, 2, 3, 4]).subarray(1, 3);
    const buffer = ownBuffer(bytes);
    expect(buffer).not.toBe(bytes.buffer);
    expect([...new Uint8Array(buffer)]).toEqual([2, 3]);
  });
});

describe('connect and serve', () => {
  it('answers each call with its own value, one call at a time in arrival order', async () => {
    const [host, page] = pair();
    const log: string[] = [];
    serve(host, {
      async slow(name: string) {
        await new Promise((r) => setTimeout(r, 20));
        log.push(name);
        return `${name} done`;
      },
      fast(name: string) {
        log.push(name);
        return name.length;
      },
    });
    const remote = connect<{ slow(name: string): Promise<string>; fast(name: string): number }>(
      page,
    );
    const answers = await Promise.all([
      remote.call('slow', ['first']),
      remote.call('fast', ['2nd']),
    ]);
    expect(answers).toEqual(['first done', 3]);
    expect(log).toEqual(['first', '2nd']);
  });

  it('moves the buffers named in a call and in a Moved answer instead of copying them', async () => {
    const [host, page] = pair();
    serve(host, {
      echo: (buffer: ArrayBuffer) => new Moved(buffer, [buffer]),
    });
    const remote = connect<{ echo(buffer: ArrayBuffer): Moved<ArrayBuffer> }>(page);
    const sent = new Uint8Array([7, 8, 9]).buffer;
    const answer = remote.call('echo', [sent], [sent]);
    expect(sent.byteLength, 'the caller’s buffer is handed over').toBe(0);
    expect([...new Uint8Array(await answer)]).toEqual([7, 8, 9]);
  });

  it('rejects a call that throws with its message, and keeps serving later calls', async () => {
    const [host, page] = pair();
    const seen: unknown[] = [];
    serve(
      host,
      {
        broken() {
          throw new Error('no such project');
        },
        ok: () => 'fine',
      },
      (error) => seen.push(error),
    );
    const remote = connect<{ broken(): never; ok(): string }>(
      page,
      (m) => `The worker failed: ${m}`,
    );
    await expect(remote.call('broken', [])).rejects.toThrow(
      'The worker failed: Error: no such project',
    );
    expect(seen).toHaveLength(1);
    expect(await remote.call('ok', [])).toBe('fine');
  });

  it('refuses an operation the served object does not have, even an inherited one', async () => {
    const [host, page] = pair();
    serve(host, { ok: () => 'fine' });
    const remote = connect<{ ok(): string; toString(): string }>(page);
    await expect(remote.call('toString', [])).rejects.toThrow('unknown call "toString"');
  });

  it('fail() rejects the calls still waiting and every later one', async () => {
    const [, page] = pair();
    const remote = connect<{ ok(): string }>(page);
    const waiting = remote.call('ok', []);
    remote.fail('the worker stopped');
    remote.fail('a second reason is ignored');
    await expect(waiting).rejects.toThrow('the worker stopped');
    await expect(remote.call('ok', [])).rejects.toThrow('the worker stopped');
  });
});
