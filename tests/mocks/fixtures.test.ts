import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN, seedData } from '../../mocks/fixtures/index.ts';
import { generateProject, generateSeed } from '../../mocks/fixtures/generate.ts';
import { createMockRedcap } from '../../mocks/redcap.ts';
import { pdfDocument } from '../../mocks/wire/pdf-writer.ts';
import { pdfProblems } from './conformance/pdf.ts';

describe('the classic demo seed', () => {
  it('keeps records 1..24 and puts one repeating instrument, visit, on the project', () => {
    const [project] = seedData().projects;
    expect(project!.records.map((r) => r.id)).toEqual(
      Array.from({ length: 24 }, (_, i) => String(i + 1)),
    );
    expect(project!.repeating).toEqual([{ form_name: 'visit', custom_form_label: '[visit_date]' }]);
    expect(new Set(project!.metadata.map((m) => m.field_type))).toEqual(
      new Set([
        'text',
        'notes',
        'dropdown',
        'radio',
        'checkbox',
        'yesno',
        'truefalse',
        'calc',
        'slider',
        'file',
        'descriptive',
      ]),
    );
  });
});

describe('generateProject (benchmarks)', () => {
  it('builds N records × M fields, the same every time', () => {
    const a = generateProject({ records: 30, fields: 25 });
    expect(a.records).toHaveLength(30);
    expect(a.metadata).toHaveLength(25);
    expect(a.metadata[0]!.field_name).toBe('record_id');
    expect(a.instruments.map((i) => i.instrument_name)).toEqual(['form_1', 'form_2', 'form_3']);
    expect(generateProject({ records: 30, fields: 25 })).toEqual(a);
  });

  it('serves a flat export with one column per field plus the form statuses', async () => {
    const redcap = createMockRedcap({ seed: generateSeed({ records: 5, fields: 12 }) });
    const body = new URLSearchParams({ token: ALICE_TOKEN, content: 'record', format: 'json' });
    const r = await redcap.handle({
      method: 'POST',
      url: 'http://mock.test/api/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new TextEncoder().encode(body.toString()),
    });
    const rows = JSON.parse(String(r.body)) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    expect(Object.keys(rows[0]!)).toHaveLength(12 + 2);
    expect(Object.keys(rows[0]!).slice(0, 3)).toEqual(['record_id', 'field_1', 'field_2']);
  });
});

describe('pdfDocument', () => {
  it('writes a valid file over several pages, escaping what PDF strings need', () => {
    const lines = Array.from({ length: 120 }, (_, i) => ({
      text: `Line ${i} (with \\ and é) – ok`,
    }));
    const bytes = pdfDocument(lines, 'T');
    expect(pdfProblems(bytes)).toEqual([]);
    const text = Array.from(bytes, (b) => String.fromCharCode(b)).join('');
    expect(text).toContain('/Count 3');
    expect(text).toContain('(Line 0 \\(with \\\\ and \u00e9\\) \u0096 ok) Tj');
  });
});
