import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../mocks/store/errors.ts';
import { formNames } from '../../../mocks/store/dictionary.ts';
import {
  deleteRecordFile,
  exportRecordFile,
  fileTarget,
  importRecordFile,
} from '../../../mocks/store/files.ts';
import { eventsOf, formsOfEvent } from '../../../mocks/store/longitudinal.ts';
import { filterLog } from '../../../mocks/store/logging.ts';
import { pdfEvent, pdfRecord } from '../../../mocks/store/pdf.ts';
import { findRecord } from '../../../mocks/store/records.ts';
import { openReport } from '../../../mocks/store/reports.ts';
import { surveyEvent } from '../../../mocks/store/surveys.ts';
import type { LogRow, ProjectData, ProjectUser } from '../../../mocks/store/types.ts';
import { classicProject, longitudinalProject } from './fixtures.ts';

/**
 * The rules issue #20 took out of the routes (logging filters, report access, the order of the
 * file and PDF checks, a survey's event), each on the store's data alone: no HTTP, no format,
 * no parameter parsing.
 */

/** The status and text of the refusal `run` throws, or null. */
function refusal(run: () => unknown): [number, string] | null {
  try {
    run();
  } catch (e) {
    if (e instanceof ApiError) return [e.status, e.message];
    throw e;
  }
  return null;
}

function user(project: ProjectData, name = 'alice'): ProjectUser {
  return project.users.find((u) => u.username === name)!;
}

/** A copy of alice with every instrument's export right at "No Access". */
function noExport(project: ProjectData): ProjectUser {
  const alice = user(project);
  const forms_export = Object.fromEntries(formNames(project).map((f) => [f, 0]));
  return { ...alice, rights: { ...alice.rights, forms_export } };
}

describe('filterLog (Export Logging, §2.18)', () => {
  const row = (timestamp: string, action: string, record = '', username = 'alice'): LogRow => ({
    timestamp,
    username,
    action,
    details: '',
    record,
  });
  function project(): ProjectData {
    const p = classicProject();
    p.log = [
      row('2024-01-01 10:00:00', 'Manage/Design ', '', 'alice'),
      row('2024-01-02 10:00:00', 'Create record 1', '1', 'bob'),
      row('2024-01-03 10:00:00', 'Update record 2', '2', 'alice'),
      row('2024-01-04 10:00:00', 'Delete record 3', '3', 'alice'),
      row('2024-01-05 10:00:00', 'Data Export ', '', 'carol'),
      row('2024-01-06 10:00:00', 'Rename Record 4', '4', 'alice'),
    ];
    return p;
  }
  const none = { type: '', user: '', record: '', dag: '', begin: null, end: null } as const;
  const times = (rows: LogRow[]) => rows.map((r) => r.timestamp.slice(8, 10));

  it.each([
    ['nothing: every row, newest first', {}, ['06', '05', '04', '03', '02', '01']],
    ['record: add, edit and delete', { type: 'record' }, ['06', '04', '03', '02']],
    ['record_add', { type: 'record_add' }, ['02']],
    ['record_edit (a rename is an edit)', { type: 'record_edit' }, ['06', '03']],
    ['record_delete', { type: 'record_delete' }, ['04']],
    ['export', { type: 'export' }, ['05']],
    ['manage', { type: 'manage' }, ['01']],
    ['user', { user: 'bob' }, ['02']],
    ['record', { record: '2' }, ['03']],
    ['begin, inclusive', { begin: '2024-01-05 10:00:00' }, ['06', '05']],
    ['end, inclusive', { end: '2024-01-02 10:00:00' }, ['02', '01']],
    ['begin and end', { begin: '2024-01-03 00:00:00', end: '2024-01-04 23:59:59' }, ['04', '03']],
    ['kind and user together', { type: 'record', user: 'alice' }, ['06', '04', '03']],
  ] as const)('%s', (_, filter, expected) => {
    expect(times(filterLog(project(), { ...none, ...filter }))).toEqual(expected);
  });

  it("dag keeps the rows of that DAG's records only", () => {
    const p = project();
    for (const r of p.records) r.dag = r.id === '2' || r.id === '4' ? 'north' : '';
    expect(times(filterLog(p, { ...none, dag: 'north' }))).toEqual(['06', '03']);
    expect(filterLog(p, { ...none, dag: 'nowhere' })).toEqual([]);
  });

  it('does not reorder the stored log', () => {
    const p = project();
    filterLog(p, none);
    expect(times(p.log)).toEqual(['01', '02', '03', '04', '05', '06']);
  });
});

