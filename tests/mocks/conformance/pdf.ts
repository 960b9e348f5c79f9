import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../../mocks/fixtures/index.ts';
import { client, type Target } from './client.ts';

/** The header REDCapR captured for this method from a live server (§1.6, §2.11). */
const PDF_CT = 'text/html; charset=UTF-8';

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');

/**
 * What a PDF reader needs to open a file without repairing it (PDF 1.4, §7.5): the header, a
 * cross-reference table whose every offset points at its object, `startxref` pointing at the
 * table, each stream's /Length equal to its bytes, the trailer's /Size and %%EOF.
 */
export function pdfProblems(bytes: Uint8Array): string[] {
  const pdf = latin1(bytes);
  const problems: string[] = [];
  if (!pdf.startsWith('%PDF-1.4\n')) problems.push('header');
  if (!pdf.endsWith('%%EOF\n')) problems.push('%%EOF');
  const start = /startxref\n(\d+)\n%%EOF\n$/.exec(pdf);
  if (!start) return [...problems, 'startxref'];
  const at = Number(start[1]);
  if (!pdf.startsWith('xref\n', at)) return [...problems, 'startxref offset'];
  const head = /^xref\n0 (\d+)\n/.exec(pdf.slice(at))!;
  const count = Number(head[1]);
  const entries = pdf
    .slice(at + head[0].length)
    .split('\n')
    .slice(0, count);
  if (entries[0] !== '0000000000 65535 f ') problems.push('entry 0');
  for (let id = 1; id < count; id++) {
    const entry = /^(\d{10}) 00000 n $/.exec(entries[id] ?? '');
    if (!entry || !pdf.startsWith(`${id} 0 obj\n`, Number(entry[1]))) problems.push(`object ${id}`);
  }
  if (!new RegExp(`trailer\\n<< /Size ${count} /Root 1 0 R`).test(pdf)) problems.push('trailer');
  for (const m of pdf.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
    const from = m.index + m[0].length;
    if (!pdf.startsWith('\nendstream', from + Number(m[1]))) problems.push(`stream at ${m.index}`);
  }
  return problems;
}

/** The text a PDF shows, one `(…) Tj` per line, escapes undone. */
function shownText(bytes: Uint8Array): string[] {
  return [...latin1(bytes).matchAll(/\((.*?)(?<!\\)\) Tj/g)].map((m) =>
    m[1]!.replace(/\\([()\\])/g, '$1'),
  );
}

/** Export PDF file of Data Collection Instruments (§2.11). */
export function pdfSuite(target: Target) {
  const api = client(target);

  describe('Export PDF (§2.11)', () => {
    it('sends a valid PDF of the blank instruments', async () => {
      const r = await api.call('exp_instr_pdf', { returnFormat: 'json' });
      expect([r.status, r.contentType]).toEqual([200, PDF_CT]);
      expect(pdfProblems(r.bytes)).toEqual([]);
      const lines = shownText(r.bytes);
      expect(lines.slice(0, 3)).toEqual(['Classic demo (mock)', '', 'Demographics']);
      expect(lines).toContain('First name (first_name)');
      expect(lines).toContain('[ ] Female   [ ] Male');
      expect(lines).toContain('Health');
      expect(lines).toContain('Visit');
    });

    it("fills one instrument with a record's values", async () => {
      const r = await api.call('exp_instr_pdf', { record: '1', instrument: 'demographics' });
      expect(pdfProblems(r.bytes)).toEqual([]);
      const lines = shownText(r.bytes);
      expect(lines).toEqual(
        expect.arrayContaining(['Record ID 1', 'Ada', 'Female', 'Form status: Complete']),
      );
      expect(lines).not.toContain('Health');
    });

    it('prints the instance named by repeat_instance', async () => {
      const r = await api.call('exp_instr_pdf', {
        record: '1',
        instrument: 'visit',
        repeat_instance: '2',
      });
      const lines = shownText(r.bytes);
      expect(lines).toEqual(expect.arrayContaining(['Visit (#2)', '2024-04-15', 'Follow-up']));
      expect(lines).not.toContain('2024-01-15');
    });

    it('leaves out empty fields with compactDisplay', async () => {
      // Record 14 has no e-mail and no age.
      const params = { record: '14', instrument: 'demographics' };
      const full = shownText((await api.call('exp_instr_pdf', params)).bytes);
      const compact = shownText(
        (await api.call('exp_instr_pdf', { ...params, compactDisplay: true })).bytes,
      );
      expect(full).toContain('E-mail (email)');
      expect(compact).not.toContain('E-mail (email)');
      expect(compact).toContain('Hedy');
    });

    it('prints every record with allRecords, which REDCap tests with isset()', async () => {
      for (const value of ['true', 'false']) {
        const r = await api.form([
          ['token', ALICE_TOKEN],
          ['content', 'pdf'],
          ['allRecords', value],
        ]);
        expect(pdfProblems(r.bytes)).toEqual([]);
        const lines = shownText(r.bytes);
        expect(lines).toEqual(
          expect.arrayContaining(['Record ID 1', 'Record ID 24', 'Visit (#3)']),
        );
      }
    });

    it('answers an unknown instrument or record with 400', async () => {
      const i = await api.call('exp_instr_pdf', { instrument: 'labs', returnFormat: 'json' });
      expect([i.status, i.text]).toEqual([400, '{"error":"Invalid instrument"}']);
      const r = await api.call('exp_instr_pdf', { record: '99999', returnFormat: 'csv' });
      expect([r.status, r.text]).toEqual([400, "ERROR: The record '99999' does not exist"]);
    });
  });
}
