/**
 * A small XML reader in plain TypeScript: Node and Web Workers have no DOMParser. Enough for
 * what REDCap sends and accepts (elements, attributes, text, CDATA, the five predefined entities
 * and character references, comments, declarations); errors say where, by line and column.
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
const ENTITIES: Readonly<Record<string, string>> = Object.assign(
  Object.create(null) as Record<string, string>,
  {
    lt: '<',
    gt: '>',
    amp: '&',
    quot: '"',
    apos: "'",
  },
);

/** Elements nested deeper than this are refused (REDCap's libxml refuses deep nesting too). */
export const MAX_XML_DEPTH = 1000;

/** XML 1.0's Char production: what a character reference may name. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

interface OpenElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlNode[];
  readonly open: number;
  buffer: string;
}

/**
 * Reads one document. Iterative (an explicit stack, no recursion), so nesting cannot overflow
 * the call stack; deeper than MAX_XML_DEPTH is an error. A DOCTYPE is refused outright: no
 * entity is ever defined or expanded beyond the five predefined ones (no billion laughs, no
 * external entities). Attribute maps have no prototype: names from the document are data.
 */
export function readXml(text: string): XmlElement {
  let pos = text.startsWith('\ufeff') ? 1 : 0;

  function where(at = pos): [number, number] {
    let line = 1;
    let col = 1;
    for (let i = 0; i < at && i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
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
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c !== 0x20 && c !== 0x9 && c !== 0xa && c !== 0xd) return;
      pos++;
    }
  }
  function readName(): string {
    NAME.lastIndex = pos;
    const m = NAME.exec(text);
    if (!m) fail('Expected a name');
    pos += m[0].length;
    return m[0];
  }
  function decode(raw: string, start: number): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(
      /&(#x[0-9a-fA-F]+|#\d+|[A-Za-z][A-Za-z0-9]*);|&/g,
      (match, entity: string | undefined, off: number) => {
        if (!entity) fail('A bare & must be written &amp;', start + off);
        if (entity.startsWith('#')) {
          const hex = entity.startsWith('#x');
          const digits = entity.slice(hex ? 2 : 1);
          // Any number of leading zeros is allowed (XML 1.0 §4.1, as libxml reads it); a number
          // too large for a Char (up to Infinity) is refused by isXmlChar.
          const code = parseInt(digits, hex ? 16 : 10);
          if (!isXmlChar(code))
            fail(`The character reference ${match} is not allowed`, start + off);
          return String.fromCodePoint(code);
        }
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
      else if (text.startsWith('<!DOCTYPE', pos)) fail('A DOCTYPE is not allowed');
      else return;
    }
  }
  /** Reads `<name attr="…"…>` or `<name …/>` at pos; true when it is self-closing. */
  function readStartTag(): { name: string; attributes: Record<string, string>; empty: boolean } {
    if (text[pos] !== '<') fail('Expected an element');
    const open = pos;
    pos++;
    const name = readName();
    const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
    for (;;) {
      skipSpace();
      if (text.startsWith('/>', pos)) {
        pos += 2;
        return { name, attributes, empty: true };
      }
      if (text[pos] === '>') {
        pos++;
        return { name, attributes, empty: false };
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
      if (attr in attributes) fail(`The attribute ${attr} is repeated`);
      const raw = text.slice(pos + 1, end);
      if (raw.includes('<')) fail('An attribute value may not hold <', pos + 1 + raw.indexOf('<'));
      attributes[attr] = decode(raw, pos + 1);
      pos = end + 1;
    }
  }

  skipMisc();
  if (pos >= text.length) fail('The XML is empty');
  const rootOpen = pos;
  const first = readStartTag();
  let root: XmlElement;
  if (first.empty) {
    root = { name: first.name, attributes: first.attributes, children: [] };
  } else {
    const stack: OpenElement[] = [
      { name: first.name, attributes: first.attributes, children: [], open: rootOpen, buffer: '' },
    ];
    let done: XmlElement | null = null;
    while (done === null) {
      const top = stack[stack.length - 1]!;
      if (pos >= text.length) fail(`<${top.name}> is never closed`, top.open);
      if (text.startsWith('</', pos)) {
        pos += 2;
        const closing = readName();
        if (closing !== top.name)
          fail(`Expected </${top.name}> but found </${closing}>`, pos - closing.length - 2);
        skipSpace();
        if (text[pos] !== '>') fail('Expected >');
        pos++;
        if (top.buffer) top.children.push(top.buffer);
        stack.pop();
        const element: XmlElement = {
          name: top.name,
          attributes: top.attributes,
          children: top.children,
        };
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(element);
        else done = element;
      } else if (text.startsWith('<![CDATA[', pos)) {
        const end = text.indexOf(']]>', pos);
        if (end < 0) fail('A CDATA section is not closed');
        top.buffer += text.slice(pos + 9, end);
        pos = end + 3;
      } else if (text.startsWith('<!--', pos)) {
        skipUntil('-->', 'A comment');
      } else if (text.startsWith('<!', pos)) {
        fail('A DOCTYPE or declaration is not allowed here');
      } else if (text.startsWith('<?', pos)) {
        skipUntil('?>', 'A processing instruction');
      } else if (text[pos] === '<') {
        if (top.buffer) top.children.push(top.buffer);
        top.buffer = '';
        const open = pos;
        const tag = readStartTag();
        if (tag.empty) {
          top.children.push({ name: tag.name, attributes: tag.attributes, children: [] });
        } else {
          if (stack.length >= MAX_XML_DEPTH) {
            fail(`Elements are nested deeper than ${MAX_XML_DEPTH} levels`, open);
          }
          stack.push({
            name: tag.name,
            attributes: tag.attributes,
            children: [],
            open,
            buffer: '',
          });
        }
      } else {
        const next = text.indexOf('<', pos);
        const end = next < 0 ? text.length : next;
        top.buffer += decode(text.slice(pos, end), pos);
        pos = end;
      }
    }
    root = done;
  }
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