describe('openReport (Export Reports, §2.20): refusals in order', () => {
  it('opens a report the user may see', () => {
    const p = classicProject();
    expect(openReport(p, user(p), '2').title).toBe('Smokers: weight, BMI and symptoms');
    expect(openReport(p, user(p, 'bob'), '2').report_id).toBe(2);
  });

  it.each([
    ['no id', '', [400, "The parameter 'report_id' is missing"]],
    [
      'an id of no report',
      '9',
      [403, 'The API request cannot complete because report_id=9 does not belong to this project.'],
    ],
    [
      'not a number',
      '1a',
      [
        403,
        'The API request cannot complete because report_id=1a does not belong to this project.',
      ],
    ],
  ] as const)('%s', (_, id, expected) => {
    const p = classicProject();
    expect(refusal(() => openReport(p, user(p), id))).toEqual(expected);
  });

  it("a report whose user access leaves the user out, before the user's export rights", () => {
    const p = classicProject();
    const dave = noExport(p);
    const outside = { ...dave, username: 'dave' };
    expect(refusal(() => openReport(p, outside, '2'))).toEqual([
      403,
      'The API request cannot complete because you do not have access to report_id=2.',
    ]);
    expect(refusal(() => openReport(p, dave, '2'))?.[1]).toMatch(/"No Access" data export/);
  });
});

describe('file checks (Export, Import, Delete a File, §2.16): in the order of REDCap', () => {
  const upload = { name: 'x.txt', type: 'text/plain', bytes: new Uint8Array([120]) };
  const target = (p: ProjectData, record: string, field: string, event = '') =>
    fileTarget(p, record, field, 1, event);

  it.each([
    ['a missing record before a wrong field', '99', 'first_name', 'The record "99" does not exist'],
    [
      'a field that is not a file field',
      '1',
      'first_name',
      "The field 'first_name' does not exist or is not a 'file' field",
    ],
    [
      'a field the project lacks',
      '1',
      'nope',
      "The field 'nope' does not exist or is not a 'file' field",
    ],
    [
      'a record with no file there',
      '3',
      'consent_file',
      'There is no file to download for this record',
    ],
  ])('export: %s', (_, record, field, text) => {
    const p = classicProject();
    expect(refusal(() => exportRecordFile(p, target(p, record, field)))).toEqual([400, text]);
  });

  it('export, import and delete of the same file', () => {
    const p = classicProject();
    expect(exportRecordFile(p, target(p, '1', 'consent_file')).name).toBe('consent-1.txt');
    const docId = importRecordFile(p, target(p, '3', 'consent_file'), upload);
    expect(exportRecordFile(p, target(p, '3', 'consent_file')).doc_id).toBe(docId);
    deleteRecordFile(p, target(p, '3', 'consent_file'));
    expect(refusal(() => deleteRecordFile(p, target(p, '3', 'consent_file')))).toEqual([
      400,
      'There is no file to delete for this record',
    ]);
    expect(refusal(() => deleteRecordFile(p, target(p, '77', 'nope')))).toEqual([
      400,
      "The record '77' does not exist",
    ]);
  });

  it('import: a missing record, then the field, then a signature field', () => {
    const p = classicProject();
    expect(refusal(() => importRecordFile(p, target(p, '77', 'nope'), upload))).toEqual([
      400,
      "The record '77' does not exist. It must exist to upload a file",
    ]);
    expect(refusal(() => importRecordFile(p, target(p, '1', 'first_name'), upload))?.[1]).toBe(
      "The field 'first_name' does not exist or is not a 'file' field",
    );
    const field = p.metadata.find((m) => m.field_name === 'consent_file')!;
    field.text_validation_type_or_show_slider_number = 'signature';
    expect(refusal(() => importRecordFile(p, target(p, '1', 'consent_file'), upload))?.[1]).toMatch(
      /^The field 'consent_file' is a signature field, which cannot be imported/,
    );
    expect(exportRecordFile(p, target(p, '1', 'consent_file')).name).toBe('consent-1.txt');
  });

  it('longitudinal: an unknown event, and a form not designated on the event, change nothing', () => {
    const p = longitudinalProject();
    const form = formNames(p)[0]!;
    p.metadata.push({
      ...p.metadata.find((m) => m.form_name === form && m.field_type === 'text')!,
      field_name: 'scan',
      field_type: 'file',
      text_validation_type_or_show_slider_number: '',
    });
    const record = p.records[0]!.id;
    const bad = 'The value of the parameter "event" is not valid';
    expect(refusal(() => importRecordFile(p, target(p, record, 'scan', 'nope'), upload))).toEqual([
      400,
      bad,
    ]);
    const elsewhere = eventsOf(p).find((e) => !formsOfEvent(p, e.unique_event_name).includes(form));
    expect(elsewhere).toBeDefined();
    const before = structuredClone(findRecord(p, record));
    expect(
      refusal(() =>
        importRecordFile(p, target(p, record, 'scan', elsewhere!.unique_event_name), upload),
      ),
    ).toEqual([400, bad]);
    expect(findRecord(p, record)).toEqual(before);
    const on = eventsOf(p).find((e) => formsOfEvent(p, e.unique_event_name).includes(form))!;
    expect(
      importRecordFile(p, target(p, record, 'scan', on.unique_event_name), upload),
    ).toBeGreaterThan(0);
  });
});

