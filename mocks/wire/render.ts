import { csvCell } from '../../src/lib/csv/csv.ts';
import { foldPhpPairs, scalarField, type FormFields } from '../../src/lib/redcap/decode.ts';

/**
 * Response bodies as REDCap writes them (redcap-api.md §1.6, §1.8, §2.2, §2.3): payloads in
 * `format`, errors and write results in `returnFormat`. Choices where REDCap is unknown are
 * listed in mocks/README.md.
 */

export type Format = 'json' | 'csv' | 'xml';
/** What `format` may select; `odm` only for the methods that know it. */
export type DataFormat = Format | 'odm';

export interface MockResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | string;
}

export const CONTENT_TYPES: Readonly<Record<Format, string>> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" ?>';

/** REDCap's texts for a status when the code gives none (§1.8). */
export const DEFAULT_400 =
  'There were errors with your request. If you are sending data, then it might be due to the data being misformatted.';
export const NOT_IMPLEMENTED = 'The requested method is not implemented.';

const FORMATS: readonly string[] = ['json', 'csv', 'xml'];

export interface Formats {
  /** The payload format: case-sensitive, anything else is xml (§1.9). */
  readonly format: DataFormat;
  /** Lower-cased; if not json/csv/xml it falls back to format (odm → xml), then xml (§1.6). */
  readonly returnFormat: Format;
}

/**
 * The format a payload is written in: `odm` is a project XML document only where a method
 * knows it; everywhere else REDCap writes its XML (§1.9).
 */
export function payloadFormat(format: DataFormat): Format {
  return format === 'odm' ? 'xml' : format;
}

export function resolveFormats(fields: FormFields): Formats {
  const raw = scalarField(fields, 'format') ?? '';
  const format: DataFormat = raw === 'odm' || FORMATS.includes(raw) ? (raw as DataFormat) : 'xml';
  const rf = (scalarField(fields, 'returnFormat') ?? '').toLowerCase();
  const returnFormat = FORMATS.includes(rf) ? (rf as Format) : payloadFormat(format);
  return { format, returnFormat };
}

/** Formats of a request that has no body (non-POST): from the query string, if any. */
export function resolveQueryFormats(url: string): Formats {
  const search = new URL(url, 'http://mock.invalid/').searchParams;
  return resolveFormats(foldPhpPairs(search));
}

export function respond(status: number, format: Format, body: string): MockResponse {
  return { status, headers: { 'content-type': CONTENT_TYPES[format] }, body };
}

export function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The three error shapes (§1.8): `{"error":"…"}`, `ERROR: …`, `<hash><error>…</error></hash>`. */
export function errorBody(message: string, format: Format): string {
  switch (format) {
    case 'json':
      return JSON.stringify({ error: message });
    case 'csv':
      return `ERROR: ${message}`;
    case 'xml':
      return `${XML_DECLARATION}\n<hash><error>${escapeXmlText(message)}</error></hash>`;
  }
}

export function errorResponse(status: number, message: string, format: Format): MockResponse {
  return respond(status, format, errorBody(message, format));
}

