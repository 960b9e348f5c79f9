import { describe, expect, it } from 'vitest';
import {
  jsonString,
  renderMatrix,
  renderObject,
  renderTable,
  resolveQueryFormats,
} from '../../mocks/wire/render.ts';
import { readXmlRows, XmlError } from '../../mocks/wire/xml.ts';

/** The mock's wire layer on its own: formats, cells and the XML rows of an import. */

describe('resolveQueryFormats (a request without a body)', () => {
  it.each([
    ['/api/', { format: 'xml', returnFormat: 'xml' }],
    ['/api/?format=csv', { format: 'csv', returnFormat: 'csv' }],
    ['/api/?format=json&returnFormat=XML', { format: 'json', returnFormat: 'xml' }],
    ['/api/?format=odm', { format: 'odm', returnFormat: 'xml' }],
    ['/api/?format=yaml&returnFormat=yaml', { format: 'xml', returnFormat: 'xml' }],
  ])('%s', (url, expected) => {
    expect(resolveQueryFormats(url)).toEqual(expected);
  });
});

describe('cells', () => {
  it('jsonString quotes plain text as is and escapes what JSON must', () => {
    expect(jsonString('abc')).toBe('"abc"');
    expect(jsonString('a"b\\c\n')).toBe(JSON.stringify('a"b\\c\n'));
  });

  it('JSON rows: every column, in order, missing cells blank', () => {
    expect(renderMatrix(['a', 'b'], [['1'], ['2', '3']], 'json')).toBe(
      '[{"a":"1","b":""},{"a":"2","b":"3"}]',
    );
    expect(renderTable(['a', 'b'], [{ b: 'x' }], 'json')).toBe('[{"a":"","b":"x"}]');
  });

  it.each([
    ['plain', 'abc', 'abc'],
    ['the delimiter', 'a;b', '"a;b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a line break', 'a\nb', '"a\nb"'],
    ['a carriage return', 'a\rb', '"a\rb"'],
    ['a comma, not the delimiter', 'a,b', 'a,b'],
  ])('minimal CSV quotes (Export Reports): %s', (_, value, cell) => {
    const csv = renderMatrix(['v'], [[value]], 'csv', {
      csvDelimiter: ';',
      csvMinimalQuotes: true,
    });
    expect(csv).toBe(`v\n${cell}\n`);
  });

  it('XML rows: one <item> per row, missing cells empty', () => {
    expect(renderMatrix(['a', 'b'], [['1']], 'xml')).toBe(
      '<?xml version="1.0" encoding="UTF-8" ?>\n<records>\n<item><a><![CDATA[1]]></a><b></b></item>\n</records>',
    );
  });

  it('one object: JSON, a CSV header and row, an XML root', () => {
    const row = { project_id: 14, project_title: 'Demo, one' };
    expect(renderObject(row, 'json', 'project')).toBe(
      '{"project_id":14,"project_title":"Demo, one"}',
    );
    expect(renderObject(row, 'csv', 'project')).toBe('project_id,project_title\n14,"Demo, one"\n');
    expect(renderObject(row, 'xml', 'project')).toBe(
      '<?xml version="1.0" encoding="UTF-8" ?>\n<project><project_id><![CDATA[14]]></project_id><project_title><![CDATA[Demo, one]]></project_title></project>',
    );
  });
});

describe('readXmlRows', () => {
  it('rows of a <records> root; a bare <item> is one row only where one row is expected', () => {
    const records = '<records><item><a>1</a></item><item><a>2</a></item></records>';
    expect(readXmlRows(records)).toEqual([[['a', '1']], [['a', '2']]]);
    expect(readXmlRows(records, true)).toEqual([[['a', '1']], [['a', '2']]]);
    const item = '<item><project_title>T</project_title><purpose>0</purpose></item>';
    expect(readXmlRows(item, true)).toEqual([
      [
        ['project_title', 'T'],
        ['purpose', '0'],
      ],
    ]);
    // Without `single`, a bare <item>'s children are read as rows (of no cells).
    expect(readXmlRows(item)).toEqual([[], []]);
  });

  it('a cell holding elements is refused', () => {
    expect(() => readXmlRows('<records><item><a><b>1</b></a></item></records>')).toThrow(
      new XmlError('<a> may hold only text', 0, 0),
    );
    expect(() => readXmlRows('<item><a><b>1</b></a></item>', true)).toThrow(/may hold only text/);
  });
});
