import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, CAROL_TOKEN } from '../../mocks/fixtures/index.ts';
import type { MockRedcap } from '../../mocks/redcap.ts';
import type { ProjectData } from '../../mocks/store/types.ts';
import { jsonError, lastLog, mockWith, post } from './routes-other-support.ts';

/**
 * Export PDF (§2.11; mocks/routes/pdf.ts and pdf-writer.ts) as a client sees it: a PDF any
 * reader opens (exact byte offsets, stream lengths, page tree), its text and layout, and every
 * refusal. Found by mutation testing (#19).
 */

const ops = (pdf: string) => [...pdf.matchAll(/^BT .* Tj ET$/gm)].map((m) => m[0]);

/** The text a PDF shows, one `(…) Tj` per line, escapes undone. */
const shown = (pdf: string) =>
  [...pdf.matchAll(/\((.*?)(?<!\\)\) Tj/g)].map((m) => m[1]!.replace(/\\([()\\])/g, '$1'));

/** Checks what a PDF reader relies on, and returns the page contents. */
function checkPdf(pdf: string): string[] {
  expect(pdf.startsWith('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n')).toBe(true);
  expect(pdf.endsWith('\n%%EOF\n')).toBe(true);
  const start = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)![1]);
  expect(pdf.slice(start, start + 5)).toBe('xref\n');
  const size = Number(/^xref\n0 (\d+)\n/.exec(pdf.slice(start))![1]);
  const entries = pdf
    .slice(start)
    .split('\n')
    .slice(2, 2 + size);
  expect(entries[0]).toBe('0000000000 65535 f ');
  entries.slice(1).forEach((entry, i) => {
    expect(entry).toMatch(/^\d{10} 00000 n $/);
    const offset = Number(entry.slice(0, 10));
    expect(pdf.slice(offset).startsWith(`${i + 1} 0 obj\n`)).toBe(true);
  });
  expect(pdf).toContain(`trailer\n<< /Size ${size} /Root 1 0 R /Info 5 0 R >>\nstartxref\n`);
  const kids = /\/Kids \[([^\]]*)\] \/Count (\d+)/.exec(pdf)!;
  const pageIds = kids[1]!
    .split(' 0 R')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  expect(pageIds.length).toBe(Number(kids[2]));
  expect(size).toBe(6 + 2 * pageIds.length);
  const contents: string[] = [];
  pageIds.forEach((id, i) => {
    expect(id).toBe(6 + 2 * i);
    expect(pdf).toContain(
      `${id} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${id + 1} 0 R >>\nendobj\n`,
    );
    const head = `${id + 1} 0 obj\n<< /Length `;
    const at = pdf.indexOf(head) + head.length;
    const length = Number(/^\d+/.exec(pdf.slice(at))![0]);
    const body = pdf.indexOf('>>\nstream\n', at) + '>>\nstream\n'.length;
    expect(pdf.slice(body + length, body + length + 10)).toBe('\nendstream');
    contents.push(pdf.slice(body, body + length));
  });
  expect(pdf).toContain(
    '3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>\nendobj\n4 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>\nendobj\n',
  );
  // Each page: lines from the top margin down, none below the bottom margin.
  for (const content of contents) {
    let y = 738;
    for (const op of content.split('\n')) {
      const m = /^BT \/F[12] (\d+) Tf (\d+) (\d+\.\d\d) Td \(.*\) Tj ET$/.exec(op)!;
      expect(m).not.toBeNull();
      y -= Number(m[1]) * 1.4;
      expect(m[3]).toBe(y.toFixed(2));
      expect(y).toBeGreaterThanOrEqual(54);
    }
  }
  return contents;
}

const pdf = async (redcap: MockRedcap, fields: Record<string, string>) => {
  const r = await post(redcap, { content: 'pdf', ...fields });
  expect(r.status).toBe(200);
  expect(r.type).toBe('text/html; charset=UTF-8');
  checkPdf(r.text);
  return r.text;
};

const classic = (edit: (p: ProjectData) => void) => mockWith((seed) => edit(seed.projects[0]!));
const notes = (text: string) =>
  classic((p) => {
    p.records.find((r) => r.id === '1')!.slots[0]!.values['notes'] = text;
  });

