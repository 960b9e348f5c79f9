import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRequest } from '../../mocks/redcap.ts';
import { isRedcapError, prng, type Rng } from './redcap-error.ts';

/**
 * Malformed requests from a seeded generator against the core (`createMockRedcap().handle`):
 * never a 500 or a thrown exception; every status ≥ 400 carries a REDCap error body (§1.8) in
 * the Content-Type it announces; a refused request leaves the store exactly as it was.
 */

const COUNT = 2500;
const SEMI_VALID = 1500;
/** Another seed explores further: MOCK_FUZZ_SEED=7 npx vitest run tests/mocks/fuzz.test.ts */
const SEED = Number(process.env['MOCK_FUZZ_SEED'] ?? 0x5eed_2026);

const CONTENTS = [
  'record',
  'metadata',
  'file',
  'fileRepository',
  'repeatingFormsEvents',
  'instrument',
  'event',
  'arm',
  'user',
  'userRole',
  'userRoleMapping',
  'dag',
  'userDagMapping',
  'project',
  'project_settings',
  'project_xml',
  'report',
  'version',
  'pdf',
  'surveyLink',
  'participantList',
  'exportFieldNames',
  'formEventMapping',
  'generateNextRecordName',
  'log',
  'RECORD',
  'nope',
  '',
];
const ACTIONS = [
  'export',
  'import',
  'delete',
  'switch',
  'list',
  'createFolder',
  'rename',
  'randomize',
  'Import',
  'x',
  '',
];
const FORMATS = ['json', 'csv', 'xml', 'odm', 'JSON', 'yaml', ''];
const PARAMS = [
  'records',
  'fields',
  'forms',
  'events',
  'arms',
  'arm',
  'event',
  'instrument',
  'record',
  'field',
  'repeat_instance',
  'type',
  'rawOrLabel',
  'rawOrLabelHeaders',
  'filterLogic',
  'dateRangeBegin',
  'dateRangeEnd',
  'csvDelimiter',
  'decimalCharacter',
  'overwriteBehavior',
  'forceAutoNumber',
  'returnContent',
  'dateFormat',
  'override',
  'new_record_name',
  'allRecords',
  'compactDisplay',
  'logtype',
  'beginTime',
  'endTime',
  'user',
  'dag',
  'dags',
  'users',
  'roles',
  'exportCheckboxLabel',
  'exportBlankForGrayFormStatus',
  'backgroundProcess',
  'playground',
  'zzz_unknown',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
];
const NAMES = [
  'record_id',
  'first_name',
  'symptoms',
  'symptoms___1',
  'visit',
  'demographics',
  'health',
  'baseline_arm_1',
  'unscheduled_arm_1',
  'enrollment',
  'vitals',
  'weight',
  'group',
  'demographics_complete',
  '1',
  '2',
  '24',
  '9999',
  "1'",
  '-1',
  '0',
  'new',
  '1e400',
  'NaN',
];

function weird(r: Rng): string {
  switch (r.int(12)) {
    case 0:
      return '';
    case 1:
      return 'x'.repeat(r.pick([256, 4096, 100_000]));
    case 2:
      return String(r.pick([-1, 0, 1, 2.5, 1e21, Number.MAX_SAFE_INTEGER, -0]));
    case 3:
      return r.pick(['true', 'false', 'TRUE', '1', 'yes', 'null', 'undefined', '[]', '{}']);
    case 4:
      return r.pick([
        '[age] > 30',
        '[x',
        '(((((',
        "[baseline_arm_1][group] = '2'",
        '[a][b][c]',
        '[symptoms] = 1',
        "'unterminated",
      ]);
    case 5:
      return String.fromCharCode(...Array.from({ length: 1 + r.int(20) }, () => r.int(0x10000)));
    case 6:
      return '\u0000\r\n\t"\'<>&]]>\\';
    case 7:
      return r.pick(['2024-13-45', '2024-01-01 25:61', '9999-12-31T23:59:59', '01/02/2024']);
    default:
      return r.pick(NAMES);
  }
}

