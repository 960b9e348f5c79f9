import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, seedData } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import type { MetadataRow } from '../../mocks/store/types.ts';

/**
 * Import, Export and Delete a File (§2.16) and Export PDF (§2.11) on a longitudinal project
 * (issue #17, item 4): a file lives in the slot of its `event` (and `repeat_instance`), a missing
 * or unknown event is a 400, and a PDF with `event` (and `instrument`) shows only that event.
 *
 * The demo has no file field: this seed adds `scan` to vitals (on both baselines, week 4, the
 * repeating unscheduled event and final) and `ae_photo` to adverse_events, which it makes repeat
 * on week_4_arm_1.
 */
function seeded(): MockRedcap {
  const seed = seedData();
  const project = seed.projects.find((p) => p.slug === 'longitudinal-demo')!;
  const like = (name: string) => project.metadata.find((f) => f.field_name === name)!;
  const fileField = (base: MetadataRow, name: string, label: string): MetadataRow => ({
    ...base,
    field_name: name,
    field_type: 'file',
    field_label: label,
    select_choices_or_calculations: '',
    text_validation_type_or_show_slider_number: '',
    section_header: '',
  });
  const at = (name: string) => project.metadata.indexOf(like(name)) + 1;
  project.metadata.splice(at('symptoms'), 0, fileField(like('symptoms'), 'scan', 'Scan'));
  project.metadata.splice(at('ae_serious'), 0, fileField(like('ae_serious'), 'ae_photo', 'Photo'));
  project.repeating.push({
    event_name: 'week_4_arm_1',
    form_name: 'adverse_events',
    custom_form_label: '',
  });
  // Adverse events already on week 4 (records 1 and 6) become instance 1 there.
  for (const record of project.records) {
    for (const slot of record.slots.filter((s) => s.event === 'week_4_arm_1')) {
      const ae = ['ae_description', 'ae_serious', 'adverse_events_complete'];
      if (slot.values['ae_description'] === undefined) continue;
      const values = Object.fromEntries(ae.map((k) => [k, slot.values[k]!]));
      for (const k of ae) delete slot.values[k];
      record.slots.push({
        event: 'week_4_arm_1',
        repeatInstrument: 'adverse_events',
        instance: 1,
        values,
        checked: {},
      });
    }
  }
  return createMockRedcap({ seed });
}

interface Answer {
  status: number;
  text: string;
}

async function send(redcap: MockRedcap, body: Uint8Array, contentType: string): Promise<Answer> {
  const response = await redcap.handle({
    method: 'POST',
    url: 'http://mock.test/api/',
    headers: { 'content-type': contentType },
    body,
  });
  const raw = response.body;
  const text = typeof raw === 'string' ? raw : new TextDecoder('latin1').decode(raw);
  return { status: response.status, text };
}

function post(redcap: MockRedcap, fields: Record<string, string>): Promise<Answer> {
  const params = new URLSearchParams({
    token: ALICE_LONGITUDINAL_TOKEN,
    format: 'json',
    returnFormat: 'json',
    ...fields,
  });
  return send(
    redcap,
    new TextEncoder().encode(params.toString()),
    'application/x-www-form-urlencoded',
  );
}

async function upload(
  redcap: MockRedcap,
  fields: Record<string, string>,
  content: string,
): Promise<Answer> {
  const form = new FormData();
  const all = { token: ALICE_LONGITUDINAL_TOKEN, returnFormat: 'json', content: 'file' };
  for (const [k, v] of Object.entries({ ...all, action: 'import', ...fields })) form.append(k, v);
  form.append('file', new Blob([content], { type: 'text/plain' }), `${content}.txt`);
  const request = new Request('http://mock.test/api/', { method: 'POST', body: form });
  const bytes = new Uint8Array(await request.arrayBuffer());
  return send(redcap, bytes, request.headers.get('content-type')!);
}

const exportFile = (redcap: MockRedcap, fields: Record<string, string>) =>
  post(redcap, { content: 'file', action: 'export', ...fields });
const deleteFile = (redcap: MockRedcap, fields: Record<string, string>) =>
  post(redcap, { content: 'file', action: 'delete', ...fields });

type Row = Record<string, string | number>;

/** Per exported row of the record: `event#repeat instrument#instance: field value`. */
async function valuesOf(
  redcap: MockRedcap,
  record: string,
  field: string,
  extra: Record<string, string> = {},
): Promise<string[]> {
  const r = await post(redcap, {
    content: 'record',
    action: 'export',
    'records[0]': record,
    ...extra,
  });
  expect(r.status).toBe(200);
  return (JSON.parse(r.text) as Row[])
    .filter((row) => row[field] !== '' && row[field] !== undefined)
    .map(
      (row) =>
        `${row['redcap_event_name']}#${row['redcap_repeat_instrument']}#${row['redcap_repeat_instance']}: ${row[field]}`,
    );
}

const BAD_EVENT = '{"error":"The value of the parameter \\"event\\" is not valid"}';

