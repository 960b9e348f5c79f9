import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ALICE_SUPER_TOKEN, ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { createFromOdm, exportJson, post, storeSnapshot } from './odm-support.ts';
import { lastLog, mockWith, multipart } from './routes-other-support.ts';

/**
 * Create Project (§2.19) edges the first tables left out: the new token never repeats one in
 * use, an `odm` of blanks is no file, a dictionary with problems lists them all, the owner's
 * account, the new project's defaults that only later calls show (file ids, repeating setup,
 * events), and a classic file made longitudinal by the row.
 */

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/project-xml/${name}`, import.meta.url), 'utf8');

const row = (extra: Record<string, string> = {}) =>
  JSON.stringify([{ project_title: 'New', purpose: '0', ...extra }]);

const create = (
  redcap: MockRedcap,
  extra: Record<string, string> = {},
  token = ALICE_SUPER_TOKEN,
) =>
  post(redcap, {
    token,
    content: 'project',
    format: 'json',
    returnFormat: 'json',
    data: row(),
    ...extra,
  });

const bytesOf = (hex: string) => Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Create Project: the new token', () => {
  // The random draw gives a token a user already holds (any case), then a free one.
  it.each([
    ['the same case', ALICE_TOKEN],
    ['lower case', ALICE_TOKEN.toLowerCase()],
  ])('draws again when the first draw is a token in use (%s)', async (_case, taken) => {
    const free = '0123456789ABCDEF0123456789ABCDEF';
    const draws = [bytesOf(taken), bytesOf(free)];
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(
      <T extends ArrayBufferView | null>(array: T): T => {
        (array as unknown as Uint8Array).set(draws.shift() ?? bytesOf(free));
        return array;
      },
    );
    const redcap = createMockRedcap();
    const r = await create(redcap);
    expect([r.status, r.text]).toEqual([200, free]);
    expect(draws).toEqual([]);
    // alice's own token still reaches her own project, not the new one.
    const info = (await exportJson(redcap, ALICE_TOKEN, 'project')) as Record<string, unknown>;
    expect(info.project_id).not.toBe(16);
  });
});

describe('Create Project: odm', () => {
  it.each([' ', '\n\t ', '  \r\n'])(
    'an odm of blanks (%j) is no file: the empty template',
    async (odm) => {
      const redcap = createMockRedcap();
      const r = await create(redcap, { odm });
      expect(r.status, r.text).toBe(200);
      expect(await exportJson(redcap, r.text, 'instrument')).toEqual([
        { instrument_name: 'my_first_instrument', instrument_label: 'My First Instrument' },
      ]);
    },
  );

  it('refuses a file whose dictionary has problems, naming each on its own line', async () => {
    const redcap = createMockRedcap();
    const before = storeSnapshot(redcap);
    const odm = fixture('classic-fields.xml')
      .replace(
        'redcap:Variable="phone" redcap:FieldType="text"',
        'redcap:Variable="phone" redcap:FieldType="text" redcap:CustomAlignment="XX"',
      )
      .replace(
        'redcap:Variable="email" redcap:FieldType="text"',
        'redcap:Variable="email" redcap:FieldType="text" redcap:CustomAlignment="YY"',
      );
    const r = await createFromOdm(redcap, odm);
    expect([r.status, r.contentType, r.text]).toEqual([
      400,
      'application/json; charset=utf-8',
      JSON.stringify({
        error:
          'Row 6 (email): custom_alignment must be LV, LH, RV, RH or blank\n' +
          'Row 7 (phone): custom_alignment must be LV, LH, RV, RH or blank',
      }),
    ]);
    expect(storeSnapshot(redcap)).toBe(before);
  });
});

describe('Create Project: the owner', () => {
  const userRow = (u: Record<string, unknown>) => [
    u.username,
    u.email,
    u.firstname,
    u.lastname,
    u.expiration,
    u.forms,
    u.forms_export,
  ];

  it.each([
    ['alice, a user of other projects', 'alice', ['alice@example.org', 'Alice', 'Example']],
    ['zed, in no project yet', 'zed', ['', '', '']],
  ])('%s: her account as other projects know it', async (_case, username, known) => {
    const superToken = 'F'.repeat(64);
    const redcap = mockWith((seed) => {
      seed.superTokens = [{ username, token: superToken }];
    });
    const r = await create(redcap, {}, superToken);
    expect(r.status, r.text).toBe(200);
    const users = (await exportJson(redcap, r.text, 'user')) as Record<string, unknown>[];
    expect(users.map(userRow)).toEqual([
      [username, ...known, '', { my_first_instrument: 1 }, { my_first_instrument: 1 }],
    ]);
    expect(await exportJson(redcap, r.text, 'userRoleMapping')).toEqual([
      { username, unique_role_name: '', data_access_group: '' },
    ]);
  });

  it('has every instrument of the file in her rights', async () => {
    const redcap = createMockRedcap();
    const r = await createFromOdm(redcap, fixture('classic-fields.xml'));
    expect(r.status, r.text).toBe(200);
    const [user] = (await exportJson(redcap, r.text, 'user')) as Record<string, unknown>[];
    const all = { demographics: 1, health: 1, visit: 1 };
    expect([user!.forms, user!.forms_export]).toEqual([all, all]);
  });
});

describe('Create Project: what later calls see of the new project', () => {
  it('is listed among the tokens as project-<id>', async () => {
    const redcap = createMockRedcap();
    const r = await create(redcap);
    expect(redcap.tokens().filter((t) => t.token === r.text)).toEqual([
      { project: 'project-16', title: 'New', username: 'alice', token: r.text },
    ]);
  });

  it.each([
    ['no project_notes', {}, ''],
    ['blank project_notes', { project_notes: ' ' }, ''],
    ['project_notes', { project_notes: ' Notes ' }, 'Notes'],
  ])('%s', async (_case, extra, notes) => {
    const redcap = createMockRedcap();
    const r = await create(redcap, { data: row(extra) });
    const info = (await exportJson(redcap, r.text, 'project')) as Record<string, unknown>;
    expect(info.project_notes).toBe(notes);
  });

  it('has no repeating instruments or events, and an empty file repository', async () => {
    const redcap = createMockRedcap();
    const r = await create(redcap);
    const get = (fields: Record<string, string>) =>
      post(redcap, { token: r.text, format: 'json', returnFormat: 'json', ...fields });
    expect((await get({ content: 'repeatingFormsEvents' })).text).toBe('[]');
    expect((await get({ content: 'fileRepository', action: 'list' })).text).toBe('[]');
  });

  it('numbers its files after every file id in use (402 after the longitudinal demo 401)', async () => {
    const redcap = createMockRedcap();
    const r = await create(redcap);
    const upload = (name: string) =>
      multipart(redcap, { token: r.text, content: 'fileRepository', action: 'import' }, [
        { name, type: 'text/plain', content: name },
      ]);
    expect((await upload('a.txt')).status).toBe(200);
    expect((await upload('b.txt')).status).toBe(200);
    const list = await post(redcap, {
      token: r.text,
      content: 'fileRepository',
      action: 'list',
      format: 'json',
      returnFormat: 'json',
    });
    expect(JSON.parse(list.text)).toEqual([
      { doc_id: 402, name: 'a.txt' },
      { doc_id: 403, name: 'b.txt' },
    ]);
  });

  it('gives a classic project no event: the next longitudinal one takes the next event id', async () => {
    const redcap = createMockRedcap();
    const longitudinal = () => create(redcap, { data: row({ is_longitudinal: '1' }) });
    const first = await longitudinal();
    const classic = await create(redcap, { data: row({ is_longitudinal: '0' }) });
    const second = await longitudinal();
    const eventId = async (token: string) =>
      ((await exportJson(redcap, token, 'event')) as { event_id: number }[])[0]!.event_id;
    expect((await eventId(second.text)) - (await eventId(first.text))).toBe(1);
    const arms = await post(redcap, {
      token: classic.text,
      content: 'arm',
      format: 'json',
      returnFormat: 'json',
    });
    expect([arms.status, arms.text]).toEqual([
      400,
      JSON.stringify({ error: 'You cannot export arms for classic projects' }),
    ]);
  });

  it('puts a classic file made longitudinal by the row on event 1, repeating setup included', async () => {
    const redcap = createMockRedcap();
    const odm = fixture('classic-fields.xml').replace(
      ' redcap:UniqueEventName="event_1_arm_1"',
      '',
    );
    const r = await createFromOdm(redcap, odm, { data: row({ is_longitudinal: '1' }) });
    expect(r.status, r.text).toBe(200);
    expect(await exportJson(redcap, r.text, 'repeatingFormsEvents')).toEqual([
      { event_name: 'event_1_arm_1', form_name: 'visit', custom_form_label: '[visit_date]' },
    ]);
    expect(await exportJson(redcap, r.text, 'formEventMapping')).toEqual(
      ['demographics', 'health', 'visit'].map((form) => ({
        arm_num: 1,
        unique_event_name: 'event_1_arm_1',
        form,
      })),
    );
  });
});

/** A one-form project XML (`id`, a file field `doc`) with GlobalVariables `globals` and `clinical` data. */
function projectFile(globals: string, clinical = '', events = '') {
  return (
    '<?xml version="1.0" encoding="UTF-8" ?>' +
    '<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" xmlns:redcap="https://projectredcap.org">' +
    `<Study OID="Project.F"><GlobalVariables><StudyName>F</StudyName>${globals}</GlobalVariables>` +
    '<MetaDataVersion OID="M" Name="F">' +
    '<FormDef OID="Form.a" Name="A" redcap:FormName="a"><ItemGroupRef ItemGroupOID="a.g"/></FormDef>' +
    '<ItemGroupDef OID="a.g"><ItemRef ItemOID="id"/><ItemRef ItemOID="doc"/><ItemRef ItemOID="a_complete"/></ItemGroupDef>' +
    `${events}<ItemDef OID="id" redcap:Variable="id" redcap:FieldType="text"/>` +
    '<ItemDef OID="doc" redcap:Variable="doc" redcap:FieldType="file"/>' +
    '<ItemDef OID="a_complete" redcap:Variable="a_complete" redcap:FieldType="select"/>' +
    `</MetaDataVersion></Study><ClinicalData>${clinical}</ClinicalData></ODM>`
  );
}

const DAGS =
  '<redcap:DataAccessGroupsGroup><redcap:DataAccessGroups group_name="Site A"/><redcap:DataAccessGroups group_name="Site B"/></redcap:DataAccessGroupsGroup>';

const subject = (id: string, inner: string, attrs = '') =>
  `<SubjectData SubjectKey="${id}"${attrs}>${inner}</SubjectData>`;
const formData = (items: string) =>
  `<FormData FormOID="Form.a"><ItemGroupData ItemGroupOID="a.g">${items}</ItemGroupData></FormData>`;
const fileItem = (name: string, base64: string) =>
  `<ItemDataBase64Binary ItemOID="doc" redcap:DocName="${name}" redcap:MimeType="text/plain">${base64}</ItemDataBase64Binary>`;

describe('Create Project from a file: ids that later calls continue', () => {
  it('numbers the next file after the two the file brought (404 after 402, 403)', async () => {
    const redcap = createMockRedcap();
    const clinical =
      subject('1', formData(fileItem('a.txt', 'QQ=='))) +
      subject('2', formData(fileItem('b.txt', 'Qg==')));
    const r = await createFromOdm(redcap, projectFile('', clinical));
    expect(r.status, r.text).toBe(200);
    const upload = await multipart(
      redcap,
      { token: r.text, content: 'fileRepository', action: 'import' },
      [{ name: 'c.txt', type: 'text/plain', content: 'C' }],
    );
    expect(upload.status, upload.text).toBe(200);
    const list = await post(redcap, {
      token: r.text,
      content: 'fileRepository',
      action: 'list',
      format: 'json',
      returnFormat: 'json',
    });
    expect(JSON.parse(list.text)).toEqual([{ doc_id: 404, name: 'c.txt' }]);
    for (const [record, text] of [
      ['1', 'A'],
      ['2', 'B'],
    ]) {
      const file = await post(redcap, {
        token: r.text,
        content: 'file',
        action: 'export',
        record: record!,
        field: 'doc',
      });
      expect([file.status, file.text]).toEqual([200, text]);
    }
  });

  it('numbers a DAG imported later after the two the file brought', async () => {
    const redcap = createMockRedcap();
    const r = await createFromOdm(redcap, projectFile(DAGS));
    expect(r.status, r.text).toBe(200);
    const imported = await post(redcap, {
      token: r.text,
      content: 'dag',
      action: 'import',
      format: 'json',
      returnFormat: 'json',
      data: JSON.stringify([{ data_access_group_name: 'Site C', unique_group_name: '' }]),
    });
    expect([imported.status, imported.text]).toEqual([200, '1']);
    const dags = (await exportJson(redcap, r.text, 'dag')) as {
      data_access_group_name: string;
      data_access_group_id: number;
    }[];
    const first = dags[0]!.data_access_group_id;
    expect(dags.map((d) => [d.data_access_group_name, d.data_access_group_id])).toEqual([
      ['Site A', first],
      ['Site B', first + 1],
      ['Site C', first + 2],
    ]);
  });

  it.each([
    ['without a file', ''],
    ['from a file without DAGs', 'file'],
  ])(
    'numbers the first DAG of a project made %s after every DAG id in use (server-wide, as REDCap)',
    async (_case, how) => {
      const redcap = createMockRedcap();
      const inUse = redcap.store.data.projects.flatMap((p) =>
        (p.dags ?? []).map((d) => d.data_access_group_id),
      );
      expect(inUse.length).toBeGreaterThan(0);
      const made =
        how === 'file' ? await createFromOdm(redcap, projectFile('')) : await create(redcap);
      expect(made.status, made.text).toBe(200);
      const importDag = (token: string, name: string) =>
        post(redcap, {
          token,
          content: 'dag',
          action: 'import',
          format: 'json',
          returnFormat: 'json',
          data: JSON.stringify([{ data_access_group_name: name, unique_group_name: '' }]),
        });
      expect((await importDag(made.text, 'X')).text).toBe('1');
      const next = await create(redcap);
      expect((await importDag(next.text, 'Y')).text).toBe('1');
      const idOf = async (token: string) =>
        ((await exportJson(redcap, token, 'dag')) as { data_access_group_id: number }[])[0]!
          .data_access_group_id;
      const first = Math.max(...inUse) + 1;
      expect([await idOf(made.text), await idOf(next.text)]).toEqual([first, first + 1]);
    },
  );

  it('numbers an event imported later after the default event 1', async () => {
    const redcap = createMockRedcap();
    const r = await create(redcap, { data: row({ is_longitudinal: '1' }) });
    const imported = await post(redcap, {
      token: r.text,
      content: 'event',
      action: 'import',
      format: 'json',
      returnFormat: 'json',
      data: JSON.stringify([{ event_name: 'Event 2', arm_num: '1' }]),
    });
    expect([imported.status, imported.text]).toEqual([200, '1']);
    const events = (await exportJson(redcap, r.text, 'event')) as {
      unique_event_name: string;
      event_id: number;
    }[];
    const first = events[0]!.event_id;
    expect(events.map((e) => [e.unique_event_name, e.event_id])).toEqual([
      ['event_1_arm_1', first],
      ['event_2_arm_1', first + 1],
    ]);
  });

  it("numbers a file's events one after the other, and the next project's after them", async () => {
    const redcap = createMockRedcap();
    const odm = fixture('longitudinal-events-fields.xml');
    const first = await createFromOdm(redcap, odm);
    const second = await createFromOdm(redcap, odm);
    expect([first.status, second.status]).toEqual([200, 200]);
    const ids = async (token: string) =>
      ((await exportJson(redcap, token, 'event')) as { event_id: number }[]).map((e) => e.event_id);
    const a = await ids(first.text);
    const b = await ids(second.text);
    expect(a.length).toBeGreaterThan(1);
    const start = a[0]!;
    expect([...a, ...b]).toEqual([...a, ...b].map((_id, i) => start + i));
  });
});

describe('Create Project from a file: record DAGs', () => {
  it('refuses a record in a DAG the file does not define, nothing made', async () => {
    const redcap = createMockRedcap();
    const before = storeSnapshot(redcap);
    const clinical = subject(
      '1',
      formData('<ItemData ItemOID="a_complete" Value="0"/>'),
      ' redcap:DataAccessGroup="site_z"',
    );
    const r = await createFromOdm(redcap, projectFile(DAGS, clinical));
    expect([r.status, r.text]).toEqual([
      400,
      JSON.stringify({
        error:
          'The "odm" of Create Project is not a REDCap project XML file: the record "1" is in the unknown data access group "site_z".',
      }),
    ]);
    expect(storeSnapshot(redcap)).toBe(before);
  });

  it('puts a record in its DAG, and passes over a DAG of a subject without data', async () => {
    const redcap = createMockRedcap();
    const clinical =
      subject(
        '1',
        formData('<ItemData ItemOID="a_complete" Value="0"/>'),
        ' redcap:DataAccessGroup="site_b"',
      ) + subject('2', '', ' redcap:DataAccessGroup="site_a"');
    const r = await createFromOdm(redcap, projectFile(DAGS, clinical));
    expect(r.status, r.text).toBe(200);
    expect(
      await exportJson(redcap, r.text, 'record', { exportDataAccessGroups: 'true', fields: 'id' }),
    ).toEqual([{ id: '1', redcap_data_access_group: 'site_b' }]);
  });
});

describe('Create Project from a file: record values', () => {
  // The file's dates are Y-M-D, as Import Records with dateFormat=YMD takes them.
  it.each([
    ['2020-03-02', 200, '2020-03-02'],
    ['02-03-2020', 400, ''],
    ['02/03/2020', 400, ''],
  ])('a date_ymd value %j', async (value, status, stored) => {
    const redcap = createMockRedcap();
    const odm = projectFile(
      '',
      subject('1', formData(`<ItemData ItemOID="doc" Value="${value}"/>`)),
    ).replace(
      '<ItemDef OID="doc" redcap:Variable="doc" redcap:FieldType="file"/>',
      '<ItemDef OID="doc" redcap:Variable="doc" redcap:FieldType="text" redcap:TextValidationType="date_ymd"/>',
    );
    const before = storeSnapshot(redcap);
    const r = await createFromOdm(redcap, odm);
    expect(r.status, r.text).toBe(status);
    if (status === 200) {
      expect(await exportJson(redcap, r.text, 'record', { fields: 'doc' })).toEqual([
        { doc: stored },
      ]);
    } else {
      expect(JSON.parse(r.text)).toEqual({
        error: `"1","doc","${value}","The value is not a valid date for doc"`,
      });
      expect(storeSnapshot(redcap)).toBe(before);
    }
  });
});

describe('Project information: the log', () => {
  it.each([
    ['Export Project Information', { content: 'project' }, 'Export project information (API)'],
    [
      'Import Project Information',
      { content: 'project_settings', data: JSON.stringify({ project_notes: 'x' }) },
      'Modify project settings (API)',
    ],
  ])('%s logs "Manage/Design " (REDCap\'s trailing blank)', async (_case, extra, details) => {
    const redcap = createMockRedcap();
    const r = await post(redcap, {
      token: ALICE_TOKEN,
      format: 'json',
      returnFormat: 'json',
      ...extra,
    });
    expect(r.status, r.text).toBe(200);
    expect(await lastLog(redcap)).toEqual({
      username: 'alice',
      action: 'Manage/Design ',
      details,
      record: '',
    });
  });

  it('Create Project logs in the new project, on no record', async () => {
    const redcap = createMockRedcap();
    const r = await create(redcap);
    expect(await lastLog(redcap, r.text)).toEqual({
      username: 'alice',
      action: 'Manage/Design',
      details: 'Create project (API)',
      record: '',
    });
  });
});
