import { describe, expect, it, vi } from 'vitest';
import {
  FORWARD_PATH,
  FORWARD_TARGET_HEADER,
  FORWARDER_MAX_ANSWER_HEADER,
} from '../../src/lib/execute/forward.ts';
import {
  AnswerLimitError,
  createForwardTransport,
  createMockTransport,
  createSwitchingTransport,
  MOCK_IN_PAGE_PATH,
  TransportError,
} from '../../src/lib/execute/transport.ts';
import { getMethod } from '../../src/lib/methods/index.ts';
import { buildRedcapRequest } from '../../src/lib/redcap/request.ts';

const LIVE_URL = 'https://redcap.example.edu/api/';
const TOKEN = 'D41D8CD98F00B204E9800998ECF8427E';

function spyFetch() {
  return vi.fn<typeof fetch>(() => Promise.resolve(new Response('14.5.10', { status: 200 })));
}

function versionRequest(apiUrl = LIVE_URL) {
  return buildRedcapRequest(getMethod('exp_rc_v'), { format: 'json' }, { apiUrl, token: TOKEN });
}

describe('createForwardTransport', () => {
  it('posts to the same-origin forwarder and names the REDCap API URL in its header', async () => {
    const fetchSpy = spyFetch();
    await createForwardTransport('/play/', fetchSpy).send(versionRequest());
    const [target, init] = fetchSpy.mock.calls[0]!;
    expect(target).toBe(`/play${FORWARD_PATH}`);
    expect((init?.headers as Record<string, string>)[FORWARD_TARGET_HEADER]).toBe(LIVE_URL);
    expect(init?.redirect).toBe('error');
    expect(init?.credentials).toBe('omit');
  });

  /** An answer whose body breaks off after `sent` bytes, as the forwarder breaks it. */
  function brokenAnswer(sent: number, cap: number): Response {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        if (pulls === 1) controller.enqueue(new Uint8Array(sent));
        else controller.error(new TypeError('network error'));
      },
    });
    return new Response(body, { headers: { [FORWARDER_MAX_ANSWER_HEADER]: String(cap) } });
  }

  it('says when the forwarder cut the answer off at its size cap, and how to raise it', async () => {
    const cap = 2 * 1048576;
    const transport = createForwardTransport('/', () => Promise.resolve(brokenAnswer(cap, cap)));
    const error = await transport.send(versionRequest()).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(AnswerLimitError);
    expect((error as Error).message).toMatch(/cut off at the playground server's limit of 2 MiB/);
    expect((error as Error).message).toContain('FORWARD_MAX_ANSWER_MB');
  });

  it('calls a break before the cap a broken answer, not the cap', async () => {
    const transport = createForwardTransport('/', () =>
      Promise.resolve(brokenAnswer(1000, 2 * 1048576)),
    );
    const error = await transport.send(versionRequest()).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toContain('broke off after 1000 bytes');
  });
});

describe('createSwitchingTransport', () => {
  function setup() {
    const mockFetch = spyFetch();
    const liveFetch = spyFetch();
    let mode: 'mock' | 'live' = 'mock';
    const mock = createMockTransport('/', mockFetch);
    const forward = createForwardTransport('/', liveFetch);
    const transport = createSwitchingTransport(() => (mode === 'live' ? forward : mock));
    return { transport, mockFetch, liveFetch, setMode: (m: 'mock' | 'live') => (mode = m) };
  }

  it('sends mock calls to the in-page mock address only', async () => {
    const { transport, mockFetch, liveFetch } = setup();
    await transport.send(versionRequest('http://127.0.0.1:8787/api/'));
    expect(mockFetch.mock.calls[0]![0]).toBe(MOCK_IN_PAGE_PATH);
    expect(liveFetch).not.toHaveBeenCalled();
  });

  it('never lets a live call reach the mock, and follows each switch at once', async () => {
    const { transport, mockFetch, liveFetch, setMode } = setup();
    setMode('live');
    await transport.send(versionRequest());
    await transport.send(versionRequest());
    expect(mockFetch).not.toHaveBeenCalled();
    expect(liveFetch.mock.calls.map(([target]) => target)).toEqual([FORWARD_PATH, FORWARD_PATH]);
    setMode('mock');
    await transport.send(versionRequest('http://127.0.0.1:8787/api/'));
    expect(mockFetch).toHaveBeenCalledTimes(1);
    expect(liveFetch).toHaveBeenCalledTimes(2);
  });

  it('passes the abort signal on', async () => {
    const { transport, liveFetch, setMode } = setup();
    setMode('live');
    const controller = new AbortController();
    await transport.send(versionRequest(), controller.signal);
    expect(liveFetch.mock.calls[0]![1]?.signal).toBe(controller.signal);
  });
});
