import { delay, http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ALICE_TOKEN, CAROL_TOKEN } from '../../../mocks/fixtures/index.ts';
import { setupMockServer } from '../../../mocks/node.ts';
import { DECODE_SLICE, HEAD_BYTES } from '../../../src/lib/execute/call-result.ts';
import { createRedcapClient, type RedcapClient } from '../../../src/lib/execute/client.ts';
import { explainCall, factsOf } from '../../../src/lib/execute/explain.ts';
import {
  FORWARDER_ERROR_HEADER,
  FORWARDER_LOCATION_HEADER,
} from '../../../src/lib/execute/forward.ts';
import { createFetchTransport, type Transport } from '../../../src/lib/execute/transport.ts';
import type { MethodId } from '../../../src/lib/methods/index.ts';

/** The one call path over msw/node: the real mock REDCap, and hand-made answers where needed. */

const { server } = setupMockServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const API = 'http://mock.test/api/';
const transport = createFetchTransport({ target: () => API });

function clientAs(token: string, options: { timeoutMs?: number; transport?: Transport } = {}) {
  const connect = vi.fn((_: MethodId) => Promise.resolve({ apiUrl: API, token }));
  const client: RedcapClient = createRedcapClient({
    transport: options.transport ?? transport,
    connect,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
  return { client, connect };
}

/** Answers every call with this handler instead of the mock. */
function answerWith(resolver: Parameters<typeof http.post>[1]): void {
  server.use(http.post(API, resolver));
}

describe('send', () => {
  it('connects for the method, sends the built request and reads the answer', async () => {
    const { client, connect } = clientAs(ALICE_TOKEN);
    const result = await client.send('exp_proj', { format: 'json', returnFormat: 'json' });
    expect(connect).toHaveBeenCalledExactlyOnceWith('exp_proj');
    expect(result.methodId).toBe('exp_proj');
    expect(result.parsed).toMatchObject({ ok: true, status: 200, format: 'json' });
    expect(JSON.parse(result.parsed.text!)).toMatchObject({ project_title: expect.any(String) });
    expect(result.statusText).toBe('OK');
    expect(result.headers).toContainEqual(['content-type', expect.stringContaining('json')]);
    expect(result.timeMs).toBeGreaterThanOrEqual(0);
    expect(result.bytes).toBeNull();
    expect([result.forwarderError, result.location]).toEqual([null, null]);
  });

  it('reads the forwarder’s headers: its own error and a redirect’s target', async () => {
    answerWith(() =>
      HttpResponse.text('Redirect refused', {
        status: 502,
        headers: {
          [FORWARDER_ERROR_HEADER]: 'redirect',
          [FORWARDER_LOCATION_HEADER]: 'https://sso.example.edu/login',
        },
      }),
    );
    const result = await clientAs(ALICE_TOKEN).client.send('exp_rc_v', { format: 'json' });
    expect(result.forwarderError).toBe('redirect');
    expect(result.location).toBe('https://sso.example.edu/login');
    expect(explainCall(factsOf(result))).toMatch(
      /redirect to https:\/\/sso\.example\.edu\/login instead of data/,
    );
  });

  it('reads a timeout the forwarder reports, without a location', async () => {
    answerWith(() =>
      HttpResponse.text('timeout', {
        status: 504,
        headers: { [FORWARDER_ERROR_HEADER]: 'timeout' },
      }),
    );
    const result = await clientAs(ALICE_TOKEN).client.send('exp_rc_v', { format: 'json' });
    expect([result.forwarderError, result.location]).toEqual(['timeout', null]);
    expect(explainCall(factsOf(result))).toMatch(/did not answer in time/);
  });

  it('keeps the bytes of a body that is not text (a PDF)', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.4 …');
    answerWith(() => new HttpResponse(pdf, { headers: { 'content-type': 'application/pdf' } }));
    const result = await clientAs(ALICE_TOKEN).client.send('exp_rc_v', { format: 'json' });
    expect(result.parsed.text).toBeNull();
    expect(result.bytes).toEqual(pdf);
  });

  it('decodes a large text body in slices, whole and in order', async () => {
    const line = 'record_id,name\n';
    const body = `${line}${'1,Ada Lovelace éè\n'.repeat(Math.ceil((DECODE_SLICE * 1.5) / 18))}`;
    answerWith(() => HttpResponse.text(body, { headers: { 'content-type': 'text/csv' } }));
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const result = await clientAs(ALICE_TOKEN).client.send('exp_records', { format: 'csv' });
    expect(result.parsed.text).toBe(body);
    expect(result.parsed.size).toBe(new TextEncoder().encode(body).byteLength);
    expect(result.parsed.size).toBeGreaterThan(DECODE_SLICE);
    expect(result.bytes).toBeNull();
    // Its start as a string of its own, for previews: whole characters only (é is two bytes).
    const head = result.parsed.head!;
    expect(body.startsWith(head)).toBe(true);
    expect(new TextEncoder().encode(head).byteLength).toBeLessThanOrEqual(HEAD_BYTES);
    expect(new TextEncoder().encode(head).byteLength).toBeGreaterThan(HEAD_BYTES - 4);
    expect(head.endsWith('\uFFFD')).toBe(false);
    // One pause per slice: two slices.
    expect(timers.mock.calls.filter(([, ms]) => ms === 0)).toHaveLength(2);
    timers.mockRestore();
  });

  it.each([
    ['exactly one slice: read whole, no pause', 1, 0],
    ['exactly two slices: two pauses', 2, 2],
  ])('decodes %s', async (_, slices, pauses) => {
    const body = 'a'.repeat(DECODE_SLICE * slices);
    answerWith(() => HttpResponse.text(body, { headers: { 'content-type': 'text/csv' } }));
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const result = await clientAs(ALICE_TOKEN).client.send('exp_records', { format: 'csv' });
    expect(result.parsed.text).toBe(body);
    // Small bodies are one string already: no separate start.
    expect(result.parsed.head).toBe(slices === 1 ? undefined : body.slice(0, HEAD_BYTES));
    expect(timers.mock.calls.filter(([, ms]) => ms === 0)).toHaveLength(pauses);
    timers.mockRestore();
  });

  it('keeps a character whole where it spans two slices', async () => {
    const body = `${'a'.repeat(DECODE_SLICE - 1)}é${'b'.repeat(10)}`;
    answerWith(() => HttpResponse.text(body, { headers: { 'content-type': 'text/csv' } }));
    const result = await clientAs(ALICE_TOKEN).client.send('exp_records', { format: 'csv' });
    expect(result.parsed.text).toBe(body);
  });

  it('keeps the bytes of a large body that is not text, without decoding it', async () => {
    const pdf = new Uint8Array(DECODE_SLICE + 100);
    pdf.set(new TextEncoder().encode('%PDF-1.4'));
    answerWith(() => new HttpResponse(pdf, { headers: { 'content-type': 'application/pdf' } }));
    const result = await clientAs(ALICE_TOKEN).client.send('exp_rc_v', { format: 'json' });
    expect(result.parsed.text).toBeNull();
    expect(result.parsed.size).toBe(DECODE_SLICE + 100);
    expect(result.bytes?.byteLength).toBe(DECODE_SLICE + 100);
  });

  it('reads REDCap’s error out of a large refusal', async () => {
    const message = `Bad ${'x'.repeat(DECODE_SLICE + 10)}`;
    answerWith(() => HttpResponse.json({ error: message }, { status: 400 }));
    const result = await clientAs(ALICE_TOKEN).client.send('exp_rc_v', { format: 'json' });
    expect(result.parsed.ok).toBe(false);
    expect(result.parsed.error).toBe(message);
  });

  it('stops a large body’s decoding when cancelled', async () => {
    answerWith(() =>
      HttpResponse.text('a'.repeat(DECODE_SLICE * 3), { headers: { 'content-type': 'text/csv' } }),
    );
    const abort = new AbortController();
    const progress = vi.fn((received: number) => {
      if (received >= DECODE_SLICE * 3) queueMicrotask(() => abort.abort());
    });
    const sent = clientAs(ALICE_TOKEN).client.send(
      'exp_records',
      { format: 'csv' },
      { signal: abort.signal, onProgress: progress },
    );
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects with an AbortError when cancelled before the answer', async () => {
    answerWith(async () => {
      await delay('infinite');
      return HttpResponse.text('never');
    });
    const abort = new AbortController();
    const sent = clientAs(ALICE_TOKEN).client.send(
      'exp_rc_v',
      { format: 'json' },
      { signal: abort.signal },
    );
    setTimeout(() => abort.abort(new DOMException('The request was cancelled.', 'AbortError')), 5);
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('sends nothing when cancelled while connecting', async () => {
    const fetchSpy = vi.fn<typeof fetch>((...args) => fetch(...args));
    const abort = new AbortController();
    const client = createRedcapClient({
      transport: createFetchTransport({ target: () => API, fetch: fetchSpy }),
      connect: () => {
        abort.abort(new DOMException('cancelled', 'AbortError'));
        return Promise.resolve({ apiUrl: API, token: ALICE_TOKEN });
      },
    });
    let answered = 0;
    answerWith(() => {
      answered += 1;
      return HttpResponse.text('15.0.0');
    });
    await expect(
      client.send('exp_rc_v', { format: 'json' }, { signal: abort.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(fetchSpy.mock.calls[0]?.[1]?.signal?.aborted).toBe(true);
    expect(answered).toBe(0);
  });

  it('stops a call that takes longer than timeoutMs with a TimeoutError', async () => {
    answerWith(async () => {
      await delay('infinite');
      return HttpResponse.text('never');
    });
    const sent = clientAs(ALICE_TOKEN, { timeoutMs: 30 }).client.send('exp_rc_v', {
      format: 'json',
    });
    await expect(sent).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('with a timeout, still stops when the caller cancels, and times out when it does not', async () => {
    answerWith(async () => {
      await delay('infinite');
      return HttpResponse.text('never');
    });
    const abort = new AbortController();
    const { client } = clientAs(ALICE_TOKEN, { timeoutMs: 60_000 });
    const sent = client.send('exp_rc_v', { format: 'json' }, { signal: abort.signal });
    setTimeout(() => abort.abort(new DOMException('cancelled', 'AbortError')), 5);
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
    const late = clientAs(ALICE_TOKEN, { timeoutMs: 30 }).client.send(
      'exp_rc_v',
      { format: 'json' },
      { signal: new AbortController().signal },
    );
    await expect(late).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('passes progress and the body sink to the transport', async () => {
    const progress = vi.fn();
    await clientAs(ALICE_TOKEN).client.send(
      'exp_rc_v',
      { format: 'json' },
      { onProgress: progress },
    );
    expect(progress).toHaveBeenCalled();
    expect(progress.mock.lastCall?.[0]).toBeGreaterThan(0);
  });
});

describe('json and text: each failure in words', () => {
  it('answers the value of a read', async () => {
    const { client } = clientAs(ALICE_TOKEN);
    const version = await client.text('exp_rc_v', { format: 'json' });
    expect(version).toEqual({ ok: true, value: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    const info = await client.json('exp_proj', { format: 'json' });
    expect(info.ok && (info.value as Record<string, unknown>)['project_id']).toBeTruthy();
  });

  it('says REDCap’s status and text for a refusal, with the answer for callers', async () => {
    const answer = await clientAs(CAROL_TOKEN).client.json('exp_metadata', { format: 'json' });
    expect(answer).toMatchObject({
      ok: false,
      why: 'REDCap answered 403: You do not have API Export privileges',
    });
    expect(!answer.ok && answer.result?.parsed.status).toBe(403);
  });

  it('says a bad token is refused', async () => {
    const answer = await clientAs('0'.repeat(32)).client.text('exp_rc_v', { format: 'json' });
    expect(answer).toEqual({
      ok: false,
      why: 'REDCap answered 403: You do not have permissions to use the API',
      result: expect.anything(),
    });
  });

  it('says the status when REDCap gave no text', async () => {
    answerWith(() => new HttpResponse(null, { status: 500 }));
    const answer = await clientAs(ALICE_TOKEN).client.text('exp_rc_v', { format: 'json' });
    expect(answer).toMatchObject({ ok: false, why: 'REDCap answered 500: HTTP 500' });
  });

  it('says an answer that is not text is no answer to read', async () => {
    answerWith(
      () =>
        new HttpResponse(new TextEncoder().encode('%PDF-1.4'), {
          headers: { 'content-type': 'application/pdf' },
        }),
    );
    const answer = await clientAs(ALICE_TOKEN).client.text('exp_rc_v', { format: 'json' });
    expect(answer).toMatchObject({ ok: false, why: 'REDCap answered 200.' });
  });

  it('says an unknown method is unknown, without sending', async () => {
    const { client, connect } = clientAs(ALICE_TOKEN);
    expect(await client.json('exp_nothing', {})).toEqual({
      ok: false,
      why: 'Unknown method exp_nothing.',
    });
    expect(connect).not.toHaveBeenCalled();
  });

  it('says why an answer is not JSON', async () => {
    answerWith(() => HttpResponse.text('not json', { headers: { 'content-type': 'text/plain' } }));
    const answer = await clientAs(ALICE_TOKEN).client.json('exp_rc_v', { format: 'json' });
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.why).toMatch(/JSON/);
  });

  it('says the playground’s own server did not answer when the network fails', async () => {
    answerWith(() => HttpResponse.error());
    const answer = await clientAs(ALICE_TOKEN).client.text('exp_rc_v', { format: 'json' });
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.why).toMatch(
      /^The request could not be sent: .*The playground’s own server did not answer: is npm start still running\?/,
    );
  });

  it('says a cancelled read was cancelled', async () => {
    answerWith(async () => {
      await delay('infinite');
      return HttpResponse.text('never');
    });
    const abort = new AbortController();
    const read = clientAs(ALICE_TOKEN).client.json('exp_rc_v', { format: 'json' }, abort.signal);
    setTimeout(() => abort.abort(new DOMException('The request was cancelled.', 'AbortError')), 5);
    expect(await read).toEqual({
      ok: false,
      why: 'Cancelled: the request was stopped before an answer came.',
    });
  });

  it('says a read that took too long timed out', async () => {
    answerWith(async () => {
      await delay('infinite');
      return HttpResponse.text('never');
    });
    const read = clientAs(ALICE_TOKEN, { timeoutMs: 30 }).client.text('exp_rc_v', {
      format: 'json',
    });
    expect(await read).toEqual({
      ok: false,
      why: 'No answer in time: the call was stopped. Try again.',
    });
  });

  it('says why it could not connect, in the connection’s words', async () => {
    const client = createRedcapClient({
      transport,
      connect: () => Promise.reject(new Error('Connect to your REDCap project first.')),
    });
    expect(await client.text('exp_rc_v', {})).toEqual({
      ok: false,
      why: 'Connect to your REDCap project first.',
    });
  });

  it('never puts the token in a why, even when an error repeats it', async () => {
    const leaky: Transport = {
      send: (request) => Promise.reject(new Error(`failed to send ${JSON.stringify(request)}`)),
    };
    const answer = await clientAs(ALICE_TOKEN, { transport: leaky }).client.json('exp_rc_v', {
      format: 'json',
    });
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.why).toMatch(/^failed to send .*\[token\]/);
    expect(JSON.stringify(answer)).not.toContain(ALICE_TOKEN);
  });

  it('never puts the token in a why made of REDCap’s answer', async () => {
    answerWith(() => HttpResponse.json({ error: `Bad token ${ALICE_TOKEN}` }, { status: 400 }));
    const answer = await clientAs(ALICE_TOKEN).client.text('exp_rc_v', { format: 'json' });
    expect(!answer.ok && answer.why).toBe('REDCap answered 400: Bad token [token]');
  });
});
