import { describe, expect, it } from 'vitest';
import { mockChannel } from '../worker-channel.ts';
import { ALICE_TOKEN, seedData } from '../../../mocks/fixtures/index.ts';
import { LARGE_PROJECTS } from '../../../mocks/fixtures/large.ts';
import { createMockRedcap } from '../../../mocks/redcap.ts';
import { writeState } from '../../../mocks/state/file.ts';
import { Keeper, type KeptStorage } from '../../../mocks/state/keep.ts';

// Save demo, Open demo and keeping across reloads through the browser mock's worker protocol,
// over a real MessageChannel (the structured clone and transfer rules of a Worker).

/** A kept copy in memory, with every write counted. */
class MemoryStorage implements KeptStorage {
  text: string | undefined;
  writes = 0;
  async read() {
    return this.text;
  }
  async write(text: string) {
    this.writes++;
    this.text = text;
  }
  async clear() {
    this.text = undefined;
  }
}

function channel(storage: KeptStorage | null = null) {
  const redcap = createMockRedcap({ lazyProjects: LARGE_PROJECTS });
  const keeper = storage && new Keeper(storage, () => writeState(redcap.store));
  return { ...mockChannel(redcap, keeper), keeper };
}

function post(fields: Record<string, string>) {
  return {
    method: 'POST',
    url: 'http://127.0.0.1/__redcap_mock__/api/',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(
      new URLSearchParams({ token: ALICE_TOKEN, format: 'json', ...fields }).toString(),
    ),
  };
}

const IMPORT = {
  content: 'record',
  data: JSON.stringify([{ record_id: '77', first_name: 'Kept' }]),
};

async function firstName(client: ReturnType<typeof channel>['client'], record: string) {
  const answer = await client.handle(
    post({ content: 'record', records: record, fields: 'first_name' }),
  );
  const body = answer.body;
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  return JSON.parse(text) as { first_name: string }[];
}

describe('Save demo and Open demo through the worker', () => {
  it('moves the whole state from one mock to another', async () => {
    const from = channel();
    await from.client.handle(post(IMPORT));
    const saved = await from.client.saveState();
    if (!saved.ok) throw new Error(saved.message);
    expect(saved.bytes.byteLength).toBeGreaterThan(1000);

    const to = channel();
    const opened = await to.client.openState(saved.bytes);
    expect(opened.ok).toBe(true);
    expect(to.redcap.store.data).toEqual(from.redcap.store.data);
    expect(await firstName(to.client, '77')).toEqual([{ first_name: 'Kept' }]);
    if (!opened.ok) return;
    expect(opened.description.projects.map((p) => p.slug)).toEqual([
      'classic-demo',
      'longitudinal-demo',
      'production-demo',
      'large-1k',
      'large-10k',
      'large-100k',
    ]);
    // What each token may do, read from the opened data, for the chooser.
    expect(new Map(opened.access).get(ALICE_TOKEN)?.short).toBe('full rights');
  });

  it('refuses a bad file with why, and the mock keeps its state and answers as before', async () => {
    const { client, redcap } = channel();
    await client.handle(post(IMPORT));
    const before = structuredClone(redcap.store.data);
    const bytes = new TextEncoder().encode('{"format":"redcap-api-playground/mock-state",');
    expect(await client.openState(bytes)).toEqual({
      ok: false,
      message: expect.stringMatching(/^The demo file is not complete JSON/) as unknown as string,
    });
    expect(redcap.store.data).toEqual(before);
    expect(await firstName(client, '77')).toEqual([{ first_name: 'Kept' }]);
  });
});

