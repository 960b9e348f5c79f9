import { describe, expect, it } from 'vitest';
import {
  CsvError,
  csvCell,
  CsvStreamReader,
  csvTokenizer,
  readCsv,
  writeCsv,
  type CsvFault,
} from '../../src/lib/csv/csv.ts';

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

describe('csvCell: every character that needs quotes, and ones that must not get them', () => {
  it.each([
    ['a,b', ',', '"a,b"'],
    ['a"b', ',', '"a""b"'],
    ['""', ',', '""""""'],
    ['a b', ',', '"a b"'],
    ['a\tb', ',', '"a\tb"'],
    ['a\nb', ',', '"a\nb"'],
    ['a\rb', ',', '"a\rb"'],
    ['a\r\nb', ',', '"a\r\nb"'],
    ['a\\b', ',', '"a\\b"'],
    [' ', ',', '" "'],
    ['a;b', ';', '"a;b"'],
    ['a|b', '|', '"a|b"'],
    ['a\tb', '\t', '"a\tb"'],
  ])('quotes %j (delimiter %j) as %j', (value, delimiter, expected) => {
    expect(csvCell(value, delimiter)).toBe(expected);
  });

  it.each([
    ['', ','],
    ['plain', ','],
    ["O'Hara", ','],
    ['a;b', ','],
    ['a,b', ';'],
    ['a|b', ','],
    ['é🙂', ','],
    ['1.5e3', ','],
    ['=1+1', ','],
  ])('leaves %j alone (delimiter %j)', (value, delimiter) => {
    expect(csvCell(value, delimiter)).toBe(value);
  });

  it('writes each row on its own \\n-ended line with the delimiter between cells', () => {
    expect(writeCsv([])).toBe('');
    expect(writeCsv([[]])).toBe('\n');
    expect(writeCsv([[''], ['', '']])).toBe('\n,\n');
    expect(
      writeCsv(
        [
          ['a', 'b;c'],
          ['1', '2'],
        ],
        ';',
      ),
    ).toBe('a;"b;c"\n1;2\n');
  });
});