/** A value in CDATA; `]]>` inside is split across two sections. Blank → nothing. */
function cdata(value: string): string {
  return value === '' ? '' : `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

function xmlElement(name: string, value: string): string {
  return `<${name}>${cdata(value)}</${name}>`;
}

export type Cell = string | number;
export type Row = Readonly<Record<string, Cell>>;

export interface TableOptions {
  /** CSV delimiter (`,` `\t` `;` `|` `^`). */
  readonly csvDelimiter?: string;
  /** CSV header cells, when they differ from the column names (rawOrLabelHeaders=label). */
  readonly csvHeader?: readonly string[];
  /**
   * Quote a CSV cell only when it holds the delimiter, a quote or a line break (not spaces):
   * how REDCap writes some exports by hand rather than with fputcsv (mocks/README.md).
   */
  readonly csvMinimalQuotes?: boolean;
}

/** JSON string literal; the fast path skips JSON.stringify when nothing needs escaping. */
// eslint-disable-next-line no-control-regex -- JSON must escape control characters.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
export function jsonString(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/**
 * Rows given as arrays of cells in column order. JSON: an array of objects (keys in column
 * order; numbers stay numbers), CSV: header + rows (fputcsv quoting, header only when empty),
 * XML: `<records>` with one `<item>` per row. Written by hand, without an object per row, so
 * a 10,000 × 50 export costs about what JSON.stringify of the same rows does.
 */
export function renderMatrix(
  columns: readonly string[],
  rows: readonly (readonly Cell[])[],
  format: Format,
  options: TableOptions = {},
): string {
  switch (format) {
    case 'json': {
      // Objects cloned from one template keep V8's fast shape, so JSON.stringify runs its
      // fast path: this costs about twice JSON.stringify of the rows, without garbage per cell.
      const template: Record<string, Cell> = {};
      for (const c of columns) template[c] = '';
      const shaped = JSON.parse(JSON.stringify(template)) as Record<string, Cell>;
      const objects = rows.map((row) => {
        const o = { ...shaped };
        for (let i = 0; i < columns.length; i++) o[columns[i]!] = row[i] ?? '';
        return o;
      });
      return JSON.stringify(objects);
    }
    case 'csv': {
      const delimiter = options.csvDelimiter ?? ',';
      const quote = options.csvMinimalQuotes
        ? (value: string) =>
            value.includes(delimiter) || /["\r\n]/.test(value)
              ? `"${value.replace(/"/g, '""')}"`
              : value
        : (value: string) => csvCell(value, delimiter);
      const lines = [options.csvHeader ?? columns, ...rows].map(
        (row) => row.map((cell) => quote(String(cell))).join(delimiter) + '\n',
      );
      return lines.join('');
    }
    case 'xml': {
      const open = columns.map((c) => `<${c}>`);
      const close = columns.map((c) => `</${c}>`);
      const items: string[] = [];
      for (const row of rows) {
        let item = '<item>';
        for (let i = 0; i < columns.length; i++) {
          const value = String(row[i] ?? '');
          item += open[i]! + cdata(value) + close[i]!;
        }
        items.push(`${item}</item>\n`);
      }
      return `${XML_DECLARATION}\n<records>\n${items.join('')}</records>`;
    }
  }
}

/** A list of row objects, rendered as {@link renderMatrix} does. */
export function renderTable(
  columns: readonly string[],
  rows: readonly Row[],
  format: Format,
  options: TableOptions = {},
): string {
  return renderMatrix(
    columns,
    rows.map((row) => columns.map((c) => row[c] ?? '')),
    format,
    options,
  );
}

/** One object (Export Project Info): JSON object, CSV header + one row, XML `<project>`. */
export function renderObject(row: Row, format: Format, xmlRoot: string): string {
  const columns = Object.keys(row);
  switch (format) {
    case 'json':
      return JSON.stringify(row);
    case 'csv':
      return renderTable(columns, [row], 'csv');
    case 'xml':
      return `${XML_DECLARATION}\n<${xmlRoot}>${columns.map((c) => xmlElement(c, String(row[c]))).join('')}</${xmlRoot}>`;
  }
}

/** A small write result with a fixed XML shape (§2.2), e.g. `<count>2</count>`. */
export function xmlScalar(tag: string, value: string): string {
  return `${XML_DECLARATION}<${tag}>${escapeXmlText(value)}</${tag}>`;
}

/** The shapes of §2.2, in returnFormat. */
export function importAnswer(
  format: Format,
  content: 'count' | 'ids' | 'auto_ids',
  ids: readonly string[],
): MockResponse {
  if (content === 'count') {
    const n = String(ids.length);
    const body = { json: `{"count": ${n}}`, csv: n, xml: xmlScalar('count', n) }[format];
    return respond(200, format, body);
  }
  if (format === 'json') return respond(200, format, JSON.stringify(ids));
  if (format === 'csv') {
    const header = content === 'ids' ? 'id' : 'id,original_id';
    return respond(200, format, [header, ...ids].join('\n'));
  }
  const items = ids.map((id) => `<id>${escapeXmlText(id)}</id>`).join('');
  return respond(200, format, `${XML_DECLARATION}<ids>${items}</ids>`);
}