describe('keeping the mock’s data across reloads', () => {
  it('is off by default: nothing is written, and a new mock starts from the seed', async () => {
    const storage = new MemoryStorage();
    const first = channel(storage);
    expect(await first.client.restoreKept()).toEqual({ on: false, problem: null });
    await first.client.handle(post(IMPORT));
    await first.keeper!.idle();
    expect(storage.writes).toBe(0);
    const second = channel(storage);
    expect(await second.client.restoreKept()).toEqual({ on: false, problem: null });
    expect(await firstName(second.client, '77')).toEqual([]);
  });

  it('when on, a reload (a new mock on the same storage) finds the data as it was', async () => {
    const storage = new MemoryStorage();
    const first = channel(storage);
    await first.client.restoreKept();
    expect(await first.client.keepState(true)).toEqual({ on: true, problem: null });
    expect(storage.text).toBeDefined();
    await first.client.handle(post(IMPORT));
    await first.keeper!.idle();

    const second = channel(storage);
    expect(await second.client.restoreKept()).toEqual({ on: true, problem: null });
    expect(second.redcap.store.data).toEqual(first.redcap.store.data);
    expect(await firstName(second.client, '77')).toEqual([{ first_name: 'Kept' }]);
  });

  it('turned off, deletes the kept copy: the next mock starts from the seed', async () => {
    const storage = new MemoryStorage();
    const first = channel(storage);
    await first.client.keepState(true);
    await first.client.handle(post(IMPORT));
    expect(await first.client.keepState(false)).toEqual({ on: false, problem: null });
    expect(storage.text).toBeUndefined();
    await first.client.handle(post(IMPORT));
    await first.keeper!.idle();
    expect(storage.text).toBeUndefined();
    const second = channel(storage);
    expect((await second.client.restoreKept()).on).toBe(false);
    expect(second.redcap.store.data).toEqual(seedData());
  });

  it('keeps an opened demo and a reset too', async () => {
    const storage = new MemoryStorage();
    const source = channel();
    await source.client.handle(post(IMPORT));
    const saved = await source.client.saveState();
    if (!saved.ok) throw new Error(saved.message);
    const { client, keeper } = channel(storage);
    await client.keepState(true);
    await client.openState(saved.bytes);
    await keeper!.idle();
    expect(storage.text).toContain('"Kept"');
    await client.reset();
    await keeper!.idle();
    expect(storage.text).not.toContain('"Kept"');
  });

  it('writes once after a burst of changes, not once per change', async () => {
    const storage = new MemoryStorage();
    const { client, keeper } = channel(storage);
    await client.keepState(true);
    const writes = storage.writes;
    await Promise.all([1, 2, 3, 4, 5].map(() => client.handle(post(IMPORT))));
    await keeper!.idle();
    expect(storage.writes - writes).toBeLessThanOrEqual(2);
    expect(storage.writes - writes).toBeGreaterThanOrEqual(1);
  });

  it('a kept copy that cannot be read is said, and the mock runs on its seed', async () => {
    const storage = new MemoryStorage();
    storage.text = '{"format":"redcap-api-playground/mock-state","version":0}';
    const { client, redcap } = channel(storage);
    expect(await client.restoreKept()).toEqual({
      on: true,
      problem: 'The demo file is of version 0; this playground reads version 1.',
    });
    expect(redcap.store.data).toEqual(seedData());
  });

  it('tells why the last write failed, until a write succeeds', async () => {
    const storage = new MemoryStorage();
    const redcap = createMockRedcap();
    let tooLarge = false;
    const keeper = new Keeper(storage, () =>
      tooLarge ? { ok: false, message: 'too large' } : writeState(redcap.store),
    );
    const { client } = mockChannel(redcap, keeper);
    await client.keepState(true);
    expect(await client.keptState()).toEqual({ on: true, problem: null });
    tooLarge = true;
    await client.handle(post(IMPORT));
    await keeper.idle();
    expect(await client.keptState()).toEqual({ on: true, problem: 'too large' });
    expect(storage.text).not.toContain('"Kept"');
    tooLarge = false;
    await client.handle(post(IMPORT));
    await keeper.idle();
    expect(await client.keptState()).toEqual({ on: true, problem: null });
    expect(storage.text).toContain('"Kept"');
  });

  it('without IndexedDB, says that it cannot keep', async () => {
    const { client } = channel(null);
    expect(await client.keepState(true)).toEqual({
      on: false,
      problem: 'This browser gives the mock no IndexedDB, so its data cannot be kept.',
    });
  });
});
