import { describe, expect, it } from 'vitest';
import {
  childElements,
  MAX_XML_DEPTH,
  readXml,
  textOf,
  XmlError,
  type XmlNode,
} from '../../src/lib/xml/xml.ts';

describe('readXml', () => {
  it('reads REDCap’s record XML with CDATA values', () => {
    const root = readXml(
      '<?xml version="1.0" encoding="UTF-8" ?>\n<records>\n<item><record_id><![CDATA[1]]></record_id><notes><![CDATA[a <b> & "c"]]></notes></item>\n</records>',
    );
    expect(root.name).toBe('records');
    const items = childElements(root, 'item');
    expect(items).toHaveLength(1);
    const [id, notes] = childElements(items[0]!);
    expect(textOf(id!)).toBe('1');
    expect(textOf(notes!)).toBe('a <b> & "c"');
  });

  it('decodes entities and reads attributes', () => {
    const root = readXml(`<a x="1 &amp; 2" y='&lt;'>&#65;&#x42;&quot;</a>`);
    expect(root.attributes).toEqual({ x: '1 & 2', y: '<' });
    expect(textOf(root)).toBe('AB"');
  });

  it('skips comments and self-closes', () => {
    const root = readXml('<!-- hi --><r><!-- in --><e/></r>');
    expect(childElements(root).map((e) => e.name)).toEqual(['e']);
  });

  it.each([
    ['<records><item></records>', 1, 16, 'Expected </item>'],
    ['<records>\n<item>\n</item>', 1, 1, 'never closed'],
    ['<a>fish & chips</a>', 1, 9, '&amp;'],
    ['', 1, 1, 'empty'],
    ['<a></a><b></b>', 1, 8, 'one root'],
  ])('says where %j is broken', (xml, line, column, message) => {
    let error: unknown = null;
    try {
      readXml(xml);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XmlError);
    expect((error as XmlError).message).toContain(message);
    expect([(error as XmlError).line, (error as XmlError).column]).toEqual([line, column]);
  });

  it.each([
    ['<a>&#x110000;</a>', 'character reference'],
    ['<a>&#0;</a>', 'character reference'],
    ['<a>&#99999999999999999999;</a>', 'character reference'],
    ['<a x="&#xD800;"/>', 'character reference'],
    ['<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', 'DOCTYPE'],
    ['<a><!DOCTYPE a></a>', 'DOCTYPE'],
    ['<a>&e;</a>', 'Unknown entity'],
    ['<a x="1" x="2"/>', 'repeated'],
  ])('refuses %j with an XmlError, never a RangeError', (xml, message) => {
    expect(() => readXml(xml)).toThrow(XmlError);
    expect(() => readXml(xml)).toThrow(message);
  });

  it('reads astral characters by reference', () => {
    expect(textOf(readXml('<a>&#x1F600;&#x10FFFF;</a>'))).toBe('\u{1F600}\u{10FFFF}');
  });

  it('answers 200,000 levels of nesting with an XmlError, not a stack overflow', () => {
    const deep = '<a>'.repeat(200_000) + '</a>'.repeat(200_000);
    expect(() => readXml(deep)).toThrow(/nested deeper than 1000/);
    const ok = '<a>'.repeat(MAX_XML_DEPTH) + 'x' + '</a>'.repeat(MAX_XML_DEPTH);
    let e = readXml(ok);
    for (let i = 1; i < MAX_XML_DEPTH; i++) e = childElements(e)[0]!;
    expect(textOf(e)).toBe('x');
  });

  it('keeps attribute names as data (no prototype)', () => {
    const root = readXml('<a __proto__="p" constructor="c" toString="t"/>');
    expect(Object.getPrototypeOf(root.attributes)).toBeNull();
    expect(root.attributes['__proto__']).toBe('p');
    expect(root.attributes['constructor']).toBe('c');
    expect(readXml('<a/>').attributes['toString']).toBeUndefined();
  });
});

type Plain = string | { name: string; attributes: Record<string, string>; children: Plain[] };
function plain(node: XmlNode): Plain {
  if (typeof node === 'string') return node;
  return {
    name: node.name,
    attributes: { ...node.attributes },
    children: node.children.map(plain),
  };
}
const el = (name: string, children: Plain[] = [], attributes: Record<string, string> = {}) => ({
  name,
  attributes,
  children,
});

describe('readXml: the tree, case by case', () => {
  it.each<[string, string, Plain]>([
    ['a self-closed root', '<a/>', el('a')],
    ['a byte order mark before the root', '\ufeff<a/>', el('a')],
    ['an empty element', '<r></r>', el('r')],
    ['an empty child', '<r><e></e></r>', el('r', [el('e')])],
    ['a self-closed child', '<r><e/></r>', el('r', [el('e')])],
    ['text around a child', '<r>x<e/>y</r>', el('r', ['x', el('e'), 'y'])],
    ['text around an open child', '<r>x<e>z</e>y</r>', el('r', ['x', el('e', ['z']), 'y'])],
    ['a comment joins the text around it', '<r>x<!-- c -->y</r>', el('r', ['xy'])],
    ['CDATA joins the text around it', '<r>a<![CDATA[<b>&amp;]]>c</r>', el('r', ['a<b>&amp;c'])],
    ['a processing instruction inside', '<r>x<?pi a?>y</r>', el('r', ['xy'])],
    ['space before > of an end tag', '<r>x</r \n>', el('r', ['x'])],
    ['declaration, comments and space after the root', '<r/>\n<!-- c -->\n<?pi?>\n', el('r')],
    [
      'tab, CR and LF between attributes and around =',
      '<a\tx = "1"\r\ny=\t\'2\'\r\n/>',
      el('a', [], { x: '1', y: '2' }),
    ],
    ['an attribute with > and entities', '<a x="&gt;&apos;"/>', el('a', [], { x: ">'" })],
    ['text with no &', '<a>plain text</a>', el('a', ['plain text'])],
  ])('%s', (_, xml, tree) => {
    expect(plain(readXml(xml))).toStrictEqual(tree);
  });

  it('textOf joins only the text; childElements filters by name', () => {
    const root = readXml('<r>a<e/>b<f>in</f>c<e/></r>');
    expect(textOf(root)).toBe('abc');
    expect(childElements(root).map((e) => e.name)).toEqual(['e', 'f', 'e']);
    expect(childElements(root, 'e')).toHaveLength(2);
    expect(childElements(root, 'f').map(plain)).toStrictEqual([el('f', ['in'])]);
    expect(childElements(root, 'g')).toEqual([]);
  });
});

