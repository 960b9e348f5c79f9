import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALICE_SUPER_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { storeSnapshot } from './odm-support.ts';
import { isRedcapError, prng, type Rng } from './redcap-error.ts';

/**
 * Create Project's `odm` under fire (issue #17, #18 item 5): broken XML, DOCTYPE and entities,
 * huge files, unknown elements, missing OIDs, out-of-range character references, very deep
 * nesting. Never a 500: a REDCap-shaped 400 (in the requested returnFormat) or a created
 * project; a refused file leaves the store exactly as it was.
 */

const COUNT = 400;
const SEED = Number(process.env['MOCK_FUZZ_SEED'] ?? 0x0d1_2026);

const FIXTURES = [
  'classic-every-field-type',
  'longitudinal-two-arms',
  'repeating-survey',
  'dags',
].map((name) => readFileSync(`tests/fixtures/odm/${name}.xml`, 'utf8'));

const BILLION_LAUGHS =
  '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n' +
  Array.from(
    { length: 9 },
    (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
  ).join('\n') +
  '\n]>\n<ODM><Study><GlobalVariables><StudyName>&lol9;</StudyName></GlobalVariables></Study></ODM>';
const EXTERNAL_ENTITY =
  '<?xml version="1.0"?><!DOCTYPE ODM [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><ODM>&xxe;</ODM>';

/** One broken or odd project file, made from a good one. */
function mutate(r: Rng): string {
  const base = r.pick(FIXTURES);
  const at = r.int(base.length);
  switch (r.int(16)) {
    case 0:
      return base.slice(0, at);
    case 1:
      return base.slice(0, at) + base.slice(at + 1 + r.int(40));
    case 2:
      return BILLION_LAUGHS;
    case 3:
      return EXTERNAL_ENTITY;
    case 4:
      return base.replace('<Study ', '<!DOCTYPE x [<!ENTITY e "e">]><Study ');
    case 5: {
      // An unknown element anywhere between two tags.
      const gap = base.indexOf('>', at);
      if (gap < 0) return base;
      return `${base.slice(0, gap + 1)}<redcap:NewIn99 a="1"><odd>x</odd></redcap:NewIn99>${base.slice(gap + 1)}`;
    }
    case 6: {
      // An OID (or ItemOID, FormOID, …) removed.
      const names = [...base.matchAll(/ (\w*OID|redcap:\w+)="[^"]*"/g)];
      if (names.length === 0) return base;
      const m = r.pick(names);
      return base.slice(0, m.index) + base.slice(m.index + m[0].length);
    }
    case 7:
      return base.replace('Value="', 'Value="&#x110000;');
    case 8:
      return base.slice(0, at) + '&#x110000;' + base.slice(at);
    case 9: {
      const deep = 1000 + r.int(200_000);
      return base.replace(
        '<ClinicalData',
        `${'<a>'.repeat(deep)}${'</a>'.repeat(deep)}<ClinicalData`,
      );
    }
    case 10:
      return base.replace(
        /redcap:FieldType="\w+"/,
        `redcap:FieldType="${r.pick(['notes', 'dropdown', 'x', ''])}"`,
      );
    case 11:
      // A value no validation accepts, a record in an unknown DAG, an unknown event.
      return r.pick([
        base.replace(/(ItemOID="\w+" Value=")[^"]*"/, '$1not a valid value at all"'),
        base.replace('Value="site_north"', 'Value="nowhere"'),
        base.replace(
          'redcap:UniqueEventName="visit_arm_1">',
          'redcap:UniqueEventName="nope_arm_9">',
        ),
      ]);
    case 12:
      return base.replace(/<(\w+)/, '<$1 dup="1" dup="2"');
    case 13:
      return '<ODM/>';
    case 14:
      return r.pick(['', ' ', 'not xml', '<?xml version="1.0"?>', '<records><item/></records>']);
    default: {
      // A random slice of characters replaced by markup debris.
      const debris = r.pick([
        '<',
        '>',
        '&',
        ']]>',
        '<![CDATA[',
        '</ODM>',
        '"',
        "'",
        '\u0000',
        '<!--',
      ]);
      return base.slice(0, at) + debris + base.slice(at + r.int(5));
    }
  }
}

async function create(redcap: MockRedcap, odm: string, returnFormat: string) {
  const response = await redcap.handle({
    method: 'POST',
    url: 'http://mock.test/api/',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(
      new URLSearchParams({
        token: ALICE_SUPER_TOKEN,
        content: 'project',
        format: 'json',
        returnFormat,
        data: '[{"project_title":"Fuzz","purpose":"0"}]',
        odm,
      }).toString(),
    ),
  });
  return {
    status: response.status,
    contentType: response.headers['content-type'] ?? '',
    text: String(response.body),
  };
}

async function expectRedcapAnswer(redcap: MockRedcap, odm: string, returnFormat = 'json') {
  const before = storeSnapshot(redcap);
  const r = await create(redcap, odm, returnFormat);
  if (r.status === 200) {
    expect(r.text).toMatch(/^[0-9A-F]{32}$/);
    return r;
  }
  expect(r.status, r.text.slice(0, 300)).toBe(400);
  expect(isRedcapError(r.contentType, r.text), r.text.slice(0, 300)).toBe(true);
  // Nothing half-created.
  expect(storeSnapshot(redcap) === before).toBe(true);
  return r;
}

describe('Create Project odm fuzz', () => {
  it(`answers ${COUNT} mutated project files with 200 or a REDCap-shaped 400 (seed ${SEED})`, async () => {
    const r = prng(SEED);
    const redcap = createMockRedcap();
    const statuses = new Map<number, number>();
    for (let i = 0; i < COUNT; i++) {
      const odm = mutate(r);
      const answer = await expectRedcapAnswer(redcap, odm, r.pick(['json', 'csv', 'xml']));
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    }
    // Both outcomes happen: the mutations are neither all harmless nor all fatal.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(COUNT / 4);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
  }, 120_000);

  it.each([
    ['a billion laughs', BILLION_LAUGHS, 'DOCTYPE'],
    ['an external entity', EXTERNAL_ENTITY, 'DOCTYPE'],
    [
      'a character reference beyond Unicode',
      FIXTURES[3]!.replace('Value="AB"', 'Value="&#x110000;"'),
      'character reference',
    ],
    [
      '200,000 levels of nesting',
      `<ODM>${'<a>'.repeat(200_000)}${'</a>'.repeat(200_000)}</ODM>`,
      'nested deeper',
    ],
    [
      'a missing ItemDef',
      FIXTURES[3]!.replace(/<ItemDef OID="initials"[^]*?<\/ItemDef>/, ''),
      'ItemDef "initials"',
    ],
    [
      'a FormDef without OID',
      FIXTURES[3]!.replace('<FormDef OID="Form.screening" ', '<FormDef '),
      'FormDef',
    ],
    [
      'an unknown field type',
      FIXTURES[3]!.replace('redcap:FieldType="text"', 'redcap:FieldType="rocket"'),
      'rocket',
    ],
    ['a file that is not base64', FIXTURES[0]!.replace('SGVsbG8sIE9ETSE=', 'S'), 'is not base64'],
    [
      'a record in an unknown DAG',
      FIXTURES[3]!.replace('Value="site_north"', 'Value="nowhere"'),
      'nowhere',
    ],
  ])('refuses %s with a 400 that says where', async (_name, odm, where) => {
    const redcap = createMockRedcap();
    const r = await expectRedcapAnswer(redcap, odm);
    expect(r.status).toBe(400);
    expect((JSON.parse(r.text) as { error: string }).error).toContain(where);
  });

  it('skips unknown redcap:* elements and attributes anywhere in GlobalVariables', async () => {
    const redcap = createMockRedcap();
    const odm = FIXTURES[3]!.replace(
      '</GlobalVariables>',
      '\t<redcap:BrandNewFeature enabled="1"><redcap:Setting name="x">y</redcap:Setting></redcap:BrandNewFeature>\n</GlobalVariables>',
    );
    expect((await expectRedcapAnswer(redcap, odm)).status).toBe(200);
  });

  it('reads a large project file (5,000 records) in reasonable time', async () => {
    const base = FIXTURES[3]!;
    const subject = (id: number) =>
      `\t<SubjectData SubjectKey="${id}" redcap:RecordIdField="record_id">\n\t\t\t<FormData FormOID="Form.screening" FormRepeatKey="1">\n\t\t\t\t<ItemGroupData ItemGroupOID="screening.record_id" ItemGroupRepeatKey="1">\n\t\t\t\t\t<ItemData ItemOID="record_id" Value="${id}"/>\n\t\t\t\t\t<ItemData ItemOID="initials" Value="X${id}"/>\n\t\t\t\t</ItemGroupData>\n\t\t\t</FormData>\n\t</SubjectData>\n`;
    const start = base.indexOf('\t<SubjectData');
    const end = base.indexOf('</ClinicalData>');
    const big =
      base.slice(0, start) +
      Array.from({ length: 5000 }, (_, i) => subject(i + 1)).join('') +
      base.slice(end);
    expect(big.length).toBeGreaterThan(1_500_000);
    const redcap = createMockRedcap();
    const t0 = performance.now();
    const r = await expectRedcapAnswer(redcap, big);
    const ms = performance.now() - t0;
    expect(r.status, r.text).toBe(200);
    expect(redcap.store.data.projects.at(-1)!.records).toHaveLength(5000);
    expect(ms).toBeLessThan(20_000);
  }, 60_000);
});
