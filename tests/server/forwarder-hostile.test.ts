import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  FORWARD_PATH,
  FORWARD_TARGET_HEADER,
  FORWARDER_ERROR_HEADER,
  FORWARDER_LOCATION_HEADER,
  FORWARDER_MAX_ANSWER_HEADER,
} from '../../src/lib/execute/forward.ts';
import { createForwarder } from '../../src/server/forwarder.ts';
import { createStaticServer, type RunningServer } from '../../src/server/server.ts';

// Upstreams that misbehave on purpose, on raw sockets so that they can break HTTP itself. Node
// 24.21's fetch (bundled undici 7.29.1) dies on an uncatchable assertion with a gzip answer of
// 1 MiB or more delimited by `Connection: close`: in this process that would end the test run.

const MIB = 1024 * 1024;
const CAP = 8 * MIB;
const TIMEOUT_MS = 300;
const OK_BODY = '{"ok":"1"}';

const payloads = new Map<string, Buffer>();
for (const size of [64 * 1024, MIB, 3 * MIB]) payloads.set(`gzip-close-${size}`, randomBytes(size));
// Compressed once, up front: compressing on demand would outlast the read timeout.
const gzipped = new Map([...payloads].map(([name, bytes]) => [name, gzipSync(bytes)]));
const bombBlock = gzipSync(Buffer.alloc(64 * MIB));

function head(lines: string[]): string {
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Writes `total` bytes of 'x' in 1 MiB steps, with backpressure, then ends. */
function drip(socket: Socket, total: number): void {
  const chunk = Buffer.alloc(MIB, 'x');
  let sent = 0;
  const more = (): void => {
    while (sent < total && !socket.destroyed) {
      sent += chunk.byteLength;
      if (!socket.write(chunk)) return void socket.once('drain', more);
    }
    socket.end();
  };
  socket.on('error', () => undefined);
  more();
}

function behave(path: string, socket: Socket): void {
  const gz = /^\/(gzip-close-\d+)\//.exec(path);
  if (gz) {
    socket.write(
      head([
        'HTTP/1.1 200 OK',
        'Content-Type: text/csv',
        'Content-Encoding: gzip',
        'Connection: close',
      ]),
    );
    socket.end(gzipped.get(gz[1]!)!);
    return;
  }
  switch (path) {
    case '/ok/api/':
      socket.end(
        head([
          'HTTP/1.1 200 OK',
          'Content-Type: application/json',
          `Content-Length: ${OK_BODY.length}`,
          'Connection: close',
        ]) + OK_BODY,
      );
      return;
    case '/bomb/api/': {
      // 1 GiB of zeros in about 1 MiB of gzip.
      const block = bombBlock;
      socket.write(
        head([
          'HTTP/1.1 200 OK',
          'Content-Type: text/csv',
          'Content-Encoding: gzip',
          'Connection: close',
        ]),
      );
      let left = 16;
      const more = (): void => {
        while (left > 0 && !socket.destroyed) {
          left -= 1;
          if (!socket.write(block)) return void socket.once('drain', more);
        }
        socket.end();
      };
      socket.on('error', () => undefined);
      more();
      return;
    }
    case '/cut/api/':
      socket.write(head(['HTTP/1.1 200 OK', 'Content-Type: text/csv', 'Content-Length: 100000']));
      socket.write(Buffer.alloc(50000, 'a'));
      setTimeout(() => socket.destroy(), 20);
      return;
    case '/cut-gzip/api/': {
      const whole = gzipSync(randomBytes(256 * 1024));
      socket.write(head(['HTTP/1.1 200 OK', 'Content-Encoding: gzip', 'Connection: close']));
      socket.end(whole.subarray(0, whole.byteLength >> 1));
      return;
    }
    case '/silent/api/':
      return;
    case '/stall/api/':
      socket.write(head(['HTTP/1.1 200 OK', 'Content-Type: text/csv', 'Content-Length: 1000']));
      socket.write('record_id\n1\n');
      return;
    case '/huge-declared/api/':
      socket.write(
        head(['HTTP/1.1 200 OK', 'Content-Type: text/csv', `Content-Length: ${200 * 1000 * 1000}`]),
      );
      drip(socket, 200 * 1000 * 1000);
      return;
    case '/huge-chunked/api/':
      socket.write(head(['HTTP/1.1 200 OK', 'Content-Type: text/csv', 'Connection: close']));
      drip(socket, 200 * 1000 * 1000);
      return;
    case '/bad-header/api/':
      socket.end(
        'HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nX-Bad\u0001Name: y\r\nContent-Length: 2\r\n\r\nok',
      );
      return;
    case '/no-colon/api/':
      socket.end('HTTP/1.1 200 OK\r\nthis is not a header\r\nContent-Length: 2\r\n\r\nok');
      return;
    case '/not-http/api/':
      socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n');
      return;
    case '/bad-status/api/':
      socket.end(head(['HTTP/1.1 999 Weird', 'Content-Length: 2']) + 'ok');
      return;
    case '/bad-location/api/':
      socket.end(
        head(['HTTP/1.1 302 Found', 'Location: http://[::1:SECRET-LOCATION', 'Content-Length: 0']),
      );
      return;
    case '/odd-encoding/api/':
      socket.end(
        head(['HTTP/1.1 200 OK', 'Content-Encoding: compress', 'Content-Length: 2']) + 'ok',
      );
      return;
    default:
      socket.end(head(['HTTP/1.1 404 Not Found', 'Content-Length: 0']));
  }
}

let upstream: Server;
let base = '';
let playground: RunningServer;
const sockets = new Set<Socket>();

beforeAll(async () => {
  upstream = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let seen = '';
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('latin1');
      const end = seen.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      socket.resume();
      behave(seen.split(' ')[1] ?? '/', socket);
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const paths = [
    'ok',
    'bomb',
    'cut',
    'cut-gzip',
    'silent',
    'stall',
    'huge-declared',
    'huge-chunked',
    'bad-header',
    'no-colon',
    'not-http',
    'bad-status',
    'bad-location',
    'odd-encoding',
    ...payloads.keys(),
  ];
  playground = await createStaticServer({
    root: '/nonexistent',
    handlers: [
      createForwarder({
        targets: paths.map((p) => `${base}/${p}/api/`),
        timeoutMs: TIMEOUT_MS,
        maxAnswerBytes: CAP,
        maxConcurrent: 4,
      }),
    ],
  });
});

afterAll(async () => {
  await playground.close();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => upstream.close(resolve));
});