describe('Files on a longitudinal project (§2.16)', () => {
  it('stores, reads and deletes a file in the slot of its event', async () => {
    const redcap = seeded();
    const w4 = { record: '1', field: 'scan', event: 'week_4_arm_1' };
    expect(await upload(redcap, w4, 'week4')).toEqual({ status: 200, text: '' });
    const base = { ...w4, event: 'baseline_arm_1' };
    expect(await upload(redcap, base, 'base')).toEqual({ status: 200, text: '' });
    expect(await valuesOf(redcap, '1', 'scan')).toEqual([
      'baseline_arm_1##: base.txt',
      'week_4_arm_1##: week4.txt',
    ]);
    expect(await exportFile(redcap, w4)).toEqual({ status: 200, text: 'week4' });
    expect(await exportFile(redcap, base)).toEqual({ status: 200, text: 'base' });
    expect(await deleteFile(redcap, w4)).toEqual({ status: 200, text: '' });
    expect(await exportFile(redcap, w4)).toEqual({
      status: 400,
      text: '{"error":"There is no file to download for this record"}',
    });
    expect(await exportFile(redcap, base)).toEqual({ status: 200, text: 'base' });
    expect(await valuesOf(redcap, '1', 'scan')).toEqual(['baseline_arm_1##: base.txt']);
    // Week 4's other values are still there.
    expect(await valuesOf(redcap, '1', 'weight')).toContain('week_4_arm_1##: 69.8');
  });

  it('answers a missing or unknown event with 400 and changes nothing', async () => {
    const redcap = seeded();
    const exportAll = () => post(redcap, { content: 'record', action: 'export' });
    const before = await exportAll();
    const events: Record<string, string>[] = [
      {},
      { event: '' },
      { event: 'week_9_arm_1' },
      { event: 'constructor' },
    ];
    for (const event of events) {
      const fields = { record: '1', field: 'scan', ...event };
      expect(await upload(redcap, fields, 'x')).toEqual({ status: 400, text: BAD_EVENT });
      expect(await exportFile(redcap, fields)).toEqual({ status: 400, text: BAD_EVENT });
      expect(await deleteFile(redcap, fields)).toEqual({ status: 400, text: BAD_EVENT });
    }
    expect(await exportAll()).toEqual(before);
    expect(await valuesOf(redcap, '1', 'scan')).toEqual([]);
  });

  it('opens the event for a record with no row there yet, with the form Incomplete', async () => {
    const redcap = seeded();
    // Record 5 has only its baseline.
    const fields = { record: '5', field: 'scan', event: 'week_4_arm_1' };
    expect(await upload(redcap, fields, 'late')).toEqual({ status: 200, text: '' });
    expect(await valuesOf(redcap, '5', 'scan')).toEqual(['week_4_arm_1##: late.txt']);
    // Gray forms export blank here: only week 4's vitals, which now hold a file, are Incomplete.
    const gray = { exportBlankForGrayFormStatus: 'true' };
    expect(await valuesOf(redcap, '5', 'vitals_complete', gray)).toEqual(['week_4_arm_1##: 0']);
    expect(await valuesOf(redcap, '5', 'record_id')).toEqual([
      'baseline_arm_1##: 5',
      'week_4_arm_1##: 5',
    ]);
  });

  it('refuses an upload on an event the field’s form is not designated on', async () => {
    const redcap = seeded();
    const fields = { record: '1', field: 'scan', event: 'follow_up_arm_1' };
    expect(await upload(redcap, fields, 'x')).toEqual({ status: 400, text: BAD_EVENT });
    expect(await valuesOf(redcap, '1', 'scan')).toEqual([]);
  });

  it('keeps each instance of a repeating event apart', async () => {
    const redcap = seeded();
    const one = { record: '1', field: 'scan', event: 'unscheduled_arm_1', repeat_instance: '1' };
    const two = { ...one, repeat_instance: '2' };
    expect(await upload(redcap, one, 'first')).toEqual({ status: 200, text: '' });
    expect(await upload(redcap, two, 'second')).toEqual({ status: 200, text: '' });
    expect(await valuesOf(redcap, '1', 'scan')).toEqual([
      'unscheduled_arm_1##1: first.txt',
      'unscheduled_arm_1##2: second.txt',
    ]);
    expect(await exportFile(redcap, two)).toEqual({ status: 200, text: 'second' });
    expect(await deleteFile(redcap, one)).toEqual({ status: 200, text: '' });
    expect(await valuesOf(redcap, '1', 'scan')).toEqual(['unscheduled_arm_1##2: second.txt']);
    // The instances' other values stay.
    expect(await valuesOf(redcap, '1', 'weight')).toContain('unscheduled_arm_1##1: 69.0');
    expect(await valuesOf(redcap, '1', 'ae_description')).toContain(
      'unscheduled_arm_1##2: Fainted, "briefly"',
    );
  });

  it('stores a file in an instance of an instrument that repeats on the event', async () => {
    const redcap = seeded();
    const fields = { record: '2', field: 'ae_photo', event: 'week_4_arm_1', repeat_instance: '2' };
    expect(await upload(redcap, fields, 'rash')).toEqual({ status: 200, text: '' });
    expect(await valuesOf(redcap, '2', 'ae_photo')).toEqual([
      'week_4_arm_1#adverse_events#2: rash.txt',
    ]);
    expect(await valuesOf(redcap, '2', 'adverse_events_complete')).toContain(
      'week_4_arm_1#adverse_events#2: 0',
    );
    expect(await exportFile(redcap, fields)).toEqual({ status: 200, text: 'rash' });
    expect(await exportFile(redcap, { ...fields, repeat_instance: '1' })).toEqual({
      status: 400,
      text: '{"error":"There is no file to download for this record"}',
    });
  });
});

