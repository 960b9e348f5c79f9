import { describe, expect, it } from 'vitest';
import { inPageMockAddress, resolveBasePath, workerScriptUrl } from '../../mocks/address.ts';
import { errorBody, renderTable, resolveFormats } from '../../mocks/wire/render.ts';
import { compareRecordIds } from '../../mocks/store/records.ts';
import { readXmlRows, XmlError } from '../../mocks/wire/xml.ts';

describe('resolveFormats (§1.6, §1.9)', () => {
  it.each([
    [{}, 'xml', 'xml'],
    [{ format: 'json' }, 'json', 'json'],
    [{ format: 'JSON' }, 'xml', 'xml'],
    [{ format: 'csv', returnFormat: 'JSON' }, 'csv', 'json'],
    [{ format: 'odm' }, 'odm', 'xml'],
    [{ returnFormat: 'yaml', format: 'csv' }, 'csv', 'csv'],
    [{ format: ['json'] }, 'xml', 'xml'],
  ])('%j → format %s, returnFormat %s', (fields, format, returnFormat) => {
    expect(resolveFormats(fields)).toEqual({ format, returnFormat });
  });
});

describe('errorBody (§1.8)', () => {
  it('writes the three shapes, escaping what each needs', () => {
    const message = 'Bad "x" & <y>';
    expect(errorBody(message, 'json')).toBe('{"error":"Bad \\"x\\" & <y>"}');
    expect(errorBody(message, 'csv')).toBe('ERROR: Bad "x" & <y>');
    expect(errorBody(message, 'xml')).toBe(
      '<?xml version="1.0" encoding="UTF-8" ?>\n<hash><error>Bad "x" &amp; &lt;y&gt;</error></hash>',
    );
  });
});

describe('renderTable', () => {
  it('splits ]]> across two CDATA sections and leaves blanks empty', () => {
    expect(renderTable(['a', 'b'], [{ a: 'x]]>y', b: '' }], 'xml')).toBe(
      '<?xml version="1.0" encoding="UTF-8" ?>\n<records>\n<item><a><![CDATA[x]]]]><![CDATA[>y]]></a><b></b></item>\n</records>',
    );
  });

  it('keeps numbers as JSON numbers and writes them as text in CSV', () => {
    expect(renderTable(['n'], [{ n: 1 }], 'json')).toBe('[{"n":1}]');
    expect(renderTable(['n'], [{ n: 1 }], 'csv', { csvDelimiter: ';' })).toBe('n\n1\n');
  });
});

describe('readXmlRows', () => {
  it('reads items of cells: text, entities, CDATA, empty elements', () => {
    const xml =
      '<?xml version="1.0"?>\n<records>\n <item><a>1 &amp; 2</a><b><![CDATA[<x>]]></b><c/><d></d></item>\n<item/></records>';
    expect(readXmlRows(xml)).toEqual([
      [
        ['a', '1 & 2'],
        ['b', '<x>'],
        ['c', ''],
        ['d', ''],
      ],
      [],
    ]);
  });

  it.each(['<records><item><a>1</b></item></records>', '<records><item><a><b/></a></item>', 'x'])(
    'refuses %s',
    (xml) => {
      expect(() => readXmlRows(xml)).toThrow(XmlError);
    },
  );
});

describe('compareRecordIds (§3.4)', () => {
  it('orders numbers numerically, then others naturally', () => {
    expect(['10', '2', 'a10', 'a2', '1'].sort(compareRecordIds)).toEqual([
      '1',
      '2',
      '10',
      'a2',
      'a10',
    ]);
  });
});

describe('in-page mock address', () => {
  it.each([
    ['/', 'http://127.0.0.1:5173/', 'http://127.0.0.1:5173/__redcap_mock__/api/'],
    ['/playground/', 'https://x.org/playground/', 'https://x.org/playground/__redcap_mock__/api/'],
    ['./', 'https://x.org/tools/pg/index.html', 'https://x.org/tools/pg/__redcap_mock__/api/'],
    ['/playground', 'https://x.org/playground/', 'https://x.org/playground/__redcap_mock__/api/'],
  ])('base %s on %s → %s', (base, page, address) => {
    expect(inPageMockAddress(base, page)).toBe(address);
    expect(workerScriptUrl(base, page)).toBe(`${resolveBasePath(base, page)}mockServiceWorker.js`);
  });
});
