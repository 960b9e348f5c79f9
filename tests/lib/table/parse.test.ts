import { describe, expect, it } from 'vitest';
import { parseTable } from '../../../src/lib/table/parse.ts';

describe('parseTable: JSON', () => {
  it('takes the union of keys in first-seen order and fills missing cells with empty text', () => {
    const table = parseTable(
      '[{"record_id":"1","age":"30"},{"record_id":"2","sex":"1"},{"age":"41","record_id":"3"}]',
      'json',
    );
    expect(table).toEqual({
      columns: ['record_id', 'age', 'sex'],
      rows: [
        ['1', '30', ''],
        ['2', '', '1'],
        ['3', '41', ''],
      ],
    });
  });

  it('stringifies numbers and booleans and turns null into empty text', () => {
    expect(parseTable('[{"redcap_repeat_instance":2,"ok":true,"x":null,"n":[1]}]', 'json')).toEqual(
      { columns: ['redcap_repeat_instance', 'ok', 'x', 'n'], rows: [['2', 'true', '', '[1]']] },
    );
  });

  it('makes one row of a single object', () => {
    expect(parseTable('{"project_id":"12","project_title":"Demo"}', 'json')).toEqual({
      columns: ['project_id', 'project_title'],
      rows: [['12', 'Demo']],
    });
  });

  it('reads an empty array as a table without rows', () => {
    expect(parseTable('[]', 'json')).toEqual({ columns: [], rows: [] });
  });

  it('refuses what is not tabular', () => {
    expect(parseTable('3', 'json')).toBeNull();
    expect(parseTable('["1","2"]', 'json')).toBeNull();
    expect(parseTable('[{"a":"1"},2]', 'json')).toBeNull();
    expect(parseTable('{"a":', 'json')).toBeNull();
    expect(parseTable('', 'json')).toBeNull();
  });
});

describe('parseTable: CSV', () => {
  it('uses the first row as the header, with quotes, commas and CRLF line ends', () => {
    expect(parseTable('record_id,note\r\n1,"a, ""b"""\r\n2,"two\nlines"\r\n', 'csv')).toEqual({
      columns: ['record_id', 'note'],
      rows: [
        ['1', 'a, "b"'],
        ['2', 'two\nlines'],
      ],
    });
  });

  it('pads short rows to the header width', () => {
    expect(parseTable('a,b,c\n1\n', 'csv')).toEqual({
      columns: ['a', 'b', 'c'],
      rows: [['1', '', '']],
    });
  });

  it('keeps a header without rows as an empty table', () => {
    expect(parseTable('record_id,age\n', 'csv')).toEqual({
      columns: ['record_id', 'age'],
      rows: [],
    });
  });

  it('refuses bare values, REDCap errors, empty bodies and broken quoting', () => {
    expect(parseTable('3', 'csv')).toBeNull();
    expect(parseTable('ERROR: You do not have permissions', 'csv')).toBeNull();
    expect(parseTable('', 'csv')).toBeNull();
    expect(parseTable('a,b\n"1,2\n', 'csv')).toBeNull();
  });
});

describe('parseTable: XML', () => {
  it('reads <records><item> rows with entities, CDATA and missing cells', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8" ?>\n<records>\n' +
      '<item><record_id>1</record_id><note><![CDATA[a < b]]></note></item>\n' +
      '<item><record_id>2</record_id><age>4&amp;5</age></item>\n</records>';
    expect(parseTable(xml, 'xml')).toEqual({
      columns: ['record_id', 'note', 'age'],
      rows: [
        ['1', 'a < b', ''],
        ['2', '', '4&5'],
      ],
    });
  });

  it('reads any root of uniform items (metadata, events)', () => {
    expect(
      parseTable(
        '<events><item><event_name>E1</event_name><arm_num>1</arm_num></item></events>',
        'xml',
      ),
    ).toEqual({ columns: ['event_name', 'arm_num'], rows: [['E1', '1']] });
  });

  it('reads a root made only of text cells as one row', () => {
    expect(parseTable('<item><project_id>7</project_id><title>T</title></item>', 'xml')).toEqual({
      columns: ['project_id', 'title'],
      rows: [['7', 'T']],
    });
  });

  it('reads an empty root as a table without rows', () => {
    expect(parseTable('<records></records>', 'xml')).toEqual({ columns: [], rows: [] });
  });

  it('refuses text roots, mixed children and broken XML', () => {
    expect(parseTable('<count>3</count>', 'xml')).toBeNull();
    expect(
      parseTable('<records><item><a>1</a></item><other><b>2</b></other></records>', 'xml'),
    ).toBeNull();
    expect(parseTable('<records><item>', 'xml')).toBeNull();
    expect(parseTable('not xml', 'xml')).toBeNull();
  });
});
