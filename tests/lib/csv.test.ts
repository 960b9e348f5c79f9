import { describe, expect, it } from 'vitest';
import { CsvError, csvCell, readCsv, writeCsv } from '../../src/lib/csv/csv.ts';

describe('writeCsv (PHP fputcsv quoting, redcap-api.md §2.3)', () => {
  it('quotes only cells with the delimiter, quotes, spaces or newlines', () => {
    expect(
      writeCsv([
        ['record_id', 'redcap_event_name'],
        ['1', 'Event 1'],
      ]),
    ).toBe('record_id,redcap_event_name\n1,"Event 1"\n');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a;b', ';')).toBe('"a;b"');
  });
});

describe('readCsv', () => {
  it('reads what writeCsv writes', () => {
    const rows = [
      ['id', 'notes'],
      ['1', 'He said "no", twice\nthen left'],
      ['2', ''],
    ];
    expect(readCsv(writeCsv(rows))).toEqual(rows);
  });

  it('accepts CRLF and a BOM', () => {
    expect(readCsv('\ufeffa,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('says where an unclosed quote starts trouble', () => {
    expect(() => readCsv('a,b\n1,"oops\n')).toThrow(CsvError);
    const error = (() => {
      try {
        readCsv('a,b\n1,"x"y\n');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(CsvError);
    expect((error as CsvError).line).toBe(2);
    expect((error as CsvError).column).toBe(6);
  });
});
