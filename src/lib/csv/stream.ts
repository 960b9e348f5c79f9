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

export class CsvTokenizer {
  /** Set by the first broken quoting; nothing is read after it. */
  fault: CsvFault | null = null;
  private readonly delimiter: string;
  private readonly onRow: (row: string[]) => void;
  private row: string[] = [];
  /** The current cell's text so far (from earlier chunks). */
  private cell = '';
  private cellStarted = false;
  private quoted = false;
  /** Where the open quoted cell's quote is. */
  private quoteAt = 0;
  /** A quote inside a quoted cell ended the chunk: doubled or closing, the next char decides. */
  private quotePending = false;
  /** A closing quote was read: only a delimiter or a line end may follow. */
  private closed = false;
  /** A \r ended the chunk: a \n right after it belongs to the same line end. */
  private skipLf = false;
  private started = false;
  /** Characters before the current chunk, a BOM not counted. */
  private consumed = 0;

  constructor(onRow: (row: string[]) => void, delimiter = ',') {
    this.onRow = onRow;
    this.delimiter = delimiter;
  }

  push(text: string): void {
    if (this.fault || text === '') return;
    let i = 0;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    // text[k] is at offset base + k.
    const base = this.consumed - i;
    this.consumed = base + text.length;
    const d = this.delimiter;
    const length = text.length;
    if (this.skipLf) {
      this.skipLf = false;
      if (text[i] === '\n') i++;
    }
    if (this.quotePending) {
      this.quotePending = false;
      if (text[i] === '"') {
        this.cell += '"';
        i++;
      } else {
        this.quoted = false;
        this.closed = true;
      }
    }
    while (i < length) {
      if (this.quoted) {
        const quote = text.indexOf('"', i);
        if (quote < 0) {
          this.cell += text.slice(i);
          return;
        }
        this.cell += text.slice(i, quote);
        if (quote + 1 === length) {
          this.quotePending = true;
          return;
        }
        if (text[quote + 1] === '"') {
          this.cell += '"';
          i = quote + 2;
          continue;
        }
        this.quoted = false;
        this.closed = true;
        i = quote + 1;
        continue;
      }
      const ch = text[i]!;
      if (this.closed) {
        this.closed = false;
        if (ch !== d && ch !== '\n' && ch !== '\r') {
          this.fault = { message: 'Unexpected character after a closing quote', offset: base + i };
          return;
        }
      }
      if (ch === '"') {
        if (this.cellStarted && this.cell !== '') {
          this.fault = { message: 'Unexpected quote inside a cell', offset: base + i };
          return;
        }
        this.quoted = true;
        this.quoteAt = base + i;
        this.cellStarted = true;
        i++;
        continue;
      }
      if (ch === d) {
        this.endCell();
        i++;
        continue;
      }
      if (ch === '\n' || ch === '\r') {
        this.endCell();
        this.endRow();
        if (ch === '\r') {
          if (i + 1 === length) {
            this.skipLf = true;
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
      this.cell += text.slice(i, j);
      this.cellStarted = true;
      i = j;
    }
  }

  /** Call once after the last chunk: false when quoting was broken. */
  end(): boolean {
    if (this.fault) return false;
    if (this.quotePending) {
      this.quotePending = false;
      this.quoted = false;
    }
    if (this.quoted) {
      this.fault = {
        message: 'A quoted cell that starts here is never closed',
        offset: this.quoteAt,
      };
      return false;
    }
    if (this.cellStarted || this.cell !== '' || this.row.length > 0) {
      this.endCell();
      this.endRow();
    }
    return true;
  }

  private endCell(): void {
    this.row.push(this.cell);
    this.cell = '';
    this.cellStarted = false;
  }

  private endRow(): void {
    const row = this.row;
    this.row = [];
    this.onRow(row);
  }
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
    this.tokenizer = new CsvTokenizer((row) => this.take(row), delimiter);
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