describe('the PDF file (pdf-writer)', () => {
  it('lays out the lines: fonts, sizes, indents, heights', async () => {
    const text = await pdf(mockWith(), { record: '1', instrument: 'health' });
    expect(ops(text).slice(0, 7)).toEqual([
      'BT /F2 16 Tf 54 715.60 Td (Classic demo \\(mock\\)) Tj ET',
      'BT /F1 10 Tf 54 701.60 Td () Tj ET',
      'BT /F2 12 Tf 54 684.80 Td (Record ID 1) Tj ET',
      'BT /F2 13 Tf 54 666.60 Td (Health) Tj ET',
      'BT /F1 10 Tf 66 652.60 Td (Height \\(cm\\) \\(height\\)) Tj ET',
      'BT /F1 10 Tf 82 638.60 Td (165) Tj ET',
      'BT /F1 10 Tf 66 624.60 Td (Weight \\(kg\\) \\(weight\\)) Tj ET',
    ]);
    expect(text).toContain(
      '5 0 obj\n<< /Title (Classic demo \\(mock\\)) /Producer (REDCap API Playground mock) >>\nendobj\n',
    );
    expect(text).toContain('/Kids [6 0 R] /Count 1 >>');
  });

  it('starts a new page when one is full, each with its own content', async () => {
    const text = await pdf(mockWith(), { allRecords: '1' });
    const pages = checkPdf(text);
    expect(pages.length).toBeGreaterThan(5);
    expect(text).toContain(`/Kids [${pages.map((_, i) => `${6 + 2 * i} 0 R`).join(' ')}]`);
    // A full page ends less than one line above the margin.
    const last = pages[0]!.split('\n').at(-1)!;
    expect(Number(/ (\d+\.\d\d) Td/.exec(last)![1])).toBeLessThan(54 + 14);
    expect(pages[1]!.split('\n')[0]).toMatch(/^BT \/F[12] \d+ Tf \d+ 7\d\d\.\d\d Td/);
    // Nothing is lost between pages.
    expect(shown(pages.join('\n'))).toEqual(shown(text));
  });

  it.each([
    // [value, lines shown]
    ['short', ['short']],
    [
      `${'a'.repeat(50)} ${'b'.repeat(200)}`,
      ['a'.repeat(50), 'b'.repeat(91), 'b'.repeat(91), 'b'.repeat(18)],
    ],
    [
      `${'a'.repeat(30)} ${'b'.repeat(100)}`,
      [`${'a'.repeat(30)} ${'b'.repeat(60)}`, 'b'.repeat(40)],
    ],
    [`${'w '.repeat(46)}end`, [`${'w '.repeat(45)}w`, 'end']],
    ['one\ntwo\r\nthree', ['one', 'two', 'three']],
    ['x'.repeat(91), ['x'.repeat(91)]],
    ['x'.repeat(92), ['x'.repeat(91), 'x']],
  ])('wraps %j at the page width', async (value, lines) => {
    const text = await pdf(notes(value), { record: '1', instrument: 'health' });
    const all = shown(text);
    const at = all.indexOf('Notes (notes)') + 1;
    expect(all.slice(at, at + lines.length + 1)).toEqual([...lines, 'Form status: Complete']);
    for (const op of ops(text).filter((o) => / 82 /.test(o))) {
      expect(/\((.*)\) Tj/.exec(op)![1]!.replace(/\\(.)/g, '$1').length).toBeLessThanOrEqual(91);
    }
  });

  it('writes WinAnsi bytes, escapes ( ) \\ and puts ? for what it cannot show', async () => {
    const text = await pdf(notes('a\tb (c) \\ € ™ “q” … é ² \u007f \u0001 😀 Ω ~'), {
      record: '1',
      instrument: 'health',
    });
    expect(text).toContain(
      // The answer is read as windows-1252, so 0x80 is €, 0x93 “ …
      '(a b \\(c\\) \\\\ € ™ “q” … é ² ? ? ? ? ~) Tj ET',
    );
  });
});

