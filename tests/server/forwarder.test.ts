import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FORWARD_CONFIG_PATH,
  FORWARD_PATH,
  FORWARD_TARGET_HEADER,
  FORWARDER_ERROR_HEADER,
  FORWARDER_LOCATION_HEADER,
} from '../../src/lib/execute/forward.ts';
import { createForwarder, parseRedcapUrls } from '../../src/server/forwarder.ts';
import { createStaticServer, type RunningServer } from '../../src/server/server.ts';

/** A stand-in REDCap: echoes what it received, or misbehaves on purpose by path. */
interface Seen {
  path: string;
  contentType: string | undefined;
  cookie: string | undefined;
  acceptEncoding: string | undefined;
  body: Buffer;
}
let upstream: Server;
let upstreamBase = '';
const seen: Seen[] = [];
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

let playground: RunningServer;
let slowPlayground: RunningServer;

beforeAll(async () => {
  upstream = createServer(async (req, res) => {
    const received = await body(req);
    seen.push({
      path: req.url ?? '',
      contentType: req.headers['content-type'],
      cookie: req.headers.cookie,
      acceptEncoding: req.headers['accept-encoding'],
      body: received,
    });
    if (req.url === '/sso/api/') {
      res.writeHead(302, { Location: '/login?next=api' }).end();
    } else if (req.url === '/slow/api/') {
      setTimeout(() => res.end('late'), 2000);
    } else if (req.url === '/file/api/') {
      res.writeHead(200, {
        'Content-Type': 'image/png; name="mugshot-1.png"',
        'Set-Cookie': 'session=abc',
      });
      res.end(PNG);
    } else {
      res.writeHead(403, {
        'Content-Type': 'application/json; charset=utf-8',
        'Set-Cookie': 'x=y',
      });
      res.end(
        JSON.stringify({
          error: 'You do not have permissions to use the API',
          echo: received.toString('latin1'),
        }),
      );
    }
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamBase = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const targets = ['/redcap/api/', '/sso/api/', '/file/api/', '/slow/api/'].map(
    (p) => upstreamBase + p,
  );
  playground = await createStaticServer({
    root: '/nonexistent',
    handlers: [createForwarder({ targets, maxBodyBytes: 1024 })],
  });
  slowPlayground = await createStaticServer({
    root: '/nonexistent',
    handlers: [createForwarder({ targets, timeoutMs: 300 })],
  });
});

afterAll(async () => {
  await playground.close();
  await slowPlayground.close();
  await new Promise((resolve) => upstream.close(resolve));
});

function forward(
  target: string,
  init: RequestInit = {},
  server: RunningServer = playground,
): Promise<Response> {
  return fetch(new URL(FORWARD_PATH, server.url), {
    method: 'POST',
    ...init,
    headers: { [FORWARD_TARGET_HEADER]: target, ...(init.headers as Record<string, string>) },
  });
}

describe('the live-mode forwarder', () => {
  it('forwards a form POST to a configured URL and passes status and body back unchanged', async () => {
    const res = await forward(`${upstreamBase}/redcap/api/`, {
      body: new URLSearchParams({ token: 'ABC', content: 'record', 'records[0]': '1' }),
      headers: { cookie: 'mine=1' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get(FORWARDER_ERROR_HEADER)).toBeNull();
    const json = (await res.json()) as { error: string; echo: string };
    expect(json.error).toBe('You do not have permissions to use the API');
    expect(json.echo).toBe('token=ABC&content=record&records%5B0%5D=1');
    const last = seen.at(-1)!;
    expect(last.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(last.cookie).toBeUndefined();
  });

  it('accepts the URL in any form the UI normalises (base URL, no trailing slash)', async () => {
    const res = await forward(`${upstreamBase}/redcap`, { body: 'token=A' });
    expect(res.status).toBe(403);
    expect(seen.at(-1)!.path).toBe('/redcap/api/');
  });

  it('keeps multipart bodies and binary downloads byte for byte', async () => {
    const form = new FormData();
    form.append('content', 'file');
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'scan.png');
    const res = await forward(`${upstreamBase}/file/api/`, { body: form });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png; name="mugshot-1.png"');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    const last = seen.at(-1)!;
    expect(last.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(last.body.includes(PNG)).toBe(true);
  });

  it('refuses URLs that are not configured, and says how to add one', async () => {
    const before = seen.length;
    for (const target of ['https://evil.example.org/api/', `${upstreamBase}/other/api/`]) {
      const res = await forward(target, { body: 'token=A' });
      expect(res.status).toBe(421);
      expect(res.headers.get(FORWARDER_ERROR_HEADER)).toBe('not-configured');
      expect(await res.text()).toContain('REDCAP_URL');
    }
    expect(seen.length).toBe(before);
  });

  it('refuses other methods, other paths and requests without a target', async () => {
    const get = await fetch(new URL(FORWARD_PATH, playground.url), {
      headers: { [FORWARD_TARGET_HEADER]: `${upstreamBase}/redcap/api/` },
    });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const noTarget = await fetch(new URL(FORWARD_PATH, playground.url), { method: 'POST' });
    expect(noTarget.status).toBe(400);
    const before = seen.length;
    for (const path of ['/__redcap_forward__/x', '/api/', '/__redcap_forward__']) {
      const other = await fetch(new URL(path, playground.url), {
        method: 'POST',
        headers: { [FORWARD_TARGET_HEADER]: `${upstreamBase}/redcap/api/` },
        body: 'token=A',
      });
      expect([404, 405]).toContain(other.status);
    }
    expect(seen.length).toBe(before);
  });

  it('refuses oversize bodies without calling REDCap', async () => {
    const before = seen.length;
    const res = await forward(`${upstreamBase}/redcap/api/`, { body: 'x'.repeat(2048) });
    expect(res.status).toBe(413);
    expect(res.headers.get(FORWARDER_ERROR_HEADER)).toBe('too-large');
    expect(seen.length).toBe(before);
  });

  it('streams a large body through byte for byte, asking REDCap for gzip it then decodes', async () => {
    const big = await createStaticServer({
      root: '/nonexistent',
      handlers: [createForwarder({ targets: [`${upstreamBase}/file/api/`] })],
    });
    try {
      const bytes = Buffer.alloc(20 * 1024 * 1024);
      for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i % 251;
      const res = await forward(`${upstreamBase}/file/api/`, { body: bytes }, big);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
      const last = seen.at(-1)!;
      expect(last.body.equals(bytes)).toBe(true);
      expect(last.acceptEncoding).toBe('gzip, deflate, br');
    } finally {
      await big.close();
    }
  });

  it('asks for a Content-Length (411) instead of taking a body of unknown size', async () => {
    const before = seen.length;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        new URL(FORWARD_PATH, playground.url),
        { method: 'POST', headers: { [FORWARD_TARGET_HEADER]: `${upstreamBase}/redcap/api/` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('token=A');
      req.end();
    });
    expect(status).toBe(411);
    expect(seen.length).toBe(before);
  });

  it('does not follow redirects: it says where REDCap tried to send the request', async () => {
    const res = await forward(`${upstreamBase}/sso/api/`, { body: 'token=A' });
    expect(res.status).toBe(502);
    expect(res.headers.get(FORWARDER_ERROR_HEADER)).toBe('redirect');
    expect(res.headers.get(FORWARDER_LOCATION_HEADER)).toBe(`${upstreamBase}/login?next=api`);
    expect(seen.filter((s) => s.path.startsWith('/login'))).toEqual([]);
  });

  it('times out slow servers', async () => {
    const res = await forward(`${upstreamBase}/slow/api/`, { body: 'token=A' }, slowPlayground);
    expect(res.status).toBe(504);
    expect(res.headers.get(FORWARDER_ERROR_HEADER)).toBe('timeout');
  });

  it('says when the server cannot be reached, without echoing the request', async () => {
    const dead = 'http://127.0.0.1:9/api/';
    const server = await createStaticServer({
      root: '/nonexistent',
      handlers: [createForwarder({ targets: [dead] })],
    });
    try {
      const res = await forward(dead, { body: 'token=SECRET0123' }, server);
      expect(res.status).toBe(502);
      expect(res.headers.get(FORWARDER_ERROR_HEADER)).toBe('network');
      expect(await res.text()).not.toContain('SECRET0123');
    } finally {
      await server.close();
    }
  });

  it('lists the URLs it may call', async () => {
    const res = await fetch(new URL(FORWARD_CONFIG_PATH, playground.url));
    const { targets } = (await res.json()) as { targets: string[] };
    expect(targets).toContain(`${upstreamBase}/redcap/api/`);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
  });
});

describe('parseRedcapUrls', () => {
  it('normalises each comma-separated URL and reports bad ones', () => {
    expect(
      parseRedcapUrls(' https://a.edu , https://b.edu/redcap/api,https://a.edu/api/ '),
    ).toEqual({
      urls: ['https://a.edu/api/', 'https://b.edu/redcap/api/'],
      errors: [],
    });
    expect(parseRedcapUrls('http://redcap.example.edu/api/').errors[0]).toMatch(/https/);
    expect(parseRedcapUrls(undefined)).toEqual({ urls: [], errors: [] });
  });
});
