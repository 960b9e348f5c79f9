/**
 * A small XML reader in plain TypeScript: Node and Web Workers have no DOMParser. Enough for
 * what REDCap sends and accepts (elements, attributes, text, CDATA, entities, comments,
 * declarations); errors say where, by line and column.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {
  override readonly name = 'XmlError';
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(`${message} (line ${line}, column ${column})`);
    this.line = line;
    this.column = column;
  }
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

export function readXml(text: string): XmlElement {
  let pos = text.startsWith('\ufeff') ? 1 : 0;

  function where(at = pos): [number, number] {
    let line = 1;
    let col = 1;
    for (let i = 0; i < at && i < text.length; i++) {
      if (text[i] === '\n') {
        line++;
        col = 1;
      } else col++;
    }
    return [line, col];
  }
  function fail(message: string, at = pos): never {
    const [line, col] = where(at);
    throw new XmlError(message, line, col);
  }
  function skipSpace(): void {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  }
  function readName(): string {
    NAME.lastIndex = pos;
    const m = NAME.exec(text);
    if (!m) fail('Expected a name');
    pos += m[0].length;
    return m[0];
  }
  function decode(raw: string, start: number): string {
    return raw.replace(
      /&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);|&/g,
      (match, entity: string, off: number) => {
        if (!entity) fail('A bare & must be written &amp;', start + off);
        if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
        if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
        const value = ENTITIES[entity];
        if (value === undefined) fail(`Unknown entity &${entity};`, start + off);
        return value;
      },
    );
  }
  function skipUntil(end: string, what: string): void {
    const at = text.indexOf(end, pos);
    if (at < 0) fail(`${what} is not closed`);
    pos = at + end.length;
  }
  function skipMisc(): void {
    for (;;) {
      skipSpace();
      if (text.startsWith('<?', pos)) skipUntil('?>', 'A declaration');
      else if (text.startsWith('<!--', pos)) skipUntil('-->', 'A comment');
      else if (text.startsWith('<!DOCTYPE', pos)) skipUntil('>', 'A DOCTYPE');
      else return;
    }
  }
  function readElement(): XmlElement {
    const open = pos;
    if (text[pos] !== '<') fail('Expected an element');
    pos++;
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (text.startsWith('/>', pos)) {
        pos += 2;
        return { name, attributes, children: [] };
      }
      if (text[pos] === '>') {
        pos++;
        break;
      }
      if (pos >= text.length) fail(`<${name}> is not closed`, open);
      const attr = readName();
      skipSpace();
      if (text[pos] !== '=') fail(`Expected = after attribute ${attr}`);
      pos++;
      skipSpace();
      const quote = text[pos];
      if (quote !== '"' && quote !== "'") fail('Attribute values must be quoted');
      const end = text.indexOf(quote, pos + 1);
      if (end < 0) fail('An attribute value is not closed');
      attributes[attr] = decode(text.slice(pos + 1, end), pos + 1);
      pos = end + 1;
    }
    const children: XmlNode[] = [];
    let buffer = '';
    for (;;) {
      if (pos >= text.length) fail(`<${name}> is never closed`, open);
      if (text.startsWith('</', pos)) {
        pos += 2;
        const closing = readName();
        if (closing !== name)
          fail(`Expected </${name}> but found </${closing}>`, pos - closing.length - 2);
        skipSpace();
        if (text[pos] !== '>') fail('Expected >');
        pos++;
        if (buffer) children.push(buffer);
        return { name, attributes, children };
      }
      if (text.startsWith('<![CDATA[', pos)) {
        const end = text.indexOf(']]>', pos);
        if (end < 0) fail('A CDATA section is not closed');
        buffer += text.slice(pos + 9, end);
        pos = end + 3;
      } else if (text.startsWith('<!--', pos)) {
        skipUntil('-->', 'A comment');
      } else if (text[pos] === '<') {
        if (buffer) children.push(buffer);
        buffer = '';
        children.push(readElement());
      } else {
        const next = text.indexOf('<', pos);
        const end = next < 0 ? text.length : next;
        buffer += decode(text.slice(pos, end), pos);
        pos = end;
      }
    }
  }

  skipMisc();
  if (pos >= text.length) fail('The XML is empty');
  const root = readElement();
  skipMisc();
  if (pos < text.length) fail('Only one root element is allowed');
  return root;
}

/** The text inside an element (its text children joined). */
export function textOf(element: XmlElement): string {
  return element.children.filter((c): c is string => typeof c === 'string').join('');
}

/** Child elements, optionally only those with the given name. */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter(
    (c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name),
  );
}