function forward(name: string): Promise<Response> {
  return fetch(new URL(FORWARD_PATH, playground.url), {
    method: 'POST',
    headers: { [FORWARD_TARGET_HEADER]: `${base}/${name}/api/` },
    body: 'token=0123456789ABCDEF0123456789ABCDEF&content=record',
  });
}

/** Reads the whole body, or says how it broke off. */
async function readAll(res: Response): Promise<{ bytes: number; broken: boolean }> {
  let bytes = 0;
  try {
    for await (const chunk of res.body!) bytes += (chunk as Uint8Array).byteLength;
    return { bytes, broken: false };
  } catch {
    return { bytes, broken: true };
  }
}

/** After every hostile upstream: the same server answers a normal call, fast. */
async function stillAnswers(): Promise<void> {
  const started = performance.now();
  const res = await forward('ok');
  expect(res.status).toBe(200);
  expect(await res.text()).toBe(OK_BODY);
  expect(performance.now() - started).toBeLessThan(1000);
}

describe('the forwarder against hostile upstreams', () => {
  it.each([...payloads.keys()])(
    'decodes %s (gzip, Connection: close, no length) and passes the bytes on',
    async (name) => {
      const res = await forward(name);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBeNull();
      expect(Buffer.from(await res.arrayBuffer()).equals(payloads.get(name)!)).toBe(true);
      await stillAnswers();
    },
  );

  it('cuts a gzip bomb off at the answer cap and says which cap applies', async () => {
    const rss = process.memoryUsage().rss;
    const res = await forward('bomb');
    expect(res.status).toBe(200);
    expect(res.headers.get(FORWARDER_MAX_ANSWER_HEADER)).toBe(String(CAP));
    const read = await readAll(res);
    expect(read.broken).toBe(true);
    expect(read.bytes).toBe(CAP);
    expect(process.memoryUsage().rss - rss).toBeLessThan(256 * MIB);
    await stillAnswers();
  });

  it('breaks the answer off when the upstream cuts its body mid-way', async () => {
    for (const name of ['cut', 'cut-gzip']) {
      const res = await forward(name);
      const read = await readAll(res);
      expect(read.broken).toBe(true);
      await stillAnswers();
    }
  });

  it('answers 504 when the upstream never answers, after the read timeout', async () => {
    const started = performance.now();
    const res = await forward('silent');
    expect(res.status).toBe(504);
    expect(res.headers.get(FORWARDER_ERROR_HEADER)).toBe('timeout');
    expect(await res.text()).toContain('0.3 s');
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 700);
    await stillAnswers();
  });

  it('breaks the answer off when the upstream stalls mid-body', async () => {
    const started = performance.now();
    const read = await readAll(await forward('stall'));
    expect(read.broken).toBe(true);
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 700);
    await stillAnswers();
  });

  it('refuses a 200 MB answer with a declared length before passing any of it', async () => {
    const res = await forward('huge-declared');
    expect(res.status).toBe(502);
    expect(res.headers.get(FORWARDER_ERROR_HEADER)).toBe('answer-too-large');
    expect(await res.text()).toMatch(
      /larger than this playground passes on \(8 MiB, FORWARD_MAX_ANSWER_MB\)/,
    );
    await stillAnswers();
  });

  it('cuts a 200 MB answer without a length off at the cap', async () => {
    const res = await forward('huge-chunked');
    expect(res.status).toBe(200);
    expect(res.headers.get(FORWARDER_MAX_ANSWER_HEADER)).toBe(String(CAP));
    const read = await readAll(res);
    expect(read.broken).toBe(true);
    expect(read.bytes).toBe(CAP);
    await stillAnswers();
  });

  it.each(['bad-header', 'no-colon', 'not-http', 'bad-status', 'odd-encoding'])(
    'answers 502 for an answer it cannot parse (%s)',
    async (name) => {
      const res = await forward(name);
      expect(res.status).toBe(502);
      expect(res.headers.get(FORWARDER_ERROR_HEADER)).toBe('bad-answer');
      expect(await res.text()).toContain(`127.0.0.1`);
      await stillAnswers();
    },
  );

  it('answers a clear 502 for an unparsable Location, and prints nothing', async () => {
    const errors = vi.spyOn(console, 'error');
    const warnings = vi.spyOn(console, 'warn');
    try {
      const res = await forward('bad-location');
      expect(res.status).toBe(502);
      expect(res.headers.get(FORWARDER_ERROR_HEADER)).toBe('redirect');
      expect(res.headers.get(FORWARDER_LOCATION_HEADER)).toBeNull();
      const text = await res.text();
      expect(text).toContain('not a valid URL');
      expect(text).not.toContain('SECRET-LOCATION');
      expect(errors).not.toHaveBeenCalled();
      expect(warnings).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      warnings.mockRestore();
    }
    await stillAnswers();
  });

  it('refuses calls beyond the concurrency cap with 503, and takes them again after', async () => {
    const slow = [forward('silent'), forward('silent'), forward('silent'), forward('silent')];
    await new Promise((resolve) => setTimeout(resolve, 50));
    const busy = await forward('ok');
    expect(busy.status).toBe(503);
    expect(busy.headers.get(FORWARDER_ERROR_HEADER)).toBe('busy');
    expect(busy.headers.get('retry-after')).toBe('1');
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([504, 504, 504, 504]);
    await stillAnswers();
  });
});