/** The text a PDF shows, one `(…) Tj` per line, escapes undone. */
const shown = (pdf: string) =>
  [...pdf.matchAll(/\((.*?)(?<!\\)\) Tj/g)].map((m) => m[1]!.replace(/\\([()\\])/g, '$1'));

const pdf = async (redcap: MockRedcap, fields: Record<string, string>) => {
  const r = await post(redcap, { content: 'pdf', ...fields });
  expect(r.status).toBe(200);
  return shown(r.text);
};

describe('Export PDF on a longitudinal project (§2.11)', () => {
  it("prints only the event's data with event, and only its instrument with instrument", async () => {
    const redcap = seeded();
    const week4 = await pdf(redcap, { record: '1', event: 'week_4_arm_1' });
    expect(week4).toEqual(
      expect.arrayContaining(['69.8', 'Adverse Events (#1)', 'Headache after dose']),
    );
    expect(week4).not.toContain('70.5');
    expect(week4).not.toContain('2024-01-08');
    const vitals = await pdf(redcap, { record: '1', event: 'week_4_arm_1', instrument: 'vitals' });
    expect(vitals).toContain('69.8');
    expect(vitals).not.toContain('Headache after dose');
    expect(vitals).not.toContain('Adverse event (ae_description)');
    expect(vitals).not.toContain('70.5');
  });

  it('prints every event of the record without event, and never changes the store', async () => {
    const redcap = seeded();
    const before = await post(redcap, { content: 'record', action: 'export' });
    const all = await pdf(redcap, { record: '1' });
    expect(all).toEqual(
      expect.arrayContaining(['70.5', '69.8', '69.0', 'Headache after dose', '2024-01-08']),
    );
    await pdf(redcap, { record: '1', instrument: 'vitals' });
    await pdf(redcap, { allRecords: '1' });
    expect(await post(redcap, { content: 'record', action: 'export' })).toEqual(before);
  });

  it('prints the instance of a repeating event named by repeat_instance', async () => {
    const redcap = seeded();
    const two = await pdf(redcap, {
      record: '1',
      event: 'unscheduled_arm_1',
      instrument: 'vitals',
      repeat_instance: '2',
    });
    expect(two).toContain('Vitals (#2)');
    expect(two).not.toContain('69.0');
    const one = await pdf(redcap, {
      record: '1',
      event: 'unscheduled_arm_1',
      repeat_instance: '1',
    });
    expect(one).toEqual(expect.arrayContaining(['Vitals (#1)', '69.0']));
    expect(one).not.toContain('Fainted, "briefly"');
  });

  it('leaves out the empty fields with compactDisplay, so the file differs', async () => {
    const redcap = seeded();
    const params = { content: 'pdf', record: '1', event: 'week_4_arm_1', instrument: 'vitals' };
    const full = await post(redcap, params);
    const compact = await post(redcap, { ...params, compactDisplay: 'true' });
    expect(compact.text).not.toBe(full.text);
    // Week 4 of record 1 has no scan: the full PDF lists the field, the compact one does not.
    expect(shown(full.text)).toContain('Scan (scan)');
    expect(shown(compact.text)).not.toContain('Scan (scan)');
    expect(shown(compact.text)).toEqual(
      expect.arrayContaining(['Weight (kg) (weight)', '69.8', 'Form status: Complete']),
    );
  });

  it('gives the blank forms of the event without record', async () => {
    const redcap = seeded();
    const lines = await pdf(redcap, { event: 'follow_up_arm_1' });
    expect(lines).toContain('Completion');
    expect(lines).not.toContain('Vitals');
    expect(lines).not.toContain('Enrollment');
  });

  it('answers an unknown event with 400 Invalid event', async () => {
    const redcap = seeded();
    const cases: Record<string, string>[] = [
      { event: 'week_9_arm_1' },
      { record: '1', event: 'nope' },
    ];
    for (const fields of cases) {
      expect(await post(redcap, { content: 'pdf', ...fields })).toEqual({
        status: 400,
        text: '{"error":"Invalid event"}',
      });
    }
  });
});
