import { RowCollector } from './parse.ts';

const QUOTE = 34; // "
const BACKSLASH = 92;
const OPEN_OBJECT = 123; // {
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91; // [
const CLOSE_ARRAY = 93;

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a JSON array of objects as it streams in, text chunk by text chunk, and hands over rows
 * as soon as each object is complete. It only finds where top-level elements end (tracking
 * strings, escapes and nesting); the native JSON.parse reads each batch of whole objects, so
 * escapes and numbers mean exactly what they mean to JSON.parse.
 *
 * Anything else (one object, a bare value, an array of scalars, broken JSON) leaves the reader
 * `unsupported`: the caller then reads the whole body with parseTable.
 */
export class JsonArrayReader {
  readonly rows = new RowCollector();
  state: 'start' | 'array' | 'done' | 'unsupported' = 'start';
  private buffer = '';
  /** Where scanning resumes in `buffer`. */
  private scan = 0;
  /** Nesting below the top-level array: 0 between elements. */
  private depth = 0;
  private inString = false;
  /** End (exclusive) of the last complete element in `buffer`. */
  private lastEnd = 0;
  /** Elements read so far. */
  private taken = 0;

  push(text: string): void {
    if (this.state === 'unsupported' || text === '') return;
    if (this.state === 'done') {
      if (text.trim() !== '') this.state = 'unsupported';
      return;
    }
    this.buffer += text;
    if (this.state === 'start') {
      let i = 0;
      while (i < this.buffer.length && isSpace(this.buffer.charCodeAt(i))) i++;
      if (i === this.buffer.length) return;
      if (this.buffer.charCodeAt(i) !== OPEN_ARRAY) {
        this.state = 'unsupported';
        this.buffer = '';
        return;
      }
      this.state = 'array';
      this.buffer = this.buffer.slice(i + 1);
      this.scan = 0;
    }
    this.advance();
  }

  /** Call once after the last chunk: false when the body was not a complete array of objects. */
  end(): boolean {
    if (this.state !== 'done') this.state = 'unsupported';
    this.buffer = '';
    return this.state === 'done';
  }

  private advance(): void {
    const text = this.buffer;
    const length = text.length;
    let i = this.scan;
    let closedAt = -1;
    while (i < length) {
      if (this.inString) {
        const quote = text.indexOf('"', i);
        if (quote < 0) {
          i = length;
          break;
        }
        let slashes = 0;
        for (let j = quote - 1; j >= 0 && text.charCodeAt(j) === BACKSLASH; j--) slashes++;
        i = quote + 1;
        // A trailing run of backslashes at the chunk's end cannot be judged yet: the quote
        // decides it, and it is in this buffer, so the count is complete here.
        if (slashes % 2 === 0) this.inString = false;
        continue;
      }
      const code = text.charCodeAt(i);
      if (code === QUOTE) this.inString = true;
      else if (code === OPEN_OBJECT || code === OPEN_ARRAY) this.depth++;
      else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
        if (this.depth === 0) {
          if (code === CLOSE_ARRAY) {
            closedAt = i;
            i++;
            break;
          }
          this.state = 'unsupported';
          return;
        }
        this.depth--;
        if (this.depth === 0) this.lastEnd = i + 1;
      }
      i++;
    }
    this.scan = i;
    if (closedAt >= 0) {
      // The array closed: everything since the last taken element is the final batch.
      if (!this.take(text.slice(0, closedAt))) return;
      this.state = 'done';
      const rest = text.slice(i);
      this.buffer = '';
      this.scan = 0;
      if (rest.trim() !== '') this.state = 'unsupported';
      return;
    }
    if (this.lastEnd > 0) {
      if (!this.take(text.slice(0, this.lastEnd))) return;
      this.buffer = text.slice(this.lastEnd);
      this.scan -= this.lastEnd;
      this.lastEnd = 0;
    }
  }

  /** Parses a run of whole elements (`{…},{…}`, maybe starting with a comma). */
  private take(run: string): boolean {
    let start = 0;
    while (start < run.length && isSpace(run.charCodeAt(start))) start++;
    if (start === run.length) return true;
    // After an element, the next one must follow a comma.
    if (this.taken > 0) {
      if (run.charCodeAt(start) !== 44 /* , */) {
        this.state = 'unsupported';
        return false;
      }
      start++;
    }
    const body = run.slice(start);
    if (body.trim() === '') {
      this.state = 'unsupported';
      return false;
    }
    let items: unknown;
    try {
      items = JSON.parse(`[${body}]`);
    } catch {
      this.state = 'unsupported';
      return false;
    }
    if (!Array.isArray(items) || !items.every(isRecord)) {
      this.state = 'unsupported';
      return false;
    }
    for (const item of items) this.rows.add(item);
    this.taken += items.length;
    return true;
  }
}
