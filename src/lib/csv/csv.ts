import { csvTokenizer } from './stream.ts';

export { CsvStreamReader, csvTokenizer, type CsvFault, type CsvTokenizer } from './stream.ts';

/**
 * CSV as REDCap writes it (PHP fputcsv): a cell is quoted when it holds the delimiter, a quote,
 * a space, a tab, a newline or a backslash; quotes are doubled; every line ends with \n.
 */
export function csvCell(value: string, delimiter = ','): string {
  const needsQuotes = value.includes(delimiter) || /["\s\\]/.test(value) || value.includes('\r');
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

export function writeCsv(rows: readonly (readonly string[])[], delimiter = ','): string {
  return rows
    .map((row) => row.map((cell) => csvCell(cell, delimiter)).join(delimiter) + '\n')
    .join('');
}

export class CsvError extends Error {
  override readonly name = 'CsvError';
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(`${message} (line ${line}, column ${column})`);
    this.line = line;
    this.column = column;
  }
}

/** Reads a whole CSV body (RFC 4180 quoting, \n, \r\n or \r line ends); errors say where. */
export function readCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  const tokenizer = csvTokenizer((row) => rows.push(row), delimiter);
  tokenizer.push(text);
  tokenizer.end();
  const fault = tokenizer.fault;
  if (fault) {
    const [line, column] = positionOf(
      text.startsWith('\ufeff') ? text.slice(1) : text,
      fault.offset,
    );
    throw new CsvError(fault.message, line, column);
  }
  return rows;
}

/**
 * Line and column (from 1) of an offset in a text whose quoting is sound before it. A quote
 * flips in or out of a quoted cell (a doubled one flips twice); \n always ends a line, \r\n
 * and \r only outside quotes.
 */
function positionOf(input: string, offset: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  let quoted = false;
  for (let i = 0; i < offset; i++) {
    const ch = input[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n' || (ch === '\r' && !quoted)) {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      line++;
      lineStart = i + 1;
    }
  }
  return [line, offset - lineStart + 1];
}