/** Invalid (and a few valid) `data` payloads in every format. */
function data(r: Rng): string {
  const row = () => {
    const o: Record<string, unknown> = {};
    for (let i = r.int(5); i >= 0; i--) {
      o[
        r.pick([
          ...NAMES,
          'redcap_event_name',
          'redcap_repeat_instance',
          'redcap_repeat_instrument',
          'arm_num',
          'name',
          'event_name',
          'unique_event_name',
          'form',
          'form_name',
          'field_name',
          'value',
          'record',
        ])
      ] = r.pick<unknown>([weird(r), 1, -3.5, true, false, null, [1, 2], { a: 1 }, r.pick(NAMES)]);
    }
    return o;
  };
  switch (r.int(14)) {
    case 0:
      return '[{"record_id":"1",';
    case 1:
      return JSON.stringify(row());
    case 2:
      return JSON.stringify([row(), row(), 'x', 3, null]);
    case 3:
      return JSON.stringify(Array.from({ length: 1 + r.int(4) }, row));
    case 4:
      return '"just a string"';
    case 5:
      return 'record_id,first_name\n1,"unterminated\n2,a,b,c,d';
    case 6:
      return `${r.pick(NAMES)},${r.pick(NAMES)}\n${weird(r)},${weird(r)}\n`;
    case 7:
      return '<?xml version="1.0"?><records><item><record_id>1</record_id>';
    case 8:
      return '<records><item><record_id><![CDATA[1]]></record_id><a><b>x</b></a></item></records>';
    case 9:
      return '<!DOCTYPE x [<!ENTITY e "e">]><records><item><x>&e;&unknown;</x></item></records>';
    case 10:
      return '\uFEFF' + JSON.stringify([row()]);
    case 11:
      return '[' + '['.repeat(5000) + ']'.repeat(5000) + ']';
    case 12:
      return JSON.stringify([{ __proto__: { polluted: 1 }, constructor: 'x', record_id: '1' }]);
    default:
      return weird(r);
  }
}

/** A key, sometimes with PHP bracket abuse. */
function key(r: Rng, name: string): string {
  switch (r.int(9)) {
    case 0:
      return `${name}[]`;
    case 1:
      return `${name}[${r.int(3)}]`;
    case 2:
      return `${name}[][]`;
    case 3:
      return `${name}[a][b]`;
    case 4:
      return `${name}[`;
    case 5:
      return `${name}]`;
    case 6:
      return `${name}[${'9'.repeat(30)}]`;
    default:
      return name;
  }
}

function pairs(r: Rng): [string, string][] {
  const out: [string, string][] = [];
  if (r.chance(0.9)) {
    out.push([
      r.chance(0.95) ? 'token' : key(r, 'token'),
      r.chance(0.9)
        ? r.pick([ALICE_TOKEN, ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN.toLowerCase()])
        : weird(r),
    ]);
  }
  if (r.chance(0.9)) out.push([r.chance(0.9) ? 'content' : key(r, 'content'), r.pick(CONTENTS)]);
  if (r.chance(0.6)) out.push(['action', r.pick(ACTIONS)]);
  if (r.chance(0.7)) out.push(['format', r.pick(FORMATS)]);
  if (r.chance(0.5)) out.push(['returnFormat', r.pick(FORMATS)]);
  if (r.chance(0.5)) out.push([key(r, 'data'), data(r)]);
  for (let i = r.int(6); i > 0; i--) out.push([key(r, r.pick(PARAMS)), weird(r)]);
  return out;
}

function urlencoded(r: Rng, list: [string, string][]): string {
  let body = new URLSearchParams(list).toString();
  if (r.chance(0.15))
    body += r.pick(['&%ZZ=1', '&a=%', '&%E0%A4%A=x', '&&&=', '&records%5B%5D%5B%5D=1', '&=empty']);
  return body;
}

function multipart(r: Rng, list: [string, string][]): { body: Uint8Array; type: string } {
  const boundary = `----fuzz${r.int(1e9)}`;
  let text = '';
  for (const [k, v] of list) {
    text += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  }
  if (r.chance(0.3)) {
    text += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${weird(r).slice(0, 40)}"\r\nContent-Type: text/plain\r\n\r\nhello\r\n`;
  }
  if (!r.chance(0.3)) text += `--${boundary}--\r\n`;
  const type = r.pick([
    `multipart/form-data; boundary=${boundary}`,
    'multipart/form-data',
    'multipart/form-data; boundary=wrong',
    `multipart/form-data; boundary="${boundary}"`,
  ]);
  if (r.chance(0.2)) text = text.slice(0, r.int(text.length));
  return { body: new TextEncoder().encode(text), type };
}

