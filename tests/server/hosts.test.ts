import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FORWARD_CONFIG_PATH,
  FORWARD_PATH,
  FORWARD_TARGET_HEADER,
  FORWARDER_ERROR_HEADER,
} from '../../src/lib/execute/forward.ts';
import { createForwarder } from '../../src/server/forwarder.ts';
import { allowedHostNames, hostNameOf, isSameOriginRequest } from '../../src/server/hosts.ts';
import { createStaticServer, type RunningServer } from '../../src/server/server.ts';
import type { IncomingMessage } from 'node:http';

// DNS rebinding: a page on evil.example whose name now points at 127.0.0.1 reaches the server
// with `Host: evil.example:<port>`. Only the names the server was started for get an answer.

const TARGET = 'http://127.0.0.1:9/api/';
let server: RunningServer;

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
}

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method, path, headers, setHost: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'hosts-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  server = await createStaticServer({
    root,
    allowedHosts: allowedHostNames(undefined, 'playground.lan'),
    handlers: [createForwarder({ targets: [TARGET] })],
  });
});

afterAll(() => server.close());

describe('the Host check', () => {
  it.each(['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST', 'playground.lan'])(
    'answers for %s, with and without the port',
    async (name) => {
      for (const host of [name, `${name}:${server.port}`]) {
        const res = await send('GET', '/', { host });
        expect(res.status).toBe(200);
        expect(res.text).toContain('<title>app</title>');
      }
    },
  );

  const foreign = [
    'evil.example',
    'evil.example:4173',
    '127.0.0.1.evil.example',
    'localhost.evil.example',
    'evil@127.0.0.1',
    '127.0.0.1/evil',
    '',
    '[::2]',
    '0.0.0.0',
  ];
  it.each(foreign)(
    'answers 421 to Host %j on every path, forwarder and config included',
    async (host) => {
      for (const [method, path] of [
        ['GET', '/'],
        ['GET', '/missing'],
        ['GET', FORWARD_CONFIG_PATH],
        ['POST', FORWARD_PATH],
      ] as const) {
        const res = await send(
          method,
          path,
          {
            host,
            [FORWARD_TARGET_HEADER]: TARGET,
            'content-type': 'application/x-www-form-urlencoded',
          },
          method === 'POST' ? 'token=A' : undefined,
        );
        expect(res.status).toBe(421);
        expect(res.text).toContain('answers only for 127.0.0.1, localhost, [::1], playground.lan');
        expect(res.text).toContain('ALLOWED_HOSTS');
        expect(res.text).not.toContain(TARGET);
        expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      }
    },
  );

  it('refuses a request without Host (Node answers HTTP/1.1 without one with 400 itself)', async () => {
    const res = await send('GET', FORWARD_CONFIG_PATH, {});
    expect([400, 421]).toContain(res.status);
    expect(res.text).not.toContain(TARGET);
  });

  it('checks the host of an absolute-form request target too', async () => {
    const res = await send('GET', `http://evil.example${FORWARD_CONFIG_PATH}`, {
      host: '127.0.0.1',
    });
    expect(res.status).toBe(421);
    expect(res.text).not.toContain(TARGET);
  });
});

describe('the Origin check of the forwarder and its config', () => {
  const host = () => `127.0.0.1:${server.port}`;

  it('answers the config to its own page, and to tools that send no Origin', async () => {
    const variants: Record<string, string>[] = [
      {},
      { origin: `http://${host()}`, 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'same-origin' },
    ];
    for (const headers of variants) {
      const res = await send('GET', FORWARD_CONFIG_PATH, { host: host(), ...headers });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual({ targets: [TARGET] });
    }
  });

  it.each<Record<string, string>>([
    { origin: 'http://evil.example' },
    { origin: 'null' },
    { origin: 'http://localhost:1' },
    { origin: 'not a url' },
    { 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site' },
    { 'sec-fetch-site': 'none' },
  ])('refuses the forwarder and its config with 403 for %j', async (headers) => {
    const config = await send('GET', FORWARD_CONFIG_PATH, { host: host(), ...headers });
    expect(config.status).toBe(403);
    expect(config.headers[FORWARDER_ERROR_HEADER]).toBe('cross-origin');
    expect(config.text).not.toContain(TARGET);
    const post = await send(
      'POST',
      FORWARD_PATH,
      { host: host(), [FORWARD_TARGET_HEADER]: TARGET, ...headers },
      'token=A',
    );
    expect(post.status).toBe(403);
    expect(post.text).toContain('same origin');
  });

  it('judges Origin against Host, not against a fixed name', () => {
    const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
    expect(
      isSameOriginRequest(req({ host: 'localhost:4173', origin: 'http://localhost:4173' })),
    ).toBe(true);
    expect(
      isSameOriginRequest(req({ host: 'localhost:4173', origin: 'http://127.0.0.1:4173' })),
    ).toBe(false);
    expect(isSameOriginRequest(req({ host: 'localhost:4173', origin: 'file://' }))).toBe(false);
  });
});

describe('allowedHostNames and hostNameOf', () => {
  it('adds HOST and ALLOWED_HOSTS to the loopback names, never a wildcard', () => {
    expect(allowedHostNames('0.0.0.0', ' Lab.Example.org , ::1,')).toEqual([
      '127.0.0.1',
      'localhost',
      '[::1]',
      'lab.example.org',
    ]);
    expect(allowedHostNames('192.168.1.5')).toContain('192.168.1.5');
  });

  it('reads a Host header or gives null for anything malformed', () => {
    expect(hostNameOf('LocalHost:4173')).toBe('localhost');
    expect(hostNameOf('[::1]:80')).toBe('[::1]');
    for (const bad of [undefined, '', 'a b', 'x@y', 'x/y', 'host:', 'host:123456']) {
      expect(hostNameOf(bad)).toBeNull();
    }
  });
});
