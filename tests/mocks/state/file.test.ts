import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN, seedData } from '../../../mocks/fixtures/index.ts';
import { LARGE_PROJECTS } from '../../../mocks/fixtures/large.ts';
import { createMockRedcap, type MockRedcap } from '../../../mocks/redcap.ts';
import {
  loadState,
  MAX_STATE_BYTES,
  readState,
  readStateBytes,
  writeState,
} from '../../../mocks/state/file.ts';
import { STATE_FORMAT, STATE_VERSION } from '../../../mocks/state/schema.ts';
import {
  addLearner,
  approveRequest,
  pendingRequests,
  requestToken,
  setApiRights,
} from '../../../mocks/store/tokens.ts';
import { LEARNER } from '../../../src/lib/workshop/types.ts';

// Save demo / Open demo's file: the mock's whole state out and back, and every bad file refused
// with words that say what is wrong, the mock's state untouched.

const SMALL_TOKEN = LARGE_PROJECTS[0]!.token;

async function call(
  redcap: MockRedcap,
  fields: Record<string, string>,
  file?: { name: string; type: string; bytes: Uint8Array<ArrayBuffer> },
): Promise<{ status: number; body: Uint8Array; text: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries({ token: ALICE_TOKEN, format: 'json', ...fields })) {
    form.append(k, v);
  }
  if (file) form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
  const request = new Request('http://mock.test/api/', { method: 'POST', body: form });
  const response = await redcap.handle({
    method: 'POST',
    url: request.url,
    headers: { 'content-type': request.headers.get('content-type')! },
    body: new Uint8Array(await request.arrayBuffer()),
  });
  const body =
    typeof response.body === 'string' ? new TextEncoder().encode(response.body) : response.body;
  return { status: response.status, body, text: new TextDecoder().decode(body) };
}

/** Every byte value, twice, and bytes that are not UTF-8. */
const BINARY = new Uint8Array([...Array(512).keys()].map((i) => (i * 7 + 3) % 256));

function saved(redcap: MockRedcap): string {
  const result = writeState(redcap.store);
  if (!result.ok) throw new Error(result.message);
  return result.text;
}

function opened(text: string): MockRedcap {
  const redcap = createMockRedcap({ lazyProjects: LARGE_PROJECTS });
  const result = readState(text);
  if (!result.ok) throw new Error(result.message);
  loadState(redcap.store, result.data);
  return redcap;
}

/** A saved seed as JSON to spoil. */
function seedFile(): { format: string; version: number; data: ReturnType<typeof seedData> } {
  return JSON.parse(saved(createMockRedcap())) as never;
}

