import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FAKE_FIRST_NAMES,
  FAKE_LAST_NAMES,
  fakeRecords,
  prng,
} from '../../mocks/project/fake-records.ts';
import { loadProjectFile, type LoadedProject } from '../../mocks/project/load.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { compileFilter } from '../../mocks/store/logic.ts';
import type { Cells, DataSlot, ProjectData } from '../../mocks/store/types.ts';
import { post } from './odm-support.ts';

/**
 * Fake records (issue #24 item 2): every value passes the mock's own Import Records, branching
 * logic is honoured, calcs are the evaluator's, dates stay in range and in order, and the same
 * seed gives the same records.
 */

const DICT = new URL('../fixtures/dictionary/', import.meta.url);
const ODM = new URL('../fixtures/odm/', import.meta.url);

/** A loaded project with no records yet: its structure only. */
function empty(
  redcap: MockRedcap,
  name: string,
  base: URL,
): { loaded: LoadedProject; project: ProjectData } {
  const bytes = new Uint8Array(readFileSync(new URL(name, base)));
  const loaded = loadProjectFile(redcap.store, { name, bytes }, { records: 0 });
  const project = redcap.store.project(loaded.slug)!;
  project.records = [];
  return { loaded, project };
}

const toObjects = (rows: readonly Cells[]) => rows.map((cells) => Object.fromEntries(cells));

async function importThroughApi(redcap: MockRedcap, token: string, rows: readonly Cells[]) {
  return post(redcap, {
    token,
    content: 'record',
    format: 'json',
    type: 'flat',
    returnContent: 'count',
    data: JSON.stringify(toObjects(rows)),
  });
}

const STRUCTURES = [
  { name: 'every-field-type.csv', base: DICT },
  { name: 'older-header.csv', base: DICT },
  { name: 'longitudinal-two-arms.xml', base: ODM },
  { name: 'repeating-survey.xml', base: ODM },
  { name: 'classic-every-field-type.xml', base: ODM },
];

describe('fakeRecords: values the mock’s own Import Records takes', () => {
  it.each(STRUCTURES)('$name: 200 records, none refused', async ({ name, base }) => {
    const redcap = createMockRedcap();
    const { loaded, project } = empty(redcap, name, base);
    const made = fakeRecords(project, { records: 200, seed: 'import' });
    const answer = await importThroughApi(redcap, loaded.users[0]!.token, made.rows);
    expect(answer.text).toBe('{"count": 200}');
    expect(answer.status).toBe(200);
    expect(project.records).toHaveLength(200);
  });

  it('is the same for the same seed, and different for another', () => {
    const redcap = createMockRedcap();
    const { project } = empty(redcap, 'every-field-type.csv', DICT);
    const a = fakeRecords(project, { records: 30, seed: 'same' });
    const b = fakeRecords(project, { records: 30, seed: 'same' });
    const c = fakeRecords(project, { records: 30, seed: 'other' });
    expect(b).toEqual(a);
    expect(c.rows).not.toEqual(a.rows);
    // Loading twice with one seed gives the same stored records.
    const one = loadProjectFile(redcap.store, fileOf('every-field-type.csv'), {
      records: 20,
      seed: 3,
    });
    const two = loadProjectFile(redcap.store, fileOf('every-field-type.csv'), {
      records: 20,
      seed: 3,
    });
    expect(redcap.store.project(two.slug)!.records).toEqual(
      redcap.store.project(one.slug)!.records,
    );
  });

  it('draws from its seed only (its generator is the seeded one, not Math.random)', () => {
    const next = prng(42);
    const first = [next(), next(), next()];
    const again = prng(42);
    expect([again(), again(), again()]).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    const original = Math.random;
    Math.random = () => {
      throw new Error('Math.random was called');
    };
    try {
      const redcap = createMockRedcap();
      const { project } = empty(redcap, 'longitudinal-two-arms.xml', ODM);
      expect(fakeRecords(project, { records: 20, seed: 1 }).rows.length).toBeGreaterThan(20);
    } finally {
      Math.random = original;
    }
  });
});

function fileOf(name: string) {
  return { name, bytes: new Uint8Array(readFileSync(new URL(name, DICT))) };
}

