/**
 * The one CSV tokenizer (RFC 4180 quoting, \n, \r\n or \r line ends, a leading BOM dropped).
 * It reads text as it streams in and hands over whole rows as soon as their line ends, whatever
 * the chunk boundaries: inside a quoted cell, between a doubled quote's two halves, or between
 * \r and \n. readCsv (csv.ts) is the same tokenizer given the whole body at once.
 */

/** Broken quoting: what is wrong, and where (characters from the start, a BOM not counted). */
export interface CsvFault {
  readonly message: string;
  readonly offset: number;
}

/** Feed it text with push(), then call end() once; rows arrive through `onRow`. */
export interface CsvTokenizer {
  /** Set by the first broken quoting; nothing is read after it. */
  readonly fault: CsvFault | null;
  push(text: string): void;
  /** Call once after the last chunk: false when quoting was broken. */
  end(): boolean;
}

// A closure rather than a class: the state is local variables, which the minifier shortens
// (this runs in the entry chunk, through the data check of the form).
export function csvTokenizer(onRow: (row: string[]) => void, delimiter = ','): CsvTokenizer {
  let fault: CsvFault | null = null;
  let row: string[] = [];
  /** The current cell's text so far (from earlier chunks). */
  let cell = '';
  let cellStarted = false;
  let quoted = false;
  /** Where the open quoted cell's quote is. */
  let quoteAt = 0;
  /** A quote inside a quoted cell ended the chunk: doubled or closing, the next char decides. */
  let quotePending = false;
  /** A closing quote was read: only a delimiter or a line end may follow. */
  let closed = false;
  /** A \r ended the chunk: a \n right after it belongs to the same line end. */
  let skipLf = false;
  let started = false;
  /** Characters before the current chunk, a BOM not counted. */
  let consumed = 0;
  const d = delimiter;

  const endCell = (): void => {
    row.push(cell);
    cell = '';
    cellStarted = false;
  };
  const endRow = (): void => {
    const done = row;
    row = [];
    onRow(done);
  };

  function push(text: string): void {
    if (fault || text === '') return;
    let i = 0;
    if (!started) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    // text[k] is at offset base + k.
    const base = consumed - i;
    consumed = base + text.length;
    const length = text.length;
    if (skipLf) {
      skipLf = false;
      if (text[i] === '\n') i++;
    }
    if (quotePending) {
      quotePending = false;
      if (text[i] === '"') {
        cell += '"';
        i++;
      } else {
        quoted = false;
        closed = true;
      }
    }
    while (i < length) {
      if (quoted) {
        const quote = text.indexOf('"', i);
        if (quote < 0) {
          cell += text.slice(i);
          return;
        }
        cell += text.slice(i, quote);
        if (quote + 1 === length) {
          quotePending = true;
          return;
        }
        if (text[quote + 1] === '"') {
          cell += '"';
          i = quote + 2;
          continue;
        }
        quoted = false;
        closed = true;
        i = quote + 1;
        continue;
      }
      const ch = text[i]!;
      if (closed) {
        closed = false;
        if (ch !== d && ch !== '\n' && ch !== '\r') {
          fault = { message: 'Unexpected character after a closing quote', offset: base + i };
          return;
        }
      }
      if (ch === '"') {
        if (cellStarted && cell !== '') {
          fault = { message: 'Unexpected quote inside a cell', offset: base + i };
          return;
        }
        quoted = true;
        quoteAt = base + i;
        cellStarted = true;
        i++;
        continue;
      }
      if (ch === d) {
        endCell();
        i++;
        continue;
      }
      if (ch === '\n' || ch === '\r') {
        endCell();
        endRow();
        if (ch === '\r') {
          if (i + 1 === length) {
            skipLf = true;
            return;
          }
          if (text[i + 1] === '\n') i++;
        }
        i++;
        continue;
      }
      // A run of plain characters up to the next delimiter, line end or quote.
      let j = i + 1;
      while (j < length) {
        const c = text[j]!;
        if (c === d || c === '\n' || c === '\r' || c === '"') break;
        j++;
      }
      cell += text.slice(i, j);
      cellStarted = true;
      i = j;
    }
  }

  function end(): boolean {
    if (fault) return false;
    if (quotePending) {
      quotePending = false;
      quoted = false;
    }
    if (quoted) {
      fault = { message: 'A quoted cell that starts here is never closed', offset: quoteAt };
      return false;
    }
    if (cellStarted || cell !== '' || row.length > 0) {
      endCell();
      endRow();
    }
    return true;
  }

  return {
    get fault() {
      return fault;
    },
    push,
    end,
  };
}

/**
 * A table as it streams in: the first row is the header, later rows are padded to its width.
 * Broken quoting leaves the reader `failed`, where readCsv would throw.
 */
export class CsvStreamReader {
  header: string[] | null = null;
  readonly rows: string[][] = [];
  private readonly tokenizer: CsvTokenizer;

  constructor(delimiter = ',') {
    this.tokenizer = csvTokenizer((row) => this.take(row), delimiter);
  }

  get failed(): boolean {
    return this.tokenizer.fault !== null;
  }

  push(text: string): void {
    this.tokenizer.push(text);
  }

  /** Call once after the last chunk: false when quoting was broken. */
  end(): boolean {
    return this.tokenizer.end();
  }

  private take(row: string[]): void {
    if (this.header === null) {
      this.header = row;
      return;
    }
    const width = this.header.length;
    while (row.length < width) row.push('');
    this.rows.push(row);
  }
}
