// Which HTTP client the forwarder should use (issue #18, item 1): each client downloads the same
// gzip answer, delimited by `Connection: close` (no length), the shape that ends Node 24.21's
// bundled fetch. Each client runs in its own process: exit code, time and peak RSS (VmHWM).
//
//   npx node tests/bench/forwarder-clients.ts [decodedMiB=64]
//   UNDICI=/path/to/node_modules/undici npx node tests/bench/forwarder-clients.ts
//
// The undici npm package is not a dependency of the project: install it anywhere and point
// UNDICI at it to include it in the comparison.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createGunzip, gzipSync } from 'node:zlib';

const [role, url] = [process.argv[2], process.argv[3]];

function peakMiB(): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Math.round(Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) / 1024);
}

async function viaFetch(f: typeof fetch): Promise<number> {
  const res = await f(url!, { headers: { 'accept-encoding': 'gzip' } });
  let bytes = 0;
  for await (const chunk of res.body!) bytes += (chunk as Uint8Array).byteLength;
  return bytes;
}

function viaNodeHttp(): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url!, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      let bytes = 0;
      const gunzip = createGunzip();
      res.pipe(gunzip);
      res.on('error', reject);
      gunzip.on('data', (chunk: Buffer) => (bytes += chunk.byteLength));
      gunzip.on('end', () => resolve(bytes));
      gunzip.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

async function client(): Promise<void> {
  const started = performance.now();
  let bytes: number;
  if (role === 'node:http') bytes = await viaNodeHttp();
  else if (role === 'fetch') bytes = await viaFetch(fetch);
  else {
    const undici = (await import(pathToFileURL(`${process.env['UNDICI']}/index.js`).href)) as {
      fetch: typeof fetch;
    };
    bytes = await viaFetch(undici.fetch);
  }
  const ms = performance.now() - started;
  console.log(JSON.stringify({ bytes, ms: Math.round(ms), peakMiB: peakMiB() }));
}

function run(name: string, target: string): Promise<string> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [import.meta.filename, name, target], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
    proc.on('exit', (code) => {
      const assertion = /AssertionError[^\n]*\n[^\n]*\n\s*(assert\([^)]*\))/.exec(err)?.[1];
      resolve(
        code === 0
          ? `${name}: ${out.trim()}`
          : `${name}: exit ${code}${assertion ? ` (${assertion}, uncatchable)` : ''}`,
      );
    });
  });
}

async function main(): Promise<void> {
  const mib = Number(process.argv[2] ?? 64);
  // Half random (so gzip stays large, ≥ 1 MiB), half CSV-like text.
  const decoded = Buffer.concat([
    randomBytes((mib * 1024 * 1024) / 2),
    Buffer.from('1,"Lee","2026-01-01",72.5\n'.repeat((mib * 1024 * 1024) / 2 / 26)),
  ]);
  const gz = gzipSync(decoded);
  // GET /close: delimited by closing the connection; GET /length: with Content-Length.
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (head: Buffer) => {
      const close = head.toString('latin1').startsWith('GET /close');
      socket.write(
        `HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Encoding: gzip\r\n${close ? '' : `Content-Length: ${gz.byteLength}\r\n`}Connection: close\r\n\r\n`,
      );
      socket.end(gz);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  console.log(
    `${process.version}, bundled undici ${process.versions['undici']}; answer: ${Math.round(gz.byteLength / 1048576)} MiB gzip, ${Math.round(decoded.byteLength / 1048576)} MiB decoded, Connection: close`,
  );
  const clients = ['node:http', 'fetch', ...(process.env['UNDICI'] ? ['undici'] : [])];
  for (const shape of ['close', 'length']) {
    console.log(shape === 'close' ? 'without a length:' : 'with Content-Length:');
    for (let round = 0; round < 3; round++) {
      for (const name of clients) console.log(`  ${await run(name, base + shape)}`);
    }
  }
  server.close();
}

if (role && url) await client();
else await main();
