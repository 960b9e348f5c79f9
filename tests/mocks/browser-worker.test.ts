import { describe, expect, it } from 'vitest';
import { mockChannel } from './worker-channel.ts';
import {
  ALICE_LONGITUDINAL_TOKEN,
  ALICE_PRODUCTION_TOKEN,
  ALICE_TOKEN,
  BOB_TOKEN,
  CAROL_TOKEN,
  DAVE_TOKEN,
  ERIN_TOKEN,
} from '../../mocks/fixtures/index.ts';
import { inPageMockAddress } from '../../mocks/address.ts';
import { createMockRedcap, type MockRequest } from '../../mocks/redcap.ts';
import { pendingMockRoutes } from '../../mocks/routes/index.ts';

// The browser mock's two ends (mocks/worker.ts in a Web Worker, mocks/browser.ts in the page)
// over a real MessageChannel: same structured clone and transfer rules as a Worker.

const channel = () => mockChannel();

function post(fields: Record<string, string>): MockRequest {
  return {
    method: 'POST',
    url: 'http://127.0.0.1/__redcap_mock__/api/',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(
      new URLSearchParams({ token: ALICE_TOKEN, ...fields }).toString(),
    ),
  };
}

const EXPORT = { content: 'record', format: 'json', type: 'flat' };
const text = (body: Uint8Array | string) =>
  typeof body === 'string' ? body : new TextDecoder().decode(body);

describe('the browser mock’s Web Worker channel', () => {
  it('answers exactly what the core answers, as bytes', async () => {
    const { client } = channel();
    const direct = await createMockRedcap().handle(post(EXPORT));
    const relayed = await client.handle(post(EXPORT));
    expect(relayed.status).toBe(200);
    expect(relayed.headers).toEqual(direct.headers);
    expect(relayed.body).toBeInstanceOf(Uint8Array);
    expect(text(relayed.body)).toBe(text(direct.body));
  });

  it('builds survey links on the in-page address the request came to', async () => {
    const { client } = channel();
    const url = inPageMockAddress('/playground/', 'https://example.org/playground/index.html');
    const link = await client.handle({
      ...post({ content: 'surveyLink', record: '1', instrument: 'health' }),
      url,
    });
    expect(text(link.body)).toMatch(
      /^https:\/\/example\.org\/playground\/__redcap_mock__\/surveys\/\?s=[A-Z0-9]{10}$/,
    );
  });

  it('moves the request bytes to the worker instead of copying them', async () => {
    const { client } = channel();
    const request = post(EXPORT);
    const answer = client.handle(request);
    expect(request.body.byteLength, 'the page’s copy is handed over').toBe(0);
    expect((await answer).status).toBe(200);
  });

  it('keeps writes for the tab, and reset goes back to the seed', async () => {
    const { client } = channel();
    const ids = async () =>
      (JSON.parse(text((await client.handle(post(EXPORT))).body)) as { record_id: string }[]).map(
        (r) => r.record_id,
      );
    const seeded = await ids();
    expect(seeded).not.toContain('900');
    const data = JSON.stringify([{ record_id: '900', first_name: 'Imported' }]);
    const imported = await client.handle(post({ content: 'record', format: 'json', data }));
    expect(JSON.parse(text(imported.body))).toEqual({ count: 1 });
    expect(await ids()).toContain('900');
    await client.reset();
    expect(await ids()).toEqual(seeded);
  });

  it('answers calls in the order they were sent', async () => {
    const { client } = channel();
    const data = JSON.stringify([{ record_id: '901' }]);
    const [, exported] = await Promise.all([
      client.handle(post({ content: 'record', format: 'json', data })),
      client.handle(post({ ...EXPORT, records: '901' })),
      client.reset(),
    ]);
    expect(JSON.parse(text(exported.body))).toEqual([
      expect.objectContaining({ record_id: '901' }),
    ]);
  });

  it('describes the projects, their users and tokens, and the pending methods', async () => {
    const { client } = channel();
    const description = await client.describe();
    expect(description.projects).toEqual([
      {
        slug: 'classic-demo',
        title: 'Classic demo (mock)',
        users: [
          expect.objectContaining({ username: 'alice', token: ALICE_TOKEN }),
          expect.objectContaining({ username: 'bob', token: BOB_TOKEN }),
          expect.objectContaining({ username: 'carol', token: CAROL_TOKEN }),
          expect.objectContaining({ username: 'dave', token: DAVE_TOKEN }),
          expect.objectContaining({ username: 'erin', token: ERIN_TOKEN }),
        ],
      },
      {
        slug: 'longitudinal-demo',
        title: 'Longitudinal demo (mock)',
        users: [expect.objectContaining({ username: 'alice', token: ALICE_LONGITUDINAL_TOKEN })],
      },
      {
        slug: 'production-demo',
        title: 'Production demo (mock)',
        users: [expect.objectContaining({ username: 'alice', token: ALICE_PRODUCTION_TOKEN })],
      },
    ]);
    expect(description.pendingMethods).toEqual(pendingMockRoutes);
  });

  it('rejects waiting and later calls once the worker has failed', async () => {
    const { client } = channel();
    const waiting = client.describe();
    client.fail('the worker stopped');
    await expect(waiting).rejects.toThrow('the worker stopped');
    await expect(client.reset()).rejects.toThrow('the worker stopped');
  });
});