describe('readCsv: the mixed forms of the same rows', () => {
  const rows = [
    ['id', 'note'],
    ['1', 'x'],
  ];
  it.each([
    ['a plain \\n file', 'id,note\n1,x\n'],
    ['no final line end', 'id,note\n1,x'],
    ['CRLF', 'id,note\r\n1,x\r\n'],
    ['a bare CR', 'id,note\r1,x\r'],
    ['a BOM', '\ufeffid,note\n1,x\n'],
    ['every cell quoted', '"id","note"\n"1","x"\n'],
    ['mixed line ends', 'id,note\r\n1,x\n'],
    ['quoted cells and CRLF', '"id","note"\r\n"1","x"\r\n'],
  ])('%s', (_, text) => {
    expect(readCsv(text)).toEqual(rows);
  });

  it('keeps empty cells, empty lines and quoted line breaks', () => {
    expect(readCsv('')).toEqual([]);
    expect(readCsv('\n')).toEqual([['']]);
    expect(readCsv(',\n')).toEqual([['', '']]);
    expect(readCsv('a,\n,b')).toEqual([
      ['a', ''],
      ['', 'b'],
    ]);
    expect(readCsv('""')).toEqual([['']]);
    expect(readCsv('"",""\n')).toEqual([['', '']]);
    expect(readCsv('"a\r\nb",c')).toEqual([['a\r\nb', 'c']]);
    expect(readCsv('"a""b"""')).toEqual([['a"b"']]);
    expect(readCsv('a;b\n1;"2;3"', ';')).toEqual([
      ['a', 'b'],
      ['1', '2;3'],
    ]);
    expect(readCsv('a,b', ';')).toEqual([['a,b']]);
    expect(readCsv('a,')).toEqual([['a', '']]);
    expect(readCsv('a\n\nb')).toEqual([['a'], [''], ['b']]);
    expect(readCsv('a\r\rb')).toEqual([['a'], [''], ['b']]);
    // A BOM is dropped only at the very start.
    expect(readCsv('a\ufeff')).toEqual([['a\ufeff']]);
  });

  const failure = (text: string): [string, number, number] => {
    try {
      readCsv(text);
    } catch (error) {
      expect(error).toBeInstanceOf(CsvError);
      const e = error as CsvError;
      expect(e.name).toBe('CsvError');
      return [e.message, e.line, e.column];
    }
    return ['no error', 0, 0];
  };
  it.each([
    ['a"b', 'Unexpected quote inside a cell (line 1, column 2)', 1, 2],
    ['x,y\nab"c', 'Unexpected quote inside a cell (line 2, column 3)', 2, 3],
    ['"a"b', 'Unexpected character after a closing quote (line 1, column 4)', 1, 4],
    ['"a" ,b', 'Unexpected character after a closing quote (line 1, column 4)', 1, 4],
    ['x\n"a\nb"c', 'Unexpected character after a closing quote (line 3, column 3)', 3, 3],
    ['"abc', 'A quoted cell that starts here is never closed (line 1, column 1)', 1, 1],
    ['a,b\nc,"d', 'A quoted cell that starts here is never closed (line 2, column 3)', 2, 3],
    ['"a""b"x', 'Unexpected character after a closing quote (line 1, column 7)', 1, 7],
    ['a,"b""', 'A quoted cell that starts here is never closed (line 1, column 3)', 1, 3],
  ])('refuses %j: %s', (text, message, line, column) => {
    expect(failure(text)).toEqual([message, line, column]);
  });

  it('accepts a quote right after a delimiter or at a line start, even after an empty cell', () => {
    expect(readCsv('a,"b"\n"c",d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(readCsv(',"b"')).toEqual([['', 'b']]);
  });
});

describe('readCsv: where a line ends when it counts lines for an error', () => {
  it.each([
    ['a lone \\r inside quotes is no line end', '"a\rb"x', 1, 6],
    ['a \\n inside quotes is one', '"a\nb"x', 2, 3],
    ['\\r\\n inside quotes is one', '"a\r\nb"x', 2, 3],
    ['a lone \\r outside quotes is one', 'a\r"b"x', 2, 4],
    ['\\r\\n outside quotes is one', 'a\r\n"b"x', 2, 4],
    ['a doubled quote keeps the cell open', 'a,"b""\r""c"x', 1, 12],
    ['a BOM is not a column', '\ufeff"a"x', 1, 4],
    ['a BOM is not a character of the first line', '\ufeffa\n"b"x', 2, 4],
    ['two \\n are two line ends', 'a\n\n"b"x', 3, 4],
  ])('%s', (_, text, line, column) => {
    const error = (() => {
      try {
        readCsv(text);
      } catch (e) {
        return e as CsvError;
      }
      return null;
    })();
    expect([error?.line, error?.column]).toEqual([line, column]);
  });
});

/** Every way to cut the text in two, and in three at a stride. */
function splits(text: string): string[][] {
  const out: string[][] = [[text]];
  for (let i = 0; i <= text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  for (let i = 0; i < text.length; i += 2)
    for (let j = i; j <= text.length; j += 3)
      out.push([text.slice(0, i), text.slice(i, j), text.slice(j)]);
  return out;
}

function tokenize(parts: readonly string[], delimiter = ','): [string[][], CsvFault | null] {
  const rows: string[][] = [];
  const tokenizer = csvTokenizer((row) => rows.push(row), delimiter);
  for (const part of parts) tokenizer.push(part);
  expect(tokenizer.end()).toBe(tokenizer.fault === null);
  return [rows, tokenizer.fault];
}

describe('csvTokenizer: the incremental reader under readCsv', () => {
  const SOUND = [
    '\ufeffid,"he said ""hi"""\r\n1,"a, ""b""\r\nline"\r\n2,,""""\r3\n\n4,"",\r',
    'a;"b;c"\n1;2',
    '"",""\n',
    'a\ufeff,x',
  ];

  it.each(SOUND)('gives readCsv’s rows wherever the chunks are cut: %j', (text) => {
    const delimiter = text.includes(';') ? ';' : ',';
    const expected = readCsv(text, delimiter);
    for (const parts of splits(text))
      expect(tokenize(parts, delimiter), parts.join('|')).toEqual([expected, null]);
  });

  const BROKEN: [string, CsvFault][] = [
    ['a,b\n1"x",2\n', { message: 'Unexpected quote inside a cell', offset: 5 }],
    ['a,b\n"1"x,2\n', { message: 'Unexpected character after a closing quote', offset: 7 }],
    ['\ufeffa,"b""', { message: 'A quoted cell that starts here is never closed', offset: 2 }],
    ['x\r\n"a"\r\n"b', { message: 'A quoted cell that starts here is never closed', offset: 8 }],
  ];

  it.each(BROKEN)('finds the same fault wherever the chunks are cut: %j', (text, fault) => {
    expect(() => readCsv(text)).toThrow(fault.message);
    for (const parts of splits(text)) expect(tokenize(parts)[1], parts.join('|')).toEqual(fault);
  });

  it('CsvStreamReader says failed only once quoting is broken', () => {
    const reader = new CsvStreamReader();
    reader.push('a,b\n1,2\n');
    expect(reader.failed).toBe(false);
    reader.push('3"');
    expect(reader.failed).toBe(true);
    expect(reader.end()).toBe(false);
  });

  it('hands over each row as its line ends, and reads nothing after a fault', () => {
    const rows: string[][] = [];
    const tokenizer = csvTokenizer((row) => rows.push(row));
    tokenizer.push('a,b\r');
    expect(rows).toEqual([['a', 'b']]);
    tokenizer.push('\nc');
    expect(rows).toEqual([['a', 'b']]);
    tokenizer.push('"\nd\n');
    expect(tokenizer.fault).toEqual({ message: 'Unexpected quote inside a cell', offset: 6 });
    expect(rows).toEqual([['a', 'b']]);
    expect(tokenizer.end()).toBe(false);
    expect(rows).toEqual([['a', 'b']]);
  });
});