describe('fakeRecords: realistic values', () => {
  const redcap = createMockRedcap();
  const loaded = loadProjectFile(redcap.store, fileOf('every-field-type.csv'), {
    records: 300,
    seed: 'realistic',
  });
  const project = redcap.store.project(loaded.slug)!;
  const main = project.records.map((r) => r.slots[0]!.values);

  it('leaves blank every field whose branching logic is false, and fills some where it is true', () => {
    const withLogic = project.metadata.filter((f) => f.branching_logic !== '');
    expect(withLogic.length).toBeGreaterThanOrEqual(4);
    for (const field of withLogic) {
      const shown = compileFilter(field.branching_logic, project);
      let filledWhenShown = 0;
      for (const record of project.records) {
        const slot = record.slots[0]!;
        const value = slot.values[field.field_name] ?? slot.checked[field.field_name];
        if (!shown(slot)) expect(value, `${field.field_name} of ${record.id}`).toBeUndefined();
        else if (value !== undefined) filledWhenShown++;
      }
      if (field.field_type !== 'file') expect(filledWhenShown, field.field_name).toBeGreaterThan(0);
    }
  });

  it('computes calc fields as the logic evaluator does', () => {
    let checked = 0;
    for (const v of main) {
      if (v['height_cm'] === undefined || v['weight_kg'] === undefined) {
        expect(v['bmi']).toBeUndefined();
        continue;
      }
      const bmi = Number(v['weight_kg']) / (Number(v['height_cm']) / 100) ** 2;
      expect(v['bmi']).toBe(String(Math.round(bmi * 10) / 10));
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('keeps numbers and dates within their min and max, with the validation’s decimals', () => {
    for (const v of main) {
      if (v['height_cm'] !== undefined) {
        expect(v['height_cm']).toMatch(/^\d+$/);
        expect(Number(v['height_cm'])).toBeGreaterThanOrEqual(120);
        expect(Number(v['height_cm'])).toBeLessThanOrEqual(210);
      }
      if (v['weight_kg'] !== undefined) expect(v['weight_kg']).toMatch(/^\d+\.\d$/);
      expect(v['dob']! >= '1930-01-01' && v['dob']! <= '2008-12-31').toBe(true);
      expect(v['enrolment_date']! >= '2023-01-01' && v['enrolment_date']! <= '2024-12-31').toBe(
        true,
      );
      if (v['v_number_2dp_comma_decimal'] !== undefined) {
        expect(v['v_number_2dp_comma_decimal']).toMatch(/^\d+,\d\d$/);
      }
    }
  });

  it('puts dates in order: born before enrolment, the visit after it', () => {
    let visits = 0;
    for (const v of main) {
      expect(v['dob']! < v['enrolment_date']!).toBe(true);
      if (v['visit_date'] === undefined) continue;
      expect(v['visit_date'] > v['enrolment_date']!).toBe(true);
      visits++;
    }
    expect(visits).toBeGreaterThan(200);
  });

  it('gives identifiers obviously fake values', () => {
    for (const v of main) {
      expect(FAKE_FIRST_NAMES).toContain(v['first_name']);
      expect(FAKE_LAST_NAMES).toContain(v['last_name']);
      expect(v['email']).toMatch(/^[a-z]+\.[a-z]+\d+@example\.org$/);
      expect(v['phone']).toMatch(/^\(615\) 555-01\d\d$/);
    }
  });

  it('spreads records over the DAGs and none, and choices over their codes', () => {
    const dags = new Set(project.records.map((r) => r.dag));
    expect(dags).toEqual(new Set(['', 'site_a', 'site_b', 'site_c']));
    expect(new Set(main.map((v) => v['site']))).toEqual(new Set(['a', 'b', 'c', undefined]));
    const statuses = new Set(main.map((v) => v['enrolment_complete']));
    expect(statuses).toEqual(new Set(['0', '1', '2']));
  });
});

describe('fakeRecords: events per arm, repeating events and instruments', () => {
  const redcap = createMockRedcap();
  const { project } = empty(redcap, 'longitudinal-two-arms.xml', ODM);
  const made = fakeRecords(project, { records: 60, seed: 'arms' });
  const armOf = new Map((project.events ?? []).map((e) => [e.unique_event_name, e.arm_num]));

  it('puts each record in one arm, on that arm’s events only', () => {
    const byRecord = new Map<string, Set<number>>();
    for (const row of made.rows) {
      const cells = new Map(row);
      const id = cells.get(project.metadata[0]!.field_name)!;
      const arms = byRecord.get(id) ?? new Set();
      arms.add(armOf.get(cells.get('redcap_event_name')!)!);
      byRecord.set(id, arms);
    }
    expect(byRecord.size).toBe(60);
    for (const arms of byRecord.values()) expect(arms.size).toBe(1);
    expect(new Set([...byRecord.values()].map((a) => [...a][0]))).toEqual(new Set([1, 2]));
  });

  it('makes instances of the repeating event and the repeating instrument', () => {
    const instances = (test: (cells: Map<string, string>) => boolean) =>
      new Set(
        made.rows
          .map((row) => new Map(row))
          .filter(test)
          .map((c) => c.get('redcap_repeat_instance')),
      );
    expect(
      instances(
        (c) =>
          c.get('redcap_event_name') === 'visit_arm_1' && c.get('redcap_repeat_instrument') === '',
      ),
    ).toEqual(new Set(['1', '2', '3']));
    expect(
      instances(
        (c) =>
          c.get('redcap_event_name') === 'visit_arm_2' &&
          c.get('redcap_repeat_instrument') === 'visit',
      ),
    ).toEqual(new Set(['1', '2', '3']));
  });

  it('fills a slot for every generated row once imported', () => {
    const imported = createMockRedcap();
    const again = empty(imported, 'longitudinal-two-arms.xml', ODM);
    const rows = fakeRecords(again.project, { records: 60, seed: 'arms' }).rows;
    return importThroughApi(imported, again.loaded.users[0]!.token, rows).then((answer) => {
      expect(answer.text).toBe('{"count": 60}');
      const slots: DataSlot[] = again.project.records.flatMap((r) => r.slots);
      expect(slots.length).toBe(rows.length);
    });
  });
});