function request(r: Rng): MockRequest {
  const method = r.chance(0.9)
    ? 'POST'
    : r.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'post', 'BREW']);
  const query = r.chance(0.1)
    ? r.pick([
        '?format=json',
        '?returnFormat=csv',
        '?format[]=x',
        '?%ZZ',
        '?format=xml&format=json',
      ])
    : '';
  const url = `http://mock.test/api/${query}`;
  const list = pairs(r);
  const kind = r.int(10);
  if (kind < 6) {
    const raw = urlencoded(r, list);
    const bytes = r.chance(0.05)
      ? new Uint8Array([0xff, 0xfe, 0xc3, 0x28, ...new TextEncoder().encode(raw)])
      : new TextEncoder().encode(raw);
    const type = r.pick([
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded; charset=UTF-8',
      'APPLICATION/X-WWW-FORM-URLENCODED',
    ]);
    return { method, url, headers: { 'Content-Type': type }, body: bytes };
  }
  if (kind < 8) {
    const { body, type } = multipart(r, list);
    return { method, url, headers: { 'content-type': type }, body };
  }
  const type = r.pick([
    'application/json',
    'text/plain',
    'text/xml',
    '',
    'garbage/;;;',
    'application/x-www-form-urlencoded;;boundary',
  ]);
  const body = new TextEncoder().encode(
    r.chance(0.5) ? JSON.stringify(Object.fromEntries(list)) : urlencoded(r, list),
  );
  return { method, url, headers: type === '' ? {} : { 'content-type': type }, body };
}

/** Sends `count` generated requests; returns the problems found and the statuses seen. */
async function run(count: number, seed: number, generate: (r: Rng) => MockRequest) {
  const r = prng(seed);
  const redcap = createMockRedcap();
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  const errorSpy = console.error;
  // A route that throws is logged by the mock; the failure list says it instead.
  console.error = () => {};
  try {
    for (let i = 0; i < count; i++) {
      if (i % 200 === 0) redcap.reset();
      const req = generate(r);
      const before = structuredClone(redcap.store.data.projects);
      let response;
      try {
        response = await redcap.handle(req);
      } catch (error) {
        failures.push(`#${i} threw ${String(error)}: ${describeRequest(req)}`);
        redcap.reset();
        continue;
      }
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const body = typeof response.body === 'string' ? response.body : '(bytes)';
      if (response.status >= 500 && response.status !== 501) {
        failures.push(`#${i} ${response.status} ${body.slice(0, 200)}: ${describeRequest(req)}`);
      }
      if (response.status >= 400) {
        if (!isRedcapError(response.headers['content-type'] ?? '', body)) {
          failures.push(`#${i} not a REDCap error: ${body.slice(0, 200)}: ${describeRequest(req)}`);
        }
        if (!isDeepStrictEqual(before, redcap.store.data.projects)) {
          failures.push(`#${i} a refused request changed the store: ${describeRequest(req)}`);
          redcap.reset();
        }
      }
    }
  } finally {
    console.error = errorSpy;
  }
  return { failures, statuses };
}

/** Writes that get past the gates: right token, content and action; `data` with real names. */
const WRITES: readonly (readonly [string, string])[] = [
  ['record', 'import'],
  ['record', 'delete'],
  ['arm', 'import'],
  ['arm', 'delete'],
  ['event', 'import'],
  ['event', 'delete'],
  ['formEventMapping', 'import'],
  ['repeatingFormsEvents', 'import'],
  ['metadata', 'import'],
  ['project_settings', 'import'],
  ['file', 'import'],
  ['file', 'delete'],
  ['record', 'rename'],
];
const COLUMNS = [
  'record_id',
  'redcap_event_name',
  'redcap_repeat_instrument',
  'redcap_repeat_instance',
  'enroll_date',
  'age',
  'group',
  'weight',
  'symptoms___1',
  'symptoms___9',
  'vitals_complete',
  'ae_serious',
  'first_name',
  'sex',
  'visit_date',
  'arm_num',
  'name',
  'event_name',
  'unique_event_name',
  'custom_event_label',
  'form',
  'form_name',
  'custom_form_label',
  'field_name',
  'value',
  'record',
  'field_type',
  'form_name',
  'project_title',
  'purpose',
];
const VALUES = [
  '',
  '1',
  '2',
  '3',
  '0',
  'new',
  '-1',
  'x',
  'baseline_arm_1',
  'unscheduled_arm_1',
  'final_arm_2',
  'nope_arm_9',
  'vitals',
  'enrollment',
  'visit',
  'demographics',
  '2024-02-30',
  '2024-01-01',
  'Week 4',
  'text',
  '1e3',
  ' 7 ',
  '\u0000',
  'a,b',
  '"q"',
];

