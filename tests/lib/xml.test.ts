import { describe, expect, it } from 'vitest';
import { childElements, MAX_XML_DEPTH, readXml, textOf, XmlError } from '../../src/lib/xml/xml.ts';

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
