import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mockChannel } from './worker-channel.ts';
import type { LoadProgress } from '../../mocks/project/load.ts';

/** "Load your project…" across the page ↔ mock worker channel (a real MessageChannel). */

const channel = () => mockChannel();

const fixture = (name: string): ArrayBuffer => {
  const bytes = readFileSync(new URL(`../fixtures/dictionary/${name}`, import.meta.url));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};

describe('the mock worker loads a project file', () => {
  it('says what a file holds, moving its bytes', async () => {
    const { client } = channel();
    const bytes = fixture('every-field-type.csv');
    const answer = await client.inspectProject('every-field-type.csv', bytes);
    expect(bytes.byteLength).toBe(0);
    expect(answer).toEqual({
      ok: true,
      summary: {
        kind: 'dictionary',
        title: 'every-field-type',
        fields: 58,
        forms: 3,
        records: 0,
        longitudinal: false,
      },
    });
  });

  it('builds the project there, telling its progress, and lists it with its users', async () => {
    const { client } = channel();
    const progress: LoadProgress[] = [];
    const answer = await client.loadProject(
      'every-field-type.csv',
      fixture('every-field-type.csv'),
      { records: 600, seed: 'page' },
      (p) => progress.push(p),
    );
    expect(answer).toMatchObject({ ok: true, records: 600, fake: true });
    if (!answer.ok) return;
    expect(answer.users.map((u) => `${u.username}: ${u.access.short}`)).toEqual([
      'alice: full rights',
      'bob: export only',
      'carol: no API Export',
      'dave: DAG site_a only',
      'erin: rights expired',
    ]);
    const generating = progress.filter((p) => p.phase === 'generating').map((p) => p.done);
    expect(generating).toEqual([250, 500, 600]);
    expect(progress.at(-1)).toMatchObject({ phase: 'importing' });
    const described = await client.describe();
    const listed = described.projects.find((p) => p.slug === answer.project.slug);
    expect(listed?.users.map((u) => u.token)).toEqual(answer.users.map((u) => u.token));
    const response = await client.handle({
      method: 'POST',
      url: 'http://127.0.0.1/__redcap_mock__/api/',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new TextEncoder().encode(
        new URLSearchParams({
          token: answer.users[0]!.token,
          content: 'record',
          format: 'csv',
          fields: 'record_id',
        }).toString(),
      ),
    });
    const body = response.body;
    const csv = typeof body === 'string' ? body : new TextDecoder().decode(body);
    expect(csv.trim().split('\n')).toHaveLength(601);
  });

  it('answers a refused file with its problems, and the mock keeps what it had', async () => {
    const { client, redcap } = channel();
    const before = redcap.store.projects.length;
    const answer = await client.loadProject(
      'invalid-choices.csv',
      fixture('broken/invalid-choices.csv'),
      { records: 10, seed: '1' },
      () => {},
    );
    expect(answer).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Line 3, column 6: The following fields have invalid choices: sex, colour/,
      ) as unknown,
    });
    expect(redcap.store.projects).toHaveLength(before);
    const inspected = await client.inspectProject('x.json', new TextEncoder().encode('{}').buffer);
    expect(inspected).toMatchObject({ ok: false, message: expect.stringMatching(/is JSON/) });
  });
});
