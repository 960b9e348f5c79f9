// Peak memory (RSS) of `npm start`'s forwarder under 12 parallel maximum-size posts (issue #18,
// item 3). Three processes: a sink standing in for REDCap, the playground server alone (its peak
// RSS is the figure, VmHWM from /proc), and this one sending the posts.
//
//   npx node tests/bench/forwarder-memory.ts [posts=12] [MiB=64] [maxConcurrent=8, the default]
//
// FORWARDER_MODULE=<path> measures another forwarder module with the same createForwarder API.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { DEFAULT_MAX_CONCURRENT } from '../../src/server/forwarder.ts';

const role = process.argv[2];

async function upstream(): Promise<void> {
  const server = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.byteLength));
    req.on('end', () => res.end(JSON.stringify({ bytes })));
  });
  server.listen(0, '127.0.0.1', () => {
    process.send!({ port: (server.address() as AddressInfo).port });
  });
}

async function playground(target: string, maxConcurrent: number): Promise<void> {
  const modulePath = process.env['FORWARDER_MODULE'] ?? '../../src/server/forwarder.ts';
  const { createForwarder } = (await import(
    modulePath.startsWith('.') ? modulePath : pathToFileURL(modulePath).href
  )) as typeof import('../../src/server/forwarder.ts');
  const { createStaticServer } = await import('../../src/server/server.ts');
  const running = await createStaticServer({
    root: '/nonexistent',
    handlers: [createForwarder({ targets: [target], maxConcurrent })],
  });
  process.send!({ port: running.port });
}

function child(args: string[]): Promise<{ proc: ChildProcess; port: number }> {
  const proc = spawn(process.execPath, [import.meta.filename, ...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    proc.once('message', (m) => resolve({ proc, port: (m as { port: number }).port }));
    proc.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
}

function kib(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN);
}

function post(port: number, target: string, body: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/__redcap_forward__/',
        headers: {
          'x-redcap-api-url': target,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': body.byteLength,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function main(): Promise<void> {
  const posts = Number(process.argv[2] ?? 12);
  const mib = Number(process.argv[3] ?? 64);
  const maxConcurrent = Number(process.argv[4] ?? DEFAULT_MAX_CONCURRENT);
  const sink = await child(['upstream']);
  const target = `http://127.0.0.1:${sink.port}/api/`;
  const server = await child(['playground', target, String(maxConcurrent)]);
  try {
    const idle = kib(server.proc.pid!, 'VmRSS');
    // One buffer for every post: the sender's memory is not what is measured.
    const body = Buffer.alloc(mib * 1024 * 1024 - 1, 'a');
    const started = performance.now();
    const statuses = await Promise.all(
      Array.from({ length: posts }, () => post(server.port, target, body)),
    );
    const seconds = (performance.now() - started) / 1000;
    const peak = kib(server.proc.pid!, 'VmHWM');
    const counts = new Map<number, number>();
    for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
    console.log(
      JSON.stringify({
        forwarder: process.env['FORWARDER_MODULE'] ?? 'src/server/forwarder.ts',
        node: process.version,
        posts,
        postMiB: mib,
        maxConcurrent,
        statuses: Object.fromEntries(counts),
        idleRssMiB: Math.round(idle / 1024),
        peakRssMiB: Math.round(peak / 1024),
        seconds: Math.round(seconds * 100) / 100,
        throughputMiBs: Math.round((posts * mib) / seconds),
      }),
    );
  } finally {
    server.proc.kill();
    sink.proc.kill();
    await Promise.all([once(server.proc, 'exit'), once(sink.proc, 'exit')]);
  }
}

if (role === 'upstream') await upstream();
else if (role === 'playground') await playground(process.argv[3]!, Number(process.argv[4]));
else await main();