describe('surveyEvent (§2.22)', () => {
  it('is ignored in a classic project', () => {
    expect(surveyEvent(classicProject(), 'anything', 'health', true)).toBe('');
  });

  it('is required, must exist, and (for links and codes) be designated for the form', () => {
    const p = longitudinalProject();
    const form = formNames(p)[0]!;
    const on = eventsOf(p).find((e) => formsOfEvent(p, e.unique_event_name).includes(form))!;
    const off = eventsOf(p).find((e) => !formsOfEvent(p, e.unique_event_name).includes(form))!;
    expect(refusal(() => surveyEvent(p, '', form, true))).toEqual([
      400,
      "The parameter 'event' is missing",
    ]);
    expect(refusal(() => surveyEvent(p, 'nope', form, false))).toEqual([400, 'Invalid event']);
    expect(refusal(() => surveyEvent(p, off.unique_event_name, form, true))).toEqual([
      400,
      `The instrument "${form}" has not been designated for the event "${off.unique_event_name}"`,
    ]);
    expect(surveyEvent(p, off.unique_event_name, form, false)).toBe(off.unique_event_name);
    expect(surveyEvent(p, on.unique_event_name, form, true)).toBe(on.unique_event_name);
  });
});

describe('pdfRecord and pdfEvent (Export PDF, §2.11): refusals in order', () => {
  it('export rights first, then the instrument, then the record', () => {
    const p = classicProject();
    expect(refusal(() => pdfRecord(p, noExport(p), 'nope', '99'))?.[0]).toBe(403);
    expect(refusal(() => pdfRecord(p, user(p), 'nope', '99'))).toEqual([400, 'Invalid instrument']);
    expect(refusal(() => pdfRecord(p, user(p), 'visit', '99'))).toEqual([
      400,
      "The record '99' does not exist",
    ]);
    expect(pdfRecord(p, user(p), '', '')).toBeUndefined();
    expect(pdfRecord(p, user(p), 'visit', '1')?.id).toBe('1');
  });

  it('an event must be one of the project', () => {
    const p = longitudinalProject();
    const first = eventsOf(p)[0]!;
    expect(pdfEvent(p, '')).toBeUndefined();
    expect(pdfEvent(p, first.unique_event_name)).toBe(first);
    expect(refusal(() => pdfEvent(p, 'nope'))).toEqual([400, 'Invalid event']);
  });
});