describe('a saved demo file', () => {
  it('keeps the token life cycle: requests pending, tokens approved, and what happened', () => {
    const redcap = createMockRedcap();
    const store = redcap.store;
    expect(addLearner(store, 'classic-demo').ok).toBe(true);
    expect(setApiRights(store, 'classic-demo', LEARNER, true).ok).toBe(true);
    expect(requestToken(store, 'classic-demo', LEARNER).ok).toBe(true);
    expect(requestToken(store, 'classic-demo', 'bob').ok).toBe(false); // bob has a token
    const before = structuredClone(store.data.tokenLife);
    let back = opened(saved(redcap));
    expect(back.store.data.tokenLife).toEqual(before);
    expect(pendingRequests(back.store)).toEqual([
      expect.objectContaining({ project: 'classic-demo', username: LEARNER }),
    ]);
    expect(approveRequest(back.store, 'classic-demo', LEARNER).ok).toBe(true);
    back = opened(saved(back));
    const learner = back.store.project('classic-demo')!.users.find((u) => u.username === LEARNER)!;
    expect(learner.token).toMatch(/^[0-9A-F]{32}$/);
    expect(back.store.data.tokenLife!.events.map((e) => e.kind)).toEqual([
      'learner-added',
      'rights-granted',
      'requested',
      'approved',
    ]);
    // A file whose log names an unknown kind is refused.
    const file = JSON.parse(saved(back)) as { data: { tokenLife: { events: { kind: string }[] } } };
    file.data.tokenLife.events[0]!.kind = 'stolen';
    expect(readState(JSON.stringify(file)).ok).toBe(false);
  });

  it('names its format and version and holds the store’s data', () => {
    const text = saved(createMockRedcap());
    const file = JSON.parse(text) as Record<string, unknown>;
    expect(file['format']).toBe(STATE_FORMAT);
    expect(file['version']).toBe(STATE_VERSION);
    expect(readState(text)).toEqual({ ok: true, data: seedData(), unbuilt: [] });
  });

  it('opens to the very data it was saved from, after records, a file and a log', async () => {
    const before = createMockRedcap();
    const imported = await call(before, {
      content: 'record',
      data: JSON.stringify([{ record_id: '90', first_name: 'Zoë' }]),
    });
    expect(imported.text).toBe('{"count": 1}');
    const upload = await call(
      before,
      { content: 'file', action: 'import', record: '90', field: 'consent_file' },
      { name: 'scan.bin', type: 'application/octet-stream', bytes: BINARY },
    );
    expect(upload.status).toBe(200);

    const after = opened(saved(before));
    expect(after.store.data).toEqual(before.store.data);
    expect(after.store.data.projects[0]!.log.at(-1)).toMatchObject({
      action: 'Upload document (API) 90',
    });
    const download = await call(after, {
      content: 'file',
      action: 'export',
      record: '90',
      field: 'consent_file',
    });
    expect(download.status).toBe(200);
    expect([...download.body]).toEqual([...BINARY]);
    const records = await call(after, { content: 'record', records: '90', fields: 'first_name' });
    expect(JSON.parse(records.text)).toEqual([{ first_name: 'Zoë' }]);
  });

  it('stores a file’s bytes as base64, byte for byte', () => {
    const redcap = createMockRedcap();
    const project = redcap.store.data.projects[0]!;
    project.edocs.push({ doc_id: project.nextDocId++, name: 'x.bin', mime: 'x/y', bytes: BINARY });
    const text = saved(redcap);
    const doc = (JSON.parse(text) as ReturnType<typeof seedFile>).data.projects[0]!.edocs.at(-1)!;
    expect(doc.bytes).toBe(Buffer.from(BINARY).toString('base64'));
    const back = opened(text).store.data.projects[0]!.edocs.at(-1)!.bytes;
    expect(back).toBeInstanceOf(Uint8Array);
    expect([...back]).toEqual([...BINARY]);
  });

  it('names the large projects not built yet instead of saving them, and saves a built one', async () => {
    const redcap = createMockRedcap({ lazyProjects: LARGE_PROJECTS });
    const before = JSON.parse(saved(redcap)) as {
      unbuilt: string[];
      data: { projects: { slug: string }[] };
    };
    expect(before.unbuilt).toEqual(['large-1k', 'large-10k', 'large-100k']);
    expect(before.data.projects.map((p) => p.slug)).not.toContain('large-1k');

    const built = await call(redcap, { token: SMALL_TOKEN, content: 'record', records: '1' });
    expect(built.status).toBe(200);
    const text = saved(redcap);
    const after = JSON.parse(text) as typeof before;
    expect(after.unbuilt).toEqual(['large-10k', 'large-100k']);
    expect(after.data.projects.map((p) => p.slug)).toContain('large-1k');
    const reopened = opened(text);
    expect(reopened.store.project('large-1k')).toEqual(redcap.store.project('large-1k'));
    expect(reopened.store.unbuilt().map((l) => l.slug)).toEqual(['large-10k', 'large-100k']);
  });

  it('keeps names from outside in objects without a prototype', () => {
    const data = opened(saved(createMockRedcap())).store.data;
    const slot = data.projects[0]!.records[0]!.slots[0]!;
    expect(Object.getPrototypeOf(slot.values)).toBeNull();
    expect(Object.getPrototypeOf(slot.checked)).toBeNull();
    expect(Object.getPrototypeOf(data.projects[0]!.users[0]!.rights.forms)).toBeNull();
  });
});