describe('Export PDF (§2.11)', () => {
  it('prints a blank instrument: choices, slider, file, text, section headers', async () => {
    const redcap = mockWith();
    expect(shown(await pdf(redcap, { instrument: 'health' }))).toEqual([
      'Classic demo (mock)',
      '',
      'Health',
      'Height (cm) (height)',
      '______________________________',
      'Weight (kg) (weight)',
      '______________________________',
      'BMI (kg/m²) (bmi)',
      '______________________________',
      'Current smoker? (smoker)',
      '[ ] Yes   [ ] No',
      'Symptoms in the last week (symptoms)',
      '[ ] Fever   [ ] Cough   [ ] Headache   [ ] Fatigue',
      'Pain today (pain)',
      'No pain  ...  Moderate  ...  Worst pain',
      'Notes (notes)',
      '______________________________',
      '',
    ]);
    expect(await lastLog(redcap)).toEqual({
      username: 'alice',
      action: 'Manage/Design ',
      details: 'Download data entry form as PDF (API)',
      record: '',
    });
    const visit = shown(await pdf(redcap, { instrument: 'visit' }));
    expect(visit).toEqual(
      expect.arrayContaining(['Please record the visit details below.', '(file upload)']),
    );
    expect(visit.slice(2, 4)).toEqual(['Visit', 'Visit']);
  });

  it('prints every blank instrument without instrument', async () => {
    const redcap = mockWith();
    const lines = shown(await pdf(redcap, {}));
    expect(lines.filter((l) => ['Demographics', 'Health', 'Visit'].includes(l))).toEqual([
      'Demographics',
      'Health',
      'Visit',
      'Visit',
    ]);
    expect(await lastLog(redcap)).toMatchObject({
      details: 'Download all data entry forms as PDF (API)',
      record: '',
    });
  });

  it("prints a record's values: labels of choices, checked boxes, file names, status", async () => {
    const redcap = mockWith();
    expect(shown(await pdf(redcap, { record: '1', instrument: 'health' }))).toEqual([
      'Classic demo (mock)',
      '',
      'Record ID 1',
      'Health',
      'Height (cm) (height)',
      '165',
      'Weight (kg) (weight)',
      '58.5',
      'BMI (kg/m²) (bmi)',
      '21.5',
      'Current smoker? (smoker)',
      'No',
      'Symptoms in the last week (symptoms)',
      'Fever, Cough',
      'Pain today (pain)',
      '20',
      'Notes (notes)',
      'Mild cough, no fever.',
      'Form status: Complete',
      '',
    ]);
    expect(await lastLog(redcap)).toEqual({
      username: 'alice',
      action: 'Manage/Design ',
      details: 'Download data entry form as PDF (with data) (API)',
      record: '1',
    });
    expect(shown(await pdf(redcap, { record: '1', instrument: 'visit' }))).toEqual([
      'Classic demo (mock)',
      '',
      'Record ID 1',
      'Visit (#1)',
      'Visit',
      'Please record the visit details below.',
      'Visit date (visit_date)',
      '2024-01-15',
      'Visit started at (visit_start)',
      '2024-01-15 09:30',
      'Visit type (visit_type)',
      'Screening',
      'Consent given (consent)',
      'True',
      'Signed consent form (consent_file)',
      'consent-1.txt',
      'Form status: Complete',
      '',
    ]);
    const two = shown(
      await pdf(redcap, { record: '1', instrument: 'visit', repeat_instance: '2' }),
    );
    expect(two.slice(3, 4)).toEqual(['Visit (#2)']);
    expect(two).toContain('2024-04-15');
    expect(two).not.toContain('2024-01-15');
  });

  it('prints every instrument of the record without instrument, each visit once per instance', async () => {
    const redcap = mockWith();
    const lines = shown(await pdf(redcap, { record: '1' }));
    expect(lines.filter((l) => /^(Demographics|Health|Visit \(#\d\))$/.test(l))).toEqual([
      'Demographics',
      'Health',
      'Visit (#1)',
    ]);
    expect(await lastLog(redcap)).toMatchObject({
      details: 'Download all data entry forms as PDF (with data) (API)',
      record: '1',
    });
  });

  it('prints every record with allRecords (any value, even "false"), each visit instance', async () => {
    const redcap = mockWith();
    for (const allRecords of ['1', 'false']) {
      const lines = shown(await pdf(redcap, { allRecords, record: '2', instrument: 'health' }));
      const records = lines.filter((l) => l.startsWith('Record ID ') && !l.includes('('));
      expect(records).toHaveLength(24);
      expect(records.slice(0, 3)).toEqual(['Record ID 1', 'Record ID 2', 'Record ID 3']);
      const one = lines.slice(lines.indexOf('Record ID 1'), lines.indexOf('Record ID 2'));
      expect(one.filter((l) => /^(Demographics|Health|Visit( \(#\d\))?)$/.test(l))).toEqual([
        'Demographics',
        'Health',
        'Visit (#1)',
        'Visit',
        'Visit (#2)',
        'Visit',
      ]);
      expect(await lastLog(redcap)).toMatchObject({
        details: 'Download all data entry forms as PDF (all records) (API)',
        record: '',
      });
    }
    const blank = shown(await pdf(redcap, { allRecords: '', instrument: 'health' }));
    expect(blank.filter((l) => l.startsWith('Record ID '))).toEqual([]);
  });

  it('leaves out empty fields with compactDisplay', async () => {
    const redcap = mockWith();
    const full = shown(await pdf(redcap, { record: '3', instrument: 'health' }));
    const compact = shown(
      await pdf(redcap, { record: '3', instrument: 'health', compactDisplay: 'true' }),
    );
    expect(full).toContain('Pain today (pain)');
    expect(compact).not.toContain('Pain today (pain)');
    expect(compact).toEqual(
      full.filter((l, i) => l !== 'Pain today (pain)' && full[i - 1] !== 'Pain today (pain)'),
    );
    expect(compact).toContain('Form status: Incomplete');
    // Blank forms stay whole.
    const blank = shown(await pdf(redcap, { instrument: 'health', compactDisplay: 'true' }));
    expect(blank).toContain('Pain today (pain)');
  });

  it('shows a value without a choice as stored, an unknown file as blank, an unknown status as is', async () => {
    const redcap = classic((p) => {
      const slot = p.records.find((r) => r.id === '1')!.slots[0]!;
      slot.values['smoker'] = '7';
      slot.values['health_complete'] = '5';
      const visit = p.records.find((r) => r.id === '1')!.slots.find((s) => s.instance === 1)!;
      visit.values['consent_file'] = '987654';
      delete visit.values['visit_complete'];
    });
    const health = shown(await pdf(redcap, { record: '1', instrument: 'health' }));
    expect(health.slice(10, 12)).toEqual(['Current smoker? (smoker)', '7']);
    expect(health).toContain('Form status: 5');
    const visit = shown(await pdf(redcap, { record: '1', instrument: 'visit' }));
    expect(visit.slice(-4)).toEqual([
      'Signed consent form (consent_file)',
      '',
      'Form status: Incomplete',
      '',
    ]);
  });

  it.each([
    [{ instrument: 'nope' }, 'Invalid instrument'],
    [{ record: '999' }, "The record '999' does not exist"],
    [{ record: '1', repeat_instance: 'x' }, null],
  ])('%j → 400 %s', async (fields, message) => {
    const r = await post(mockWith(), { content: 'pdf', ...fields });
    expect(r.status).toBe(400);
    if (message) expect(r.text).toBe(jsonError(message));
  });

  it('refuses a user with no export access to any form (403)', async () => {
    const redcap = classic((p) => {
      const carol = p.users.find((u) => u.username === 'carol')!;
      for (const f of Object.keys(carol.rights.forms_export)) carol.rights.forms_export[f] = 0;
      carol.rights.api_export = 1;
    });
    const r = await post(redcap, { token: CAROL_TOKEN, content: 'pdf' });
    expect(r.status).toBe(403);
    expect(r.text).toBe(
      jsonError(
        'The API request cannot complete because currently you have "No Access" data export rights. Higher level data export rights are required for this operation.',
      ),
    );
  });
});

describe('Export PDF on a longitudinal project (§2.11)', () => {
  const long = (fields: Record<string, string>, redcap = mockWith()) =>
    pdf(redcap, { token: ALICE_LONGITUDINAL_TOKEN, ...fields }).then(shown);

  it('heads each event with its arm, prints repeating events and instruments per instance', async () => {
    expect(await long({ record: '1' })).toEqual([
      'Longitudinal demo (mock)',
      '',
      'Record ID 1',
      'Event: Baseline (Arm 1: Drug A)',
      'Enrollment',
      'Record ID (record_id)',
      '1',
      'Enrollment date (enroll_date)',
      '2024-01-08',
      'Age (age)',
      '34',
      'Group (group)',
      'Control',
      'Form status: Complete',
      '',
      'Vitals',
      'Weight (kg) (weight)',
      '70.5',
      'Systolic blood pressure (sbp)',
      '120',
      'Symptoms (symptoms)',
      'Fever',
      'Form status: Complete',
      '',
      'Event: Week 4 (Arm 1: Drug A)',
      'Vitals',
      'Weight (kg) (weight)',
      '69.8',
      'Systolic blood pressure (sbp)',
      '118',
      'Symptoms (symptoms)',
      '',
      'Form status: Complete',
      '',
      'Adverse Events',
      'Adverse event (ae_description)',
      'Headache after dose',
      'Serious? (ae_serious)',
      'No',
      'Form status: Complete',
      '',
      'Event: Unscheduled (Arm 1: Drug A)',
      'Vitals (#1)',
      'Weight (kg) (weight)',
      '69.0',
      'Systolic blood pressure (sbp)',
      '135',
      'Symptoms (symptoms)',
      'Fever, Cough',
      'Form status: Unverified',
      '',
      'Vitals (#2)',
      'Weight (kg) (weight)',
      '',
      'Systolic blood pressure (sbp)',
      '',
      'Symptoms (symptoms)',
      '',
      'Form status: Incomplete',
      '',
      'Adverse Events (#1)',
      'Adverse event (ae_description)',
      '',
      'Serious? (ae_serious)',
      '',
      'Form status: Incomplete',
      '',
      'Adverse Events (#2)',
      'Adverse event (ae_description)',
      'Fainted, "briefly"',
      'Serious? (ae_serious)',
      'Yes',
      'Form status: Unverified',
      '',
      'Event: Follow-up (Arm 1: Drug A)',
      'Completion',
      'Completion date (completion_date)',
      '2024-03-01',
      'Withdrew early? (withdrew)',
      'No',
      'Form status: Complete',
      '',
    ]);
  });

  it('leaves the arm out of the heading when the project has one arm', async () => {
    const redcap = mockWith((seed) => {
      const p = seed.projects.find((x) => x.slug === 'longitudinal-demo')!;
      p.arms = p.arms!.filter((a) => a.arm_num === 1);
    });
    const lines = await long({ record: '1', instrument: 'completion' }, redcap);
    expect(lines.slice(2)).toEqual([
      'Record ID 1',
      'Event: Follow-up',
      'Completion',
      'Completion date (completion_date)',
      '2024-03-01',
      'Withdrew early? (withdrew)',
      'No',
      'Form status: Complete',
      '',
    ]);
  });

  it('prints only the instance asked for on an event, and all of them without event', async () => {
    const one = await long({ record: '1', event: 'unscheduled_arm_1', repeat_instance: '2' });
    expect(one.filter((l) => /\(#\d\)$/.test(l))).toEqual(['Vitals (#2)', 'Adverse Events (#2)']);
    const all = await long({ record: '1', instrument: 'adverse_events', repeat_instance: '2' });
    expect(all.filter((l) => /^(Adverse Events|Event: )/.test(l))).toEqual([
      'Event: Week 4 (Arm 1: Drug A)',
      'Adverse Events',
      'Event: Unscheduled (Arm 1: Drug A)',
      'Adverse Events (#1)',
      'Adverse Events (#2)',
    ]);
  });

  it('prints every record on every event with allRecords, whatever event says', async () => {
    const redcap = mockWith();
    const lines = await long({ allRecords: '1', event: 'nope', instrument: 'vitals' }, redcap);
    expect(lines.filter((l) => /^Record ID \d+$/.test(l))).toHaveLength(12);
    expect(lines).toContain('Event: Baseline (Arm 2: Drug B)');
    expect(lines).toContain('Completion');
    expect(await lastLog(redcap, ALICE_LONGITUDINAL_TOKEN)).toMatchObject({
      details: 'Download all data entry forms as PDF (all records) (API)',
      record: '',
    });
  });

  it('logs a record with one instrument as a data entry form', async () => {
    const redcap = mockWith();
    await long({ record: '2', instrument: 'vitals' }, redcap);
    expect(await lastLog(redcap, ALICE_LONGITUDINAL_TOKEN)).toMatchObject({
      details: 'Download data entry form as PDF (with data) (API)',
      record: '2',
    });
    await long({ record: '2' }, redcap);
    expect(await lastLog(redcap, ALICE_LONGITUDINAL_TOKEN)).toMatchObject({
      details: 'Download all data entry forms as PDF (with data) (API)',
    });
  });

  it('prints a blank instrument of an event, or every instrument without event', async () => {
    expect(await long({ event: 'baseline_arm_2', instrument: 'vitals' })).toEqual([
      'Longitudinal demo (mock)',
      '',
      'Vitals',
      'Weight (kg) (weight)',
      '______________________________',
      'Systolic blood pressure (sbp)',
      '______________________________',
      'Symptoms (symptoms)',
      '[ ] Fever   [ ] Cough   [ ] Headache',
      '',
    ]);
    const all = await long({});
    expect(
      all.filter((l) => ['Enrollment', 'Vitals', 'Adverse Events', 'Completion'].includes(l)),
    ).toEqual(['Enrollment', 'Vitals', 'Adverse Events', 'Completion']);
  });
});