describe('readXml: character references at each boundary of XML’s Char', () => {
  it.each<[string, string | null]>([
    ['&#x8;', null],
    ['&#x9;', '\t'],
    ['&#xA;', '\n'],
    ['&#xB;', null],
    ['&#xD;', '\r'],
    ['&#x1F;', null],
    ['&#x20;', ' '],
    ['&#32;', ' '],
    ['&#xD7FF;', '\ud7ff'],
    ['&#xD800;', null],
    ['&#xDFFF;', null],
    ['&#xE000;', '\ue000'],
    ['&#xFFFD;', '\ufffd'],
    ['&#xFFFE;', null],
    ['&#xFFFF;', null],
    ['&#x10000;', '\u{10000}'],
    ['&#x10FFFF;', '\u{10FFFF}'],
    ['&#x110000;', null],
    ['&#x00000041;', 'A'],
    ['&#x000000041;', 'A'],
    ['&#00000065;', 'A'],
    ['&#000000065;', 'A'],
    [`&#x${'0'.repeat(40)}41;`, 'A'],
    [`&#${'9'.repeat(400)};`, null],
    [`&#x${'F'.repeat(300)};`, null],
  ])('%s → %j', (ref, text) => {
    const xml = `<a>${ref}</a>`;
    if (text === null) {
      expect(() => readXml(xml)).toThrow(XmlError);
      expect(() => readXml(xml)).toThrow(`The character reference ${ref} is not allowed`);
    } else expect(textOf(readXml(xml))).toBe(text);
  });
});

describe('readXml: each error says what and where', () => {
  it.each<[string, string, number, number]>([
    ['<a>\n<b>\n</a>', 'Expected </b> but found </a>', 3, 1],
    ['<a>\r\n  x\r\n  &e;</a>', 'Unknown entity &e;', 3, 3],
    ['<a/>\ufeff', 'Only one root element is allowed', 1, 5],
    ['<a/>x', 'Only one root element is allowed', 1, 5],
    ['<>', 'Expected a name', 1, 2],
    ['< a/>', 'Expected a name', 1, 2],
    ['x', 'Expected an element', 1, 1],
    ['  hello', 'Expected an element', 1, 3],
    ['<?xml version="1.0"', 'A declaration is not closed', 1, 1],
    ['<!-- x', 'A comment is not closed', 1, 1],
    ['<r><!-- x</r>', 'A comment is not closed', 1, 4],
    ['<r><?pi</r>', 'A processing instruction is not closed', 1, 4],
    ['<r><![CDATA[x</r>', 'A CDATA section is not closed', 1, 4],
    ['<r><!ELEMENT r></r>', 'A DOCTYPE or declaration is not allowed here', 1, 4],
    ['<a x="1"', '<a> is not closed', 1, 1],
    ['<r>\n <a x="1" ', '<a> is not closed', 2, 2],
    ['<a x/>', 'Expected = after attribute x', 1, 5],
    ['<a x=1/>', 'Attribute values must be quoted', 1, 6],
    ['<a x="1/>', 'An attribute value is not closed', 1, 6],
    ['<a x="ab<c"/>', 'An attribute value may not hold <', 1, 9],
    ['<a x="ab&c"/>', 'A bare & must be written &amp;', 1, 9],
    ['<a x="ab&#0;"/>', 'The character reference &#0; is not allowed', 1, 9],
    ['<a>xy&#0;</a>', 'The character reference &#0; is not allowed', 1, 6],
    ['<a>xy&e;</a>', 'Unknown entity &e;', 1, 6],
    ['<a></a x>', 'Expected >', 1, 8],
    ['<r>abc', '<r> is never closed', 1, 1],
    ['<!DOCTYPE r><r/>', 'A DOCTYPE is not allowed', 1, 1],
  ])('%j: %s at line %i, column %i', (xml, message, line, column) => {
    let error: unknown = null;
    try {
      readXml(xml);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XmlError);
    const xmlError = error as XmlError;
    expect(xmlError.name).toBe('XmlError');
    expect(xmlError.message).toBe(`${message} (line ${line}, column ${column})`);
    expect([xmlError.line, xmlError.column]).toEqual([line, column]);
  });

  it('refuses one level more than MAX_XML_DEPTH, at the element that goes too deep', () => {
    const xml = '<a>'.repeat(MAX_XML_DEPTH + 1) + '</a>'.repeat(MAX_XML_DEPTH + 1);
    expect(() => readXml(xml)).toThrow(
      `Elements are nested deeper than ${MAX_XML_DEPTH} levels (line 1, column ${3 * MAX_XML_DEPTH + 1})`,
    );
  });
});
