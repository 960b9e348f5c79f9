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

/** Reads CSV (RFC 4180 quoting, \n or \r\n line ends); errors say where. */
export function readCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let line = 1;
  let col = 1;
  let quoted = false;
  let quoteAt: [number, number] = [1, 1];
  let cellStarted = false;
  const input = text.startsWith('\ufeff') ? text.slice(1) : text;
  while (i < input.length) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          cell += '"';
          i += 2;
          col += 2;
          continue;
        }
        quoted = false;
        i++;
        col++;
        const next = input[i];
        if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
          throw new CsvError('Unexpected character after a closing quote', line, col);
        }
        continue;
      }
      if (ch === '\n') {
        line++;
        col = 0;
      }
      cell += ch;
      i++;
      col++;
      continue;
    }
    if (ch === '"') {
      if (cellStarted && cell !== '')
        throw new CsvError('Unexpected quote inside a cell', line, col);
      quoted = true;
      quoteAt = [line, col];
      cellStarted = true;
      i++;
      col++;
      continue;
    }
    if (ch === delimiter) {
      row.push(cell);
      cell = '';
      cellStarted = false;
      i++;
      col++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      cellStarted = false;
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line++;
      col = 1;
      continue;
    }
    cell += ch;
    cellStarted = true;
    i++;
    col++;
  }
  if (quoted) throw new CsvError('A quoted cell that starts here is never closed', ...quoteAt);
  if (cellStarted || cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
