import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/lib/csv/csv.ts';
import { DICTIONARY_COLUMNS } from '../../src/lib/methods/dictionary.ts';
import { readDictionaryCsv, writeDictionaryCsv } from '../../mocks/project/dictionary-file.ts';
import {
  inspectProjectFile,
  loadedProjectToken,
  loadProjectFile,
  MAX_PROJECT_FILE_BYTES,
  type LoadedProject,
} from '../../mocks/project/load.ts';
import { ProjectFileError } from '../../mocks/project/dictionary-file.ts';
import { readOdmProject } from '../../mocks/odm/read.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import type { MetadataRow } from '../../mocks/store/types.ts';
import { exportJson, post, storeSnapshot } from './odm-support.ts';

/**
 * Loading a dictionary or a project XML into the mock (issue #24 items 1 and 5): the new
 * project's users and tokens, the exact round trips, and bad input refused with nothing left.
 */

const DICT = new URL('../fixtures/dictionary/', import.meta.url);
const XML = new URL('../fixtures/project-xml/', import.meta.url);
const ODM = new URL('../fixtures/odm/', import.meta.url);
const bytes = (url: URL) => new Uint8Array(readFileSync(url));
const file = (name: string, base = DICT) => ({ name, bytes: bytes(new URL(name, base)) });

function load(redcap: MockRedcap, name: string, base = DICT, records = 0): LoadedProject {
  return loadProjectFile(redcap.store, file(name, base), { records, seed: 7 });
}

function refusal(run: () => unknown): ProjectFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof ProjectFileError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('loadProjectFile: a new project with the demo users', () => {
  it('adds a project with alice (full rights), bob, carol, dave and erin on fixed tokens', async () => {
    const redcap = createMockRedcap();
    const before = redcap.store.projects.length;
    const loaded = load(redcap, 'every-field-type.csv', DICT, 3);
    expect(redcap.store.projects).toHaveLength(before + 1);
    const project = redcap.store.project(loaded.slug)!;
    expect(project.info.project_title).toBe('every-field-type');
    expect(loaded.users.map((u) => u.username)).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
    for (const user of loaded.users) {
      expect(user.token).toBe(loadedProjectToken(user.username, 1));
      expect(user.token).toMatch(/^[0-9A-F]{32}$/);
    }
    expect(loaded.users[0]!.token).toBe('A11CED1C700000000000000000000001');
    // The next loaded project: the next tokens.
    const next = load(redcap, 'older-header.csv');
    expect(next.users[0]!.token).toBe('A11CED1C700000000000000000000002');
    const tokens = new Set(redcap.tokens().map((t) => t.token));
    expect(tokens.size).toBe(redcap.tokens().length);
    const [alice, bob, carol, dave, erin] = loaded.users.map((u) => u.token);
    // Full rights: alice may import and delete.
    expect((await post(redcap, { token: alice!, content: 'user', format: 'json' })).status).toBe(
      200,
    );
    // bob: export only.
    const bobImport = await post(redcap, {
      token: bob!,
      content: 'record',
      format: 'json',
      data: '[{"record_id":"99"}]',
    });
    expect(bobImport).toMatchObject({ status: 403 });
    expect(bobImport.text).toBe('{"error":"You do not have API Import/Update privileges"}');
    // carol: no export.
    const carolExport = await post(redcap, { token: carol!, content: 'record', format: 'json' });
    expect(carolExport.text).toBe('{"error":"You do not have API Export privileges"}');
    // dave: sees only his DAG's records.
    const all = (await exportJson(redcap, alice!, 'record', {
      exportDataAccessGroups: 'true',
    })) as { record_id: string; redcap_data_access_group: string }[];
    const daves = (await exportJson(redcap, dave!, 'record')) as { record_id: string }[];
    const inSiteA = new Set(
      all.filter((r) => r.redcap_data_access_group === 'site_a').map((r) => r.record_id),
    );
    expect(new Set(daves.map((r) => r.record_id))).toEqual(inSiteA);
    // erin: expired.
    const erinExport = await post(redcap, { token: erin!, content: 'record', format: 'json' });
    expect(erinExport.status).toBe(403);
    expect(erinExport.text).toMatch(/privileges have expired/);
  });

  it('keeps the loaded project through a reset of the demo data', () => {
    const redcap = createMockRedcap();
    const loaded = load(redcap, 'older-header.csv', DICT, 4);
    const records = JSON.stringify(redcap.store.project(loaded.slug)!.records);
    redcap.store.project(loaded.slug)!.records = [];
    redcap.reset();
    expect(JSON.stringify(redcap.store.project(loaded.slug)!.records)).toBe(records);
  });

  it('says what a file holds before loading it', () => {
    expect(inspectProjectFile(file('every-field-type.csv'))).toEqual({
      kind: 'dictionary',
      title: 'every-field-type',
      fields: 58,
      forms: 3,
      records: 0,
      longitudinal: false,
    });
    expect(inspectProjectFile(file('longitudinal-two-arms.xml', ODM))).toMatchObject({
      kind: 'project-xml',
      longitudinal: true,
    });
    // A project XML is named by its StudyName, entities decoded; without one, by the file.
    const odm = readFileSync(new URL('longitudinal-two-arms.xml', ODM), 'utf8');
    expect(odm).toContain('<StudyName>ODM fixture: two arms</StudyName>');
    const named = (name: string, xml: string) =>
      inspectProjectFile({ name, bytes: new TextEncoder().encode(xml) }).title;
    expect(named('x.xml', odm)).toBe('ODM fixture: two arms');
    const renamed = (studyName: string) =>
      odm.replace('<StudyName>ODM fixture: two arms</StudyName>', studyName);
    expect(named('x.xml', renamed('<StudyName>Drugs &amp; &#x44;oses &lt;2&gt;</StudyName>'))).toBe(
      'Drugs & Doses <2>',
    );
    expect(named('Pilot_Study.xml', renamed('<StudyName>  </StudyName>'))).toBe('Pilot Study');
    expect(
      inspectProjectFile({
        name: 'Clinic_Visits_DataDictionary_2024-05-01.csv',
        bytes: bytes(new URL('older-header.csv', DICT)),
      }).title,
    ).toBe('Clinic Visits');
  });
});

