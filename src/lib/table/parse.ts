import { readCsv } from '../csv/csv.ts';
import { childElements, readXml, type XmlElement, type XmlNode } from '../xml/xml.ts';
import type { TableData } from './types.ts';

export type TableFormat = 'json' | 'csv' | 'xml';

/**
 * A whole response body as a table, or null when it is not tabular (a bare number, a list of
 * plain values, an empty body, text that does not parse). REDCap's shapes: JSON arrays of
 * objects (one row each) or one object (one row); CSV with a header row; XML whose root holds
 * uniform `<item>` elements of `<field>value</field>` cells, or one such item as the root.
 */
export function parseTable(text: string, format: TableFormat): TableData | null {
  try {
    if (format === 'json') return jsonTable(JSON.parse(text) as unknown);
    if (format === 'csv') return csvTable(text);
    return xmlTable(readXml(text));
  } catch {
    return null;
  }
}

/** A JSON value as a cell: REDCap sends strings; numbers and booleans become their text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rows of objects → columns in first-seen order, missing keys as ''. */
export class RowCollector {
  readonly columns: string[] = [];
  readonly rows: string[][] = [];
  private readonly index = new Map<string, number>();

  add(object: Readonly<Record<string, unknown>>): void {
    const row: string[] = new Array<string>(this.columns.length).fill('');
    for (const key of Object.keys(object)) {
      let at = this.index.get(key);
      if (at === undefined) {
        at = this.columns.length;
        this.index.set(key, at);
        this.columns.push(key);
      }
      row[at] = cellText(object[key]);
    }
    this.rows.push(row);
  }

  /** Rows collected before a later row added a column get '' for it. */
  padded(): TableData {
    const width = this.columns.length;
    for (const row of this.rows) while (row.length < width) row.push('');
    return { columns: this.columns, rows: this.rows };
  }
}

function jsonTable(value: unknown): TableData | null {
  const items = Array.isArray(value) ? value : [value];
  if (!items.every(isRecord)) return null;
  const collector = new RowCollector();
  for (const item of items) collector.add(item);
  return collector.padded();
}

function csvTable(text: string): TableData | null {
  if (text.startsWith('ERROR:')) return null;
  const [header, ...rows] = readCsv(text);
  if (!header || header.every((cell) => cell === '')) return null;
  // A bare value ("3", "1") is one cell with nothing under it: not a table.
  if (header.length === 1 && rows.length === 0) return null;
  const width = header.length;
  for (const row of rows) while (row.length < width) row.push('');
  return { columns: header, rows };
}

function hasText(nodes: readonly XmlNode[]): boolean {
  return nodes.some((node) => typeof node === 'string' && node.trim() !== '');
}

function allText(element: XmlElement): string {
  return element.children
    .map((child) => (typeof child === 'string' ? child : allText(child)))
    .join('');
}

function isItem(element: XmlElement): boolean {
  return !hasText(element.children) && childElements(element).length > 0;
}

function xmlTable(root: XmlElement): TableData | null {
  if (hasText(root.children)) return null;
  const children = childElements(root);
  const collector = new RowCollector();
  const addItem = (item: XmlElement): void => {
    const cells: Record<string, string> = {};
    for (const cell of childElements(item)) cells[cell.name] = allText(cell);
    collector.add(cells);
  };
  if (children.length === 0) return collector.padded();
  const first = children[0]!;
  if (children.every((child) => child.name === first.name && isItem(child))) {
    for (const item of children) addItem(item);
    return collector.padded();
  }
  // The root itself is the one item (project info, or a single object) when every child is a
  // text cell.
  if (children.every((child) => childElements(child).length === 0)) {
    addItem(root);
    return collector.padded();
  }
  return null;
}
