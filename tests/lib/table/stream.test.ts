import { describe, expect, it } from 'vitest';
import { parseTable } from '../../../src/lib/table/parse.ts';
import { CsvStreamReader } from '../../../src/lib/csv/stream.ts';
import { JsonArrayReader } from '../../../src/lib/table/stream-json.ts';
import { TableJob, type RowsUpdate } from '../../../src/lib/table/stream-job.ts';

/** Every way to cut the text in two, and in three at a stride. */
function splits(text: string): string[][] {
  const out: string[][] = [[text]];
  for (let i = 0; i <= text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  for (let i = 0; i < text.length; i += 3)
    for (let j = i; j <= text.length; j += 5)
      out.push([text.slice(0, i), text.slice(i, j), text.slice(j)]);
  return out;
}

function readJson(parts: readonly string[]): ReturnType<typeof parseTable> {
  const reader = new JsonArrayReader();
  for (const part of parts) reader.push(part);
  return reader.end() ? reader.rows.padded() : null;
}

function readCsvStream(parts: readonly string[]): { columns: string[]; rows: string[][] } | null {
  const reader = new CsvStreamReader();
  for (const part of parts) reader.push(part);
  if (!reader.end() || !reader.header) return null;
  return { columns: reader.header, rows: reader.rows };
}

const TRICKY_JSON =
  ' [ {"record_id":"1","note":"a \\"quoted\\" } ] , {word","path":"C:\\\\dir\\\\"},\n' +
  '{"record_id":"2","n":3,"ok":false,"x":null,"u":"\\u00e9\\n"}, {"extra":"[{"}\n] ';

describe('JsonArrayReader', () => {
  it('reads the same table as JSON.parse wherever the chunks are cut', () => {
    const expected = parseTable(TRICKY_JSON, 'json');
    expect(expected?.rows).toHaveLength(3);
    for (const parts of splits(TRICKY_JSON)) expect(readJson(parts)).toEqual(expected);
  });

  it('hands over rows before the array is complete', () => {
    const reader = new JsonArrayReader();
    reader.push('[{"a":"1"},{"a":"2"},{"a":"3');
    expect(reader.rows.rows).toEqual([['1'], ['2']]);
    reader.push('"}]');
    expect(reader.end()).toBe(true);
    expect(reader.rows.rows).toEqual([['1'], ['2'], ['3']]);
  });

  it('reads an empty array', () => {
    expect(readJson(['[', ' ]'])).toEqual({ columns: [], rows: [] });
  });

  it('refuses what it cannot stream: one object, scalars, broken or unfinished JSON', () => {
    for (const text of [
      '{"a":"1"}',
      '["1","2"]',
      '[{"a":"1"},]',
      '[{"a":"1"} {"a":"2"}]',
      '[{"a":"1"}',
      '[{"a":"1"}] x',
      '[,{"a":"1"}]',
      '',
    ]) {
      for (const parts of splits(text))
        expect(readJson(parts), `${text} ${parts.join('|')}`).toBeNull();
    }
  });
});

const TRICKY_CSV =
  '\ufeffrecord_id,note,"he said ""hi"""\r\n1,"a, ""b""\r\nsecond line",x\r\n2,,""""\r\n3\n4,"",\r';

describe('CsvStreamReader', () => {
  it('reads the same table as readCsv wherever the chunks are cut (quotes, CRLF, BOM)', () => {
    const expected = parseTable(TRICKY_CSV, 'csv');
    expect(expected?.rows).toHaveLength(4);
    for (const parts of splits(TRICKY_CSV))
      expect(readCsvStream(parts), parts.join('|')).toEqual(expected);
  });

  it('hands over a row as soon as its line ends', () => {
    const reader = new CsvStreamReader();
    reader.push('a,b\n1,2\n3,');
    expect(reader.header).toEqual(['a', 'b']);
    expect(reader.rows).toEqual([['1', '2']]);
  });

  it('fails on broken quoting as readCsv does', () => {
    for (const text of ['a,b\n"1,2\n', 'a,b\n1"x",2\n', 'a,b\n"1"x,2\n']) {
      expect(parseTable(text, 'csv')).toBeNull();
      for (const parts of splits(text)) expect(readCsvStream(parts), parts.join('|')).toBeNull();
    }
  });
});

function runJob(
  format: 'json' | 'csv' | 'xml' | null,
  chunks: string[],
  options: { batchRows?: number } = {},
): { updates: RowsUpdate[]; body: string; table: boolean } {
  const updates: RowsUpdate[] = [];
  const job = new TableJob({ format, emit: (u) => updates.push(u), ...options, now: () => 0 });
  const encoder = new TextEncoder();
  for (const chunk of chunks) job.write(encoder.encode(chunk));
  const { body, table } = job.end();
  return { updates, body: new TextDecoder().decode(body), table };
}

function collected(updates: readonly RowsUpdate[]): string[][] {
  return updates.flatMap((u) => u.rows.map((r) => JSON.parse(r) as string[]));
}

describe('TableJob', () => {
  it('streams JSON rows in batches and returns the whole body', () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ record_id: String(i + 1) }));
    const text = JSON.stringify(rows);
    const { updates, body, table } = runJob('json', [text.slice(0, 30), text.slice(30)], {
      batchRows: 3,
    });
    expect(table).toBe(true);
    expect(body).toBe(text);
    expect(updates[0]?.rows.length).toBeGreaterThan(0);
    expect(updates.every((u) => u.rows.length <= 3)).toBe(true);
    expect(collected(updates)).toEqual(rows.map((r) => [r.record_id]));
    expect(updates.at(-1)?.parsed).toBe(7);
  });

  it('decodes UTF-8 split across chunks', () => {
    const bytes = new TextEncoder().encode('[{"name":"Zoë ✓"}]');
    const updates: RowsUpdate[] = [];
    const job = new TableJob({ format: 'json', emit: (u) => updates.push(u) });
    for (let i = 0; i < bytes.length; i++) job.write(bytes.slice(i, i + 1));
    expect(job.end().table).toBe(true);
    expect(collected(updates)).toEqual([['Zoë ✓']]);
  });

  it('reads XML and single objects whole at the end', () => {
    const xml = runJob('xml', [
      '<records><item><a>1</a></item>',
      '<item><a>2</a></item></records>',
    ]);
    expect(xml.table).toBe(true);
    expect(collected(xml.updates)).toEqual([['1'], ['2']]);
    const one = runJob('json', ['{"project_id":', '"7"}']);
    expect(one.updates.at(-1)?.columns).toEqual(['project_id']);
    expect(collected(one.updates)).toEqual([['7']]);
  });

  it('says when the body is not a table, and only collects bodies of other formats', () => {
    expect(runJob('json', ['3']).table).toBe(false);
    expect(runJob('csv', ['ERROR: no']).table).toBe(false);
    const other = runJob(null, ['%PDF-', '1.4']);
    expect(other).toEqual({ updates: [], body: '%PDF-1.4', table: false });
  });

  it('pads nothing away: columns added by later rows come with the update', () => {
    const { updates } = runJob('json', ['[{"a":"1"},', '{"a":"2","b":"3"}]']);
    expect(updates.at(-1)?.columns).toEqual(['a', 'b']);
  });
});