async function exportedDictionary(redcap: MockRedcap, token: string): Promise<MetadataRow[]> {
  return (await exportJson(redcap, token, 'metadata')) as MetadataRow[];
}

describe('round trip: what was loaded is what the mock exports', () => {
  it('dictionary (REDCap header) → mock → Export Metadata → the same file, byte for byte', async () => {
    const redcap = createMockRedcap();
    const loaded = load(redcap, 'every-field-type.csv', DICT, 5);
    const rows = await exportedDictionary(redcap, loaded.users[0]!.token);
    expect(writeDictionaryCsv(rows)).toBe(
      readFileSync(new URL('every-field-type.csv', DICT), 'utf8'),
    );
  });

  it('dictionary (API header) → mock → Export Metadata as CSV → the same file, byte for byte', async () => {
    const redcap = createMockRedcap();
    const loaded = load(redcap, 'api-header.csv');
    const csv = await post(redcap, {
      token: loaded.users[0]!.token,
      content: 'metadata',
      format: 'csv',
    });
    expect(csv.status).toBe(200);
    expect(csv.text).toBe(readFileSync(new URL('api-header.csv', DICT), 'utf8'));
  });

  it('an older dictionary comes back in today’s columns, field for field', async () => {
    const redcap = createMockRedcap();
    const loaded = load(redcap, 'older-header.csv');
    const rows = await exportedDictionary(redcap, loaded.users[0]!.token);
    const text = readFileSync(new URL('older-header.csv', DICT), 'utf8');
    expect(rows).toEqual(readDictionaryCsv(text).rows);
    expect(Object.keys(rows[0]!)).toEqual([...DICTIONARY_COLUMNS]);
    // REDCap 3's field units column is gone, as it is from REDCap itself.
    expect(readCsv(writeDictionaryCsv(rows))[0]).not.toContain('Field Units');
  });

  it('project XML → mock → Export Project XML → the same file (time stamps aside)', async () => {
    const redcap = createMockRedcap({ now: () => new Date('2026-12-07T09:30:00') });
    const original = readFileSync(new URL('clinic-visits.xml', DICT), 'utf8');
    const loaded = load(redcap, 'clinic-visits.xml');
    expect(loaded.records).toBe(3);
    expect(loaded.fake).toBe(false);
    const xml = await post(redcap, {
      token: loaded.users[0]!.token,
      content: 'project_xml',
      exportDataAccessGroups: 'true',
      exportFiles: 'true',
    });
    const stamps = (text: string) =>
      text
        .replace(/(AsOfDateTime|CreationDateTime)="[^"]*"/g, '$1=""')
        .replace(/_\d{4}-\d{2}-\d{2}_\d{4}"/g, '_"');
    expect(stamps(xml.text)).toBe(stamps(original));
  });

  // The other project XML fixtures: every part the mock reads comes back the same. (Three
  // parts the mock does not keep are named in mocks/README.md: survey time stamps and the
  // unchecked boxes of a form a record never saved.)
  const parts = [
    'instruments',
    'metadata',
    'repeating',
    'attributes',
    'longitudinal',
    'arms',
    'events',
    'formEvents',
    'dags',
    'surveys',
    'surveyEmailField',
    'recordDags',
    'files',
  ] as const;
  const fixtures = [
    ...readdirSync(XML).map((name) => ({ name, base: XML })),
    ...readdirSync(ODM).map((name) => ({ name, base: ODM })),
  ];
  it.each(fixtures)('$name: every part the mock reads comes back', async ({ name, base }) => {
    const redcap = createMockRedcap();
    const loaded = load(redcap, name, base);
    const xml = await post(redcap, {
      token: loaded.users[0]!.token,
      content: 'project_xml',
      exportDataAccessGroups: 'true',
      exportFiles: 'true',
    });
    const before = readOdmProject(readFileSync(new URL(name, base), 'utf8'));
    const after = readOdmProject(xml.text);
    for (const part of parts) expect(after[part], part).toEqual(before[part]);
    expect(after.rows.length).toBe(before.rows.length);
  });
});

describe('bad input: a clear refusal, and the mock as it was', () => {
  const cases: [string, { name: string; bytes: Uint8Array }, RegExp][] = [
    [
      'too large',
      { name: 'big.csv', bytes: new Uint8Array(MAX_PROJECT_FILE_BYTES + 1) },
      /^The file "big\.csv" is too large \(50\.0 MB\): the mock loads files up to 50 MB\.$/,
    ],
    ['empty', { name: 'empty.csv', bytes: new Uint8Array() }, /^The file "empty\.csv" is empty\.$/],
    [
      'binary',
      { name: 'scan.pdf', bytes: new Uint8Array([37, 80, 68, 70, 0, 1, 2]) },
      /^The file "scan\.pdf" is not text \(it holds binary bytes\)/,
    ],
    [
      'JSON',
      { name: 'metadata.json', bytes: new TextEncoder().encode('[{"field_name":"x"}]') },
      /^"metadata\.json" is JSON: load a data dictionary \(\.csv/,
    ],
    [
      'XML that is not ODM',
      { name: 'x.xml', bytes: new TextEncoder().encode('<records><item/></records>') },
      /^"x\.xml" is not a REDCap project XML file: its root element is <records>, not <ODM>\.$/,
    ],
    [
      'malformed XML',
      { name: 'x.xml', bytes: new TextEncoder().encode('<ODM>\n  <Study>\n</ODM>') },
      /^Line 3, column \d+: not well-formed XML: /,
    ],
    [
      'a broken dictionary',
      file('broken/invalid-choices.csv'),
      /^Line 3, column 6: The following fields have invalid choices: sex, colour/,
    ],
  ];

  it.each(cases)('%s', (_label, input, message) => {
    const redcap = createMockRedcap();
    const before = storeSnapshot(redcap);
    const error = refusal(() => loadProjectFile(redcap.store, input, { records: 5 }));
    expect(error.message).toMatch(message);
    expect(storeSnapshot(redcap)).toBe(before);
    redcap.reset();
    expect(storeSnapshot(redcap)).toBe(before);
  });

  it('refuses a record count out of range before building anything', () => {
    const redcap = createMockRedcap();
    const before = storeSnapshot(redcap);
    for (const records of [-1, 1.5, 100_001]) {
      expect(
        refusal(() => loadProjectFile(redcap.store, file('older-header.csv'), { records })).message,
      ).toBe('The number of records must be a whole number from 0 to 100000.');
    }
    expect(storeSnapshot(redcap)).toBe(before);
  });

  it('refuses a project XML whose record names a DAG it does not define', () => {
    const redcap = createMockRedcap();
    const before = storeSnapshot(redcap);
    const odm = readFileSync(new URL('dags.xml', ODM), 'utf8').replace(
      'ItemOID="redcap_data_access_group" Value="site_north"',
      'ItemOID="redcap_data_access_group" Value="nowhere"',
    );
    expect(odm).toContain('"nowhere"');
    const error = refusal(() =>
      loadProjectFile(redcap.store, { name: 'dags.xml', bytes: new TextEncoder().encode(odm) }),
    );
    expect(error.message).toMatch(/^The project could not be built: .*"nowhere"/);
    expect(storeSnapshot(redcap)).toBe(before);
  });

  it('takes out a project stopped half way through its records (nothing half-loaded stays)', () => {
    const redcap = createMockRedcap();
    const before = storeSnapshot(redcap);
    const stop = new Error('stopped');
    expect(() =>
      loadProjectFile(redcap.store, file('every-field-type.csv'), {
        records: 600,
        onProgress: (p) => {
          if (p.phase === 'generating' && p.done >= 250) throw stop;
        },
      }),
    ).toThrow(stop);
    expect(storeSnapshot(redcap)).toBe(before);
    redcap.reset();
    expect(storeSnapshot(redcap)).toBe(before);
  });
});
