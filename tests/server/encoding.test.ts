import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseCoding, precompress } from '../../src/server/encoding.ts';
import { createStaticServer, type RunningServer } from '../../src/server/server.ts';

/** Issue #22: build outputs precompressed at build time, chosen by Accept-Encoding. */

describe('chooseCoding (RFC 9110 §12.5.3)', () => {
  it.each([
    ['no header', undefined, null],
    ['an empty header', '', null],
    ['gzip', 'gzip', 'gzip'],
    ['br', 'br', 'br'],
    ['both: brotli on a tie', 'gzip, deflate, br', 'br'],
    ['upper case', 'GZIP', 'gzip'],
    ['x-gzip', 'x-gzip', 'gzip'],
    ['the higher q wins', 'br;q=0.4, gzip;q=0.5', 'gzip'],
    ['q=0 refuses', 'br;q=0, gzip', 'gzip'],
    ['every coding q=0', 'br;q=0, gzip;q=0, identity;q=0', null],
    ['* stands for codings not named', '*', 'br'],
    ['* with br refused', '*, br;q=0', 'gzip'],
    ['*;q=0', '*;q=0', null],
    ['identity only', 'identity', null],
    ['unknown codings', 'zstd, compress, foo', null],
    ['a malformed q drops the entry', 'br;q=abc, gzip', 'gzip'],
    ['q above 1 drops the entry', 'br;q=1.5', null],
    ['q with four decimals drops the entry', 'br;q=0.1234', null],
    ['spaces and empty entries', ' ,, br ; q=0.8 ,', 'br'],
    ['other parameters are ignored', 'gzip;level=9', 'gzip'],
    ['a list header', ['gzip', 'br;q=0.1'], 'gzip'],
    ['a very long header is read up to 4 KiB', `${'x,'.repeat(5000)}br`, null],
    ['a long header with the coding first', `gzip,${'x;q=0,'.repeat(5000)}`, 'gzip'],
  ] as const)('%s', (_, header, expected) => {
    expect(chooseCoding(header)).toBe(expected);
  });
});

let parent: string;
let server: RunningServer;
const big = `console.log(${JSON.stringify('playground '.repeat(400))});\n`;

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'playground-encoding-'));
  const dist = join(parent, 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(
    join(dist, 'index.html'),
    `<!doctype html><title>x</title>${'<p>list</p>'.repeat(200)}`,
  );
  await writeFile(join(dist, 'assets', 'index-Bq3x9Z_a.js'), big);
  await writeFile(join(dist, 'assets', 'small-Bq3x9Z_a.js'), 'export {};');
  await writeFile(join(dist, 'assets', 'logo-Bq3x9Z_a.png'), Buffer.alloc(4096, 7));
  await precompress(dist);
  server = await createStaticServer({ root: dist, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await rm(parent, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('precompress', () => {
  it('writes .br and .gz beside compressible files of 1 KiB or more, only', async () => {
    const names = (await readdir(join(parent, 'dist', 'assets'))).sort();
    expect(names).toEqual([
      'index-Bq3x9Z_a.js',
      'index-Bq3x9Z_a.js.br',
      'index-Bq3x9Z_a.js.gz',
      'logo-Bq3x9Z_a.png',
      'small-Bq3x9Z_a.js',
    ]);
    const file = join(parent, 'dist', 'assets', 'index-Bq3x9Z_a.js');
    expect(brotliDecompressSync(await readFile(`${file}.br`)).toString()).toBe(big);
    expect(gunzipSync(await readFile(`${file}.gz`)).toString()).toBe(big);
  });
});

describe('the static server sends the coding the request accepts', () => {
  const js = '/assets/index-Bq3x9Z_a.js';

  it.each([
    ['br', 'gzip, deflate, br', 'br', brotliDecompressSync],
    ['gzip', 'gzip', 'gzip', gunzipSync],
  ] as const)('%s: the body decodes to the built file', async (_, accept, coding, decode) => {
    const reply = await get(js, { 'accept-encoding': accept });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe(coding);
    expect(reply.headers['vary']).toBe('Accept-Encoding');
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
    expect(reply.body.length).toBeLessThan(Buffer.byteLength(big));
    expect(decode(reply.body).toString()).toBe(big);
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each([
    ['no Accept-Encoding', {}],
    ['identity', { 'accept-encoding': 'identity' }],
    ['q=0 on every coding', { 'accept-encoding': 'br;q=0, gzip;q=0, *;q=0' }],
    ['unknown codings', { 'accept-encoding': 'zstd;q=1, compress' }],
    ['a malformed header', { 'accept-encoding': ';;;q=,==,br;q=x' }],
    ['a very long header', { 'accept-encoding': 'x-unknown;q=0.5,'.repeat(500) }],
  ])('%s: the plain file, never a 500', async (_, headers) => {
    const reply = await get(js, headers);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.headers['vary']).toBe('Accept-Encoding');
    expect(Number(reply.headers['content-length'])).toBe(Buffer.byteLength(big));
    expect(reply.body.toString()).toBe(big);
  });

  it('index.html: compressed, and no-cache', async () => {
    const reply = await get('/', { 'accept-encoding': 'br' });
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(reply.body).toString()).toContain('<p>list</p>');
  });

  it('a file without a compressed copy, and an image, go plain', async () => {
    const small = await get('/assets/small-Bq3x9Z_a.js', { 'accept-encoding': 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe('export {};');
    const png = await get('/assets/logo-Bq3x9Z_a.png', { 'accept-encoding': 'br' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers['vary']).toBeUndefined();
    expect(png.body.length).toBe(4096);
  });

  it('HEAD gives the encoded length; each coding has its own ETag for 304', async () => {
    const head = await get(js, { 'accept-encoding': 'gzip' }, 'HEAD');
    const full = await get(js, { 'accept-encoding': 'gzip' });
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
    expect(head.body.length).toBe(0);
    const brotli = await get(js, { 'accept-encoding': 'br' });
    const plain = await get(js);
    const tags = [full, brotli, plain].map((r) => r.headers['etag']);
    expect(new Set(tags).size).toBe(3);
    const again = await get(js, {
      'accept-encoding': 'br',
      'if-none-match': String(brotli.headers['etag']),
    });
    expect(again.status).toBe(304);
    const mismatch = await get(js, {
      'accept-encoding': 'gzip',
      'if-none-match': String(brotli.headers['etag']),
    });
    expect(mismatch.status).toBe(200);
    expect(mismatch.headers['content-encoding']).toBe('gzip');
  });

  it('a request for the .br file itself is not a way around the negotiation', async () => {
    const reply = await get(`${js}.br`);
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.status).toBe(200);
  });
});
