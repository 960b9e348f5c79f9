import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  PERMISSIONS_POLICY,
  trustworthyOrigin,
} from '../../src/server/headers.ts';
import { createStaticServer, type RunningServer } from '../../src/server/server.ts';

const SECRET = 'secret outside the build';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: node:http sends the path as written, so `..` reaches the server unnormalized. */
function send(
  server: RunningServer,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', ...options },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

let parent: string;
let server: RunningServer;

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'playground-static-'));
  const dist = join(parent, 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await mkdir(join(dist, 'empty-dir'));
  await writeFile(join(parent, 'package.json'), SECRET);
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>playground</title>');
  await writeFile(join(dist, 'mockServiceWorker.js'), 'self.addEventListener("fetch", () => {});');
  const assets: Record<string, string> = {
    'index-Bq3x9Z_a.js': 'export {};',
    'index-C4fT0aQe.css': 'body{}',
    'logo-Dx81Kq2z.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'data-A1b2C3d4.json': '{}',
    'module-E5f6G7h8.wasm': '\0asm',
    'font-I9j0K1l2.ttf': 'ttf',
    'font-M3n4O5p6.woff2': 'woff2',
    'index-Bq3x9Z_a.js.map': '{}',
  };
  for (const [name, text] of Object.entries(assets)) {
    await writeFile(join(dist, 'assets', name), text);
  }
  await symlink(join(parent, 'package.json'), join(dist, 'escape.json'));
  server = await createStaticServer({ root: dist, port: 0 });
});

afterAll(async () => {
  await server.close();
  await rm(parent, { recursive: true, force: true });
});

describe('static server', () => {
  it('listens on 127.0.0.1 at the port it reports', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves index.html at / without letting caches keep it stale', async () => {
    const reply = await send(server, '/');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-cache');
    expect(reply.body).toContain('<title>playground</title>');
  });

  it.each(['/', '/assets/index-Bq3x9Z_a.js', '/missing.js', '/../package.json', '/%E0%A4%A'])(
    'sends the CSP and the other security headers on %s',
    async (path) => {
      const { headers } = await send(server, path);
      expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(headers['permissions-policy']).toBe(PERMISSIONS_POLICY);
    },
  );

  it('leaves out Cross-Origin-Opener-Policy only where browsers ignore it (plain http, not loopback)', () => {
    const req = (host: string, encrypted = false) =>
      ({ headers: { host }, socket: { encrypted } }) as unknown as IncomingMessage;
    for (const host of [
      '127.0.0.1:4173',
      'localhost:4173',
      '[::1]:4173',
      'app.localhost',
      '127.0.0.2',
    ])
      expect(trustworthyOrigin(req(host)), host).toBe(true);
    expect(trustworthyOrigin(req('playground.example:4173', true))).toBe(true);
    for (const host of ['playground.example:4173', '192.168.1.5:4173', 'evil.localhost.example'])
      expect(trustworthyOrigin(req(host)), host).toBe(false);
    expect(trustworthyOrigin(undefined)).toBe(true);
  });

  it('turns off browser features the app never uses, and keeps the clipboard it copies with', () => {
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
      expect(PERMISSIONS_POLICY).toContain(`${feature}=()`);
    }
    expect(PERMISSIONS_POLICY).not.toContain('clipboard');
  });

  it('sends the CSP the app was verified against, and forbids framing', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; worker-src 'self'; connect-src 'self'; " +
        "font-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
    );
  });

  it.each([
    ['/index.html', 'text/html; charset=utf-8'],
    ['/mockServiceWorker.js', 'text/javascript; charset=utf-8'],
    ['/assets/index-Bq3x9Z_a.js', 'text/javascript; charset=utf-8'],
    ['/assets/index-C4fT0aQe.css', 'text/css; charset=utf-8'],
    ['/assets/logo-Dx81Kq2z.svg', 'image/svg+xml'],
    ['/assets/data-A1b2C3d4.json', 'application/json; charset=utf-8'],
    ['/assets/module-E5f6G7h8.wasm', 'application/wasm'],
    ['/assets/font-I9j0K1l2.ttf', 'font/ttf'],
    ['/assets/font-M3n4O5p6.woff2', 'font/woff2'],
    ['/assets/index-Bq3x9Z_a.js.map', 'application/json; charset=utf-8'],
  ])('serves %s as %s', async (path, type) => {
    const reply = await send(server, path);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(type);
  });

  it('caches hashed assets for a year and everything else never without revalidation', async () => {
    const asset = await send(server, '/assets/index-Bq3x9Z_a.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const worker = await send(server, '/mockServiceWorker.js');
    expect(worker.headers['cache-control']).toBe('no-cache');
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const first = await send(server, '/');
    const etag = String(first.headers['etag']);
    const again = await send(server, '/', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers HEAD with the length and no body', async () => {
    const reply = await send(server, '/assets/index-Bq3x9Z_a.js', { method: 'HEAD' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-length']).toBe(String('export {};'.length));
    expect(reply.body).toBe('');
  });

  it.each(['/missing.js', '/assets/', '/empty-dir', '/empty-dir/', '/assets/nope-12345678.js'])(
    'answers 404 for %s',
    async (path) => {
      const reply = await send(server, path);
      expect(reply.status).toBe(404);
      expect(reply.body).toBe('Not found\n');
    },
  );

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e%5c%2e%2e%5cpackage.json',
    '//../package.json',
    '/escape.json',
  ])('never serves a file outside the build: %s', async (path) => {
    const reply = await send(server, path);
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain(SECRET);
  });

  it('answers 400 to a path that is not valid percent-encoding', async () => {
    const reply = await send(server, '/%E0%A4%A');
    expect(reply.status).toBe(400);
  });

  it('refuses other methods than GET and HEAD with 405 and Allow', async () => {
    const reply = await send(server, '/', { method: 'POST' });
    expect(reply.status).toBe(405);
    expect(reply.headers['allow']).toBe('GET, HEAD');
  });
});

describe('request handler chain', () => {
  it('tries added handlers before the static files, with the security headers already set', async () => {
    const dist = join(parent, 'dist');
    const seen: string[] = [];
    const chained = await createStaticServer({
      root: dist,
      handlers: [
        (req, res) => {
          seen.push(req.url ?? '');
          if (req.url !== '/forward') return false;
          res.end('forwarded');
          return true;
        },
      ],
    });
    try {
      const forwarded = await send(chained, '/forward');
      expect(forwarded.body).toBe('forwarded');
      expect(forwarded.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      const passedOn = await send(chained, '/');
      expect(passedOn.body).toContain('<title>playground</title>');
      expect(seen).toEqual(['/forward', '/']);
    } finally {
      await chained.close();
    }
  });

  it('answers 500 without details when a handler throws', async () => {
    const failing = await createStaticServer({
      root: join(parent, 'dist'),
      handlers: [
        () => {
          throw new Error('boom with a token=abc');
        },
      ],
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const reply = await send(failing, '/');
      expect(reply.status).toBe(500);
      expect(reply.body).toBe('Internal server error\n');
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
      await failing.close();
    }
  });
});
