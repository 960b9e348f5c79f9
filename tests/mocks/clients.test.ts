import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingMockRoutes } from '../../mocks/routes/index.ts';
import {
  encodeForm,
  encodeMultipart,
  expectedLogEntry,
  loadClientFixtures,
  send,
  startMockServer,
  stepProblems,
  type ClientFixture,
  type RunningMockServer,
} from './clients-replay.ts';

/**
 * Real clients replayed: each fixture in tests/fixtures/clients is what PyCap, PHPCap or
 * REDCapR sends for one call (read from their sources, cited in the file, and checked against
 * the real clients by hand, README "Real clients"), with what that client needs back. Every
 * request goes over HTTP to `node mocks/server.ts`; fixtures that write get a server of their own.
 */

const fixtures = loadClientFixtures();

/** A test's title: the fixture, and the methods it waits for while the mock lacks them. */
function title(fixture: ClientFixture): string {
  const pending = [...new Set(fixture.steps.map((s) => s.method))].filter((m) =>
    (pendingMockRoutes as readonly string[]).includes(m),
  );
  return pending.length
    ? `${fixture.name} [fails until the mock has ${pending.join(', ')}]`
    : fixture.name;
}

/** A mock server for the enclosing describe block, with its request log. */
function useServer() {
  let server: RunningMockServer | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'mock-redcap-clients-'));
  const log = join(dir, 'requests.jsonl');
  beforeAll(async () => {
    server = await startMockServer({ MOCK_REQUEST_LOG: log });
  }, 20_000);
  afterAll(() => {
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const logLines = (): unknown[] => {
    if (!existsSync(log)) return [];
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as unknown);
  };
  return { apiUrl: () => server!.apiUrl, logLines };
}

async function replay(fixture: ClientFixture, server: ReturnType<typeof useServer>) {
  for (const [i, step] of fixture.steps.entries()) {
    const before = server.logLines().length;
    const reply = await send(server.apiUrl(), step.request);
    const label = `${fixture.name} step ${i + 1} (${step.why})`;
    expect(stepProblems(fixture.client, step, reply), label).toEqual([]);
    // The mock read the body as PHP would (same method; fields in order, bracket arrays
    // folded; same uploaded files).
    const logged = server
      .logLines()
      .slice(before)
      .map((line) => JSON.stringify(line));
    expect(logged, label).toEqual([JSON.stringify(expectedLogEntry(step))]);
  }
}

describe('real clients replayed over HTTP (tests/fixtures/clients)', () => {
  it('covers PyCap, PHPCap and REDCapR with about ten calls each', () => {
    for (const client of ['PyCap', 'PHPCap', 'REDCapR']) {
      expect(fixtures.filter((f) => f.client === client).length, client).toBeGreaterThanOrEqual(10);
    }
  });

  it('puts the token placeholder first in every request, as each client does', () => {
    for (const f of fixtures) {
      for (const { request } of f.steps) {
        const first =
          request.contentType === 'multipart/form-data' ? request.parts[0] : request.fields[0];
        expect([f.name, first]).toEqual([
          f.name,
          request.contentType === 'multipart/form-data'
            ? { name: 'token', value: '{{TOKEN}}' }
            : ['token', '{{TOKEN}}'],
        ]);
      }
    }
  });

  describe('encodes bodies as each client library does', () => {
    const filter = [['filterLogic', '[age] > 50 ~x']] as const;
    it.each([
      ['python-urlencode', 'filterLogic=%5Bage%5D+%3E+50+~x'],
      ['php-http_build_query', 'filterLogic=%5Bage%5D+%3E+50+%7Ex'],
      ['r-curl_escape', 'filterLogic=%5Bage%5D%20%3E%2050%20~x'],
    ] as const)('%s', (encoding, wire) => {
      expect(encodeForm(filter, encoding)).toBe(wire);
    });

    it('writes PHP cURL multipart parts in order, empty ones included', () => {
      const body = encodeMultipart(
        {
          contentType: 'multipart/form-data',
          style: 'php-curl',
          parts: [
            { name: 'token', value: '{{TOKEN}}' },
            { name: 'file', filename: 'a.txt', contentType: 'text/plain', text: 'A\n' },
            { name: 'event', value: '' },
          ],
        },
        'T',
      );
      const b = '--------------------------9f3b2c1d0e4a5b6c';
      expect(body.body.toString()).toBe(
        `${b}\r\nContent-Disposition: form-data; name="token"\r\n\r\nT\r\n` +
          `${b}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n` +
          `Content-Type: text/plain\r\n\r\nA\n\r\n` +
          `${b}\r\nContent-Disposition: form-data; name="event"\r\n\r\n\r\n${b}--\r\n`,
      );
    });
  });

  describe('read-only calls, one shared server', () => {
    const server = useServer();
    it.each(fixtures.filter((f) => !f.writes).map((f) => [title(f), f] as const))(
      '%s',
      async (_, fixture) => {
        await replay(fixture, server);
      },
    );
  });

  describe.each(fixtures.filter((f) => f.writes).map((f) => [title(f), f] as const))(
    '%s, on a fresh server',
    (_, fixture) => {
      const server = useServer();
      it(`answers every step as ${fixture.client} expects`, async () => {
        await replay(fixture, server);
      });
    },
  );
});