describe('opening a bad demo file', () => {
  const refusal = (text: string) => {
    const result = readState(text);
    expect(result.ok).toBe(false);
    return result.ok ? '' : result.message;
  };
  const spoiled = (edit: (file: ReturnType<typeof seedFile>) => void) => {
    const file = seedFile();
    edit(file);
    return JSON.stringify(file);
  };

  it('refuses a file of another version, saying which', () => {
    expect(refusal(spoiled((f) => (f.version = 2)))).toBe(
      'The demo file is of version 2; this playground reads version 1.',
    );
  });

  it('refuses what is not a demo file', () => {
    expect(refusal('[1,2]')).toMatch(/not a saved demo of the API Playground/);
    expect(refusal('{"format":"other"}')).toMatch(/not a saved demo/);
  });

  it('refuses a truncated file', () => {
    const text = saved(createMockRedcap());
    expect(refusal(text.slice(0, text.length / 2))).toMatch(
      /^The demo file is not complete JSON \(/,
    );
    expect(refusal('')).toMatch(/not complete JSON/);
  });

  it('refuses a record that names a field the project does not have', () => {
    const message = refusal(
      spoiled((f) => {
        f.data.projects[0]!.records[1]!.slots[0]!.values['no_such_field'] = 'x';
      }),
    );
    expect(message).toBe(
      `The demo file does not hold together: in project “classic-demo”, the record “${seedData().projects[0]!.records[1]!.id}” has a value for the field “no_such_field”, which is not in the project’s data dictionary.`,
    );
  });

  it('refuses a checkbox value for a field that is no checkbox', () => {
    const message = refusal(
      spoiled((f) => {
        f.data.projects[0]!.records[0]!.slots[0]!.checked['first_name'] = ['1'];
      }),
    );
    expect(message).toMatch(/field “first_name”, which is not in the project’s data dictionary/);
  });

  it('refuses a file larger than the limit before reading it', () => {
    const huge = new Uint8Array(MAX_STATE_BYTES + 1);
    expect(readStateBytes(huge)).toEqual({
      ok: false,
      message: 'The demo file is 64.0 MB; the most a demo file may hold is 64 MB.',
    });
  });

  it('says where the file breaks the schema', () => {
    expect(
      refusal(
        spoiled((f) => {
          (f.data.projects[0]!.records[0]!.slots[0] as { instance: unknown }).instance = '1';
        }),
      ),
    ).toBe(
      'The demo file is malformed: data.projects[0].records[0].slots[0].instance: expected number.',
    );
    expect(refusal(spoiled((f) => Object.assign(f.data.projects[0]!, { extra: 1 })))).toBe(
      'The demo file is malformed: data.projects[0]: unknown key “extra”.',
    );
  });

  it('refuses bytes that are not base64, and a “__proto__” key', () => {
    expect(
      refusal(
        spoiled((f) => {
          (f.data.projects[0]!.edocs[0] as unknown as { bytes: string }).bytes = 'no base64!';
        }),
      ),
    ).toBe('The demo file is malformed: data.projects[0].edocs[0].bytes: not base64 text.');
    const text = saved(createMockRedcap()).replace('"values":{', '"values":{"__proto__":"x",');
    expect(refusal(text)).toBe('The demo file has a “__proto__” key.');
  });

  it('refuses a token shared by two users, and two projects of one id', () => {
    expect(
      refusal(
        spoiled((f) => {
          f.data.projects[1]!.users[0]!.token = f.data.projects[0]!.users[0]!.token;
        }),
      ),
    ).toMatch(/also alice in “classic-demo”’s: a token belongs to one user of one project/);
    expect(refusal(spoiled((f) => (f.data.projects[1]!.slug = f.data.projects[0]!.slug)))).toMatch(
      /two projects are both “classic-demo”/,
    );
  });

  it('refuses a record in an unknown event, data access group or repeating instrument', () => {
    expect(
      refusal(spoiled((f) => (f.data.projects[1]!.records[0]!.slots[0]!.event = 'nope_arm_1'))),
    ).toMatch(/has data on the event “nope_arm_1”, which the project does not have/);
    expect(refusal(spoiled((f) => (f.data.projects[0]!.records[0]!.dag = 'nope')))).toMatch(
      /data access group “nope”, which the project does not have/,
    );
    expect(
      refusal(spoiled((f) => (f.data.projects[0]!.records[0]!.slots[0]!.repeatInstrument = 'x'))),
    ).toMatch(/repeats the instrument “x”/);
  });

  it('never throws, whatever the text', () => {
    for (const text of ['null', '1', '"x"', '{}', '{"format":', '\u0000', '{"a":'.repeat(5000)]) {
      expect(() => readState(text)).not.toThrow();
      expect(readState(text).ok).toBe(false);
    }
  });
});

describe('opening a damaged demo file', () => {
  /** A small deterministic generator (mulberry32): the same damage on every run. */
  function random(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('never throws, and a file it accepts leaves a mock that answers', async () => {
    const text = saved(createMockRedcap());
    const next = random(24);
    const chars = '{}[]",:0 1a-_\\';
    let accepted = 0;
    for (let i = 0; i < 300; i++) {
      const at = Math.floor(next() * text.length);
      const damaged =
        i % 3 === 0
          ? text.slice(0, at)
          : `${text.slice(0, at)}${chars[Math.floor(next() * chars.length)]}${text.slice(at + 1)}`;
      let result: ReturnType<typeof readState> | undefined;
      expect(() => (result = readState(damaged))).not.toThrow();
      if (!result!.ok) {
        expect(result!.message).toMatch(/^(The demo file|This is not a saved demo)/);
        continue;
      }
      accepted++;
      const redcap = createMockRedcap();
      loadState(redcap.store, result!.data);
      for (const content of ['record', 'metadata', 'project', 'user']) {
        const answer = await call(redcap, { content });
        expect([200, 400, 403]).toContain(answer.status);
      }
    }
    // Some damage is harmless (a digit in a label): those files open and work.
    expect(accepted).toBeGreaterThan(0);
  });
});