/** A valid row per write, mutated in one cell half the time (`:l` longitudinal, `:c` classic). */
const TEMPLATES: Readonly<Record<string, Record<string, string>>> = {
  'record:l': { record_id: '1', redcap_event_name: 'baseline_arm_1', age: '40', weight: '70' },
  'record:c': { record_id: '1', first_name: 'Ada', sex: '0' },
  arm: { arm_num: '3', name: 'Arm C' },
  event: { event_name: 'Week 9', arm_num: '1' },
  formEventMapping: { arm_num: '1', unique_event_name: 'baseline_arm_1', form: 'vitals' },
  'repeatingFormsEvents:l': {
    event_name: 'unscheduled_arm_1',
    form_name: '',
    custom_form_label: '',
  },
  'repeatingFormsEvents:c': { form_name: 'visit', custom_form_label: '' },
  project_settings: { project_title: 'Fuzzed', purpose: '1' },
};

function semiValid(r: Rng): MockRequest {
  const [content, action] = r.pick(WRITES);
  const format = r.pick(['json', 'csv', 'xml']);
  const longitudinal = r.chance(0.7);
  const template = TEMPLATES[`${content}:${longitudinal ? 'l' : 'c'}`] ?? TEMPLATES[content];
  const rows = Array.from({ length: 1 + r.int(4) }, () => {
    if (template && r.chance(0.6)) {
      const row = { ...template };
      if (r.chance(0.5)) row[r.pick(Object.keys(row))] = r.pick(VALUES);
      return row;
    }
    const row: Record<string, string> = {};
    for (let k = 1 + r.int(6); k > 0; k--) row[r.pick(COLUMNS)] = r.pick(VALUES);
    return row;
  });
  let dataText: string;
  if (format === 'json') dataText = JSON.stringify(rows);
  else {
    const names = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    if (format === 'csv') {
      const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      dataText = [names, ...rows.map((row) => names.map((n) => row[n] ?? ''))]
        .map((line) => line.map(cell).join(','))
        .join('\n');
    } else {
      const item = (row: Record<string, string>) =>
        `<item>${Object.entries(row)
          .map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`)
          .join('')}</item>`;
      dataText = `<?xml version="1.0" encoding="UTF-8" ?><records>${rows.map(item).join('')}</records>`;
    }
  }
  const list: [string, string][] = [
    ['token', longitudinal ? ALICE_LONGITUDINAL_TOKEN : ALICE_TOKEN],
    ['content', content],
    ['action', action],
    ['format', format],
    ['returnFormat', r.pick(['json', 'csv', 'xml'])],
    ['data', dataText],
  ];
  if (action === 'delete' || action === 'rename' || content === 'file') {
    list.push(
      ['records[0]', r.pick(['1', '2', '9', '404'])],
      ['arms[0]', r.pick(['1', '2', '9'])],
      ['events[0]', r.pick(['final_arm_2', 'week_4_arm_1', 'nope'])],
      ['record', '1'],
      ['field', 'consent_file'],
      ['new_record_name', r.pick(['500', '2', "5'"])],
    );
  }
  for (let k = r.int(5); k > 0; k--) {
    const name = r.pick([
      'records',
      'arms',
      'events',
      'arm',
      'event',
      'instrument',
      'record',
      'field',
      'repeat_instance',
      'override',
      'type',
      'overwriteBehavior',
      'new_record_name',
      'forceAutoNumber',
      'returnContent',
    ]);
    list.push([r.chance(0.5) ? `${name}[${r.int(2)}]` : name, r.pick(VALUES)]);
  }
  return {
    method: 'POST',
    url: 'http://mock.test/api/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(new URLSearchParams(list).toString()),
  };
}

describe('fuzzing the mock core', () => {
  it(`answers ${COUNT} malformed requests without a 500, a throw or a change when refused`, async () => {
    const { failures, statuses } = await run(COUNT, SEED, request);
    expect(failures.slice(0, 10)).toEqual([]);
    // The generator reaches the routes, not only the gates.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(100);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(500);
  }, 120_000);

  it(`answers ${SEMI_VALID} near-valid writes (real names, bad values) the same way`, async () => {
    const { failures, statuses } = await run(SEMI_VALID, SEED + 1, semiValid);
    expect(failures.slice(0, 10)).toEqual([]);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(80);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(500);
  }, 120_000);
});

function describeRequest(req: MockRequest): string {
  const text = new TextDecoder().decode(req.body);
  return `${req.method} ${JSON.stringify(req.headers)} ${text.slice(0, 300)}`;
}
