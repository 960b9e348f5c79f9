import { describe, expect, it } from 'vitest';
import { ALICE_SUPER_TOKEN, ALICE_TOKEN, DAVE_TOKEN } from '../../../mocks/fixtures/index.ts';
import type { ParamValues } from '../../../src/lib/methods/define-method.ts';
import { childElements, readXml, textOf, type XmlElement } from '../../../src/lib/xml/xml.ts';
import { client, type Target } from './client.ts';
import { FIELD_NAMES } from './structure.ts';

/**
 * Export Project XML's options (§2.19: records, filterLogic, dateRangeBegin/End,
 * exportDataAccessGroups, exportFiles, exportSurveyFields) and Create Project's `odm` (§2.19:
 * "accepted back by Create Project"), as round trip: the classic demo's XML → a new project →
 * the same instruments and fields. Layout choices are in mocks/README.md.
 */

function all(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const child of childElements(e)) {
      if (child.name === name) found.push(child);
      walk(child);
    }
  };
  walk(element);
  return found;
}

/** The fixture's male records (sex = 1), from mocks/fixtures/classic-demo.ts. */
const MEN = ['2', '5', '7', '9', '11', '13', '15', '17', '19', '21'];

export function projectXmlSuite(target: Target) {
  const api = client(target);
  const xml = async (params: ParamValues, token = ALICE_TOKEN) => {
    const r = await api.call('exp_proj_xml', { returnFormat: 'json', ...params }, token);
    expect([r.status, r.text.slice(0, 12)]).toEqual([200, '<?xml versio']);
    return readXml(r.text);
  };
  const subjects = (odm: XmlElement) => all(odm, 'SubjectData');

  describe('Export Project XML options (§2.19)', () => {
    it('narrows ClinicalData with filterLogic, as Export Records does', async () => {
      const odm = await xml({ filterLogic: "[sex] = '1'" });
      expect(subjects(odm).map((s) => s.attributes['SubjectKey'])).toEqual(MEN);
      const bad = await api.call('exp_proj_xml', {
        filterLogic: '[nope] = 1',
        returnFormat: 'json',
      });
      expect(bad.status).toBe(400);
      expect(bad.text).toMatch(/^\{"error":"The value of the parameter \\"filterLogic\\"/);
    });

    it('narrows by dateRangeBegin/End (nothing changed after 2099) and checks them', async () => {
      expect(subjects(await xml({ dateRangeBegin: '2099-01-01' }))).toEqual([]);
      const bad = await api.call('exp_proj_xml', { dateRangeEnd: 'soon', returnFormat: 'json' });
      expect([bad.status, bad.text]).toEqual([
        400,
        '{"error":"The value of the parameter \\"dateRangeEnd\\" is not a valid date-time"}',
      ]);
    });

    it('names each record’s DAG with exportDataAccessGroups, not for a DAG user', async () => {
      // As real servers: an ItemData redcap_data_access_group after the record id
      // (REDCapR inst/test-data/projects/dag/project.xml).
      const dagOf = (subject: XmlElement) =>
        all(subject, 'ItemData').find((i) => i.attributes['ItemOID'] === 'redcap_data_access_group')
          ?.attributes['Value'];
      const odm = await xml({ exportDataAccessGroups: true, records: ['1', '6', '10'] });
      expect(subjects(odm).map(dagOf)).toEqual(['site_a', 'site_b', undefined]);
      const plain = await xml({ records: ['1'] });
      expect(dagOf(subjects(plain)[0]!)).toBeUndefined();
      const dave = await xml({ exportDataAccessGroups: true, records: ['1'] }, DAVE_TOKEN);
      expect(dagOf(subjects(dave)[0]!)).toBeUndefined();
    });

    it('embeds uploaded files as base64 with exportFiles, else gives their names', async () => {
      const file = await api.call('exp_file', { record: '1', field: 'consent_file' });
      const odm = await xml({ exportFiles: true, records: ['1'] });
      const [embedded] = all(odm, 'ItemDataBase64Binary');
      expect(embedded!.attributes).toEqual({
        ItemOID: 'consent_file',
        'redcap:DocName': 'consent-1.txt',
        'redcap:MimeType': 'text/plain',
      });
      const bytes = Uint8Array.from(atob(textOf(embedded!)), (c) => c.charCodeAt(0));
      expect(bytes).toEqual(file.bytes);
      const plain = await xml({ records: ['1'] });
      expect(all(plain, 'ItemDataBase64Binary')).toEqual([]);
      const named = all(plain, 'ItemData').filter(
        (i) => i.attributes['ItemOID'] === 'consent_file',
      );
      expect(named.map((i) => i.attributes['Value'])).toEqual(['consent-1.txt']);
    });

    it('leads a survey response’s FormData with <form>_timestamp under exportSurveyFields', async () => {
      const stamps = async (params: ParamValues) =>
        all(await xml({ records: ['1', '2', '3'], ...params }), 'FormData')
          .filter((f) => f.attributes['FormOID'] === 'Form.health')
          .map((f) => {
            const first = all(f, 'ItemData')[0]!.attributes;
            return first['ItemOID'] === 'health_timestamp' ? first['Value'] : null;
          });
      // 1 completed the survey, 2 started it and left, 3 never answered it.
      expect(await stamps({ exportSurveyFields: true })).toEqual([
        '2024-01-15 09:42:10',
        '[not completed]',
        null,
      ]);
      expect(await stamps({})).toEqual([null, null, null]);
    });

    it('writes a checkbox field’s choices on its options’ code lists', async () => {
      const odm = await xml({ returnMetadataOnly: true });
      const list = all(odm, 'CodeList').find((c) => c.attributes['OID'] === 'symptoms___2.choices');
      expect(list!.attributes['redcap:CheckboxChoices']).toBe(
        '1, Fever | 2, Cough | 3, Headache | 4, Fatigue',
      );
    });
  });

  describe('Create Project from the project XML (odm, §2.19)', () => {
    it('makes a project with the same instruments, fields and repeating setup', async () => {
      const exported = await api.call('exp_proj_xml', { returnMetadataOnly: true });
      const created = await api.call(
        'imp_proj',
        {
          format: 'json',
          data: '[{"project_title":"Copy of the classic demo","purpose":"0"}]',
          odm: exported.text,
          returnFormat: 'json',
        },
        ALICE_SUPER_TOKEN,
      );
      expect(created.status).toBe(200);
      expect(created.text).toMatch(/^[0-9A-F]{32}$/);
      const token = created.text;
      const read = async (
        id: 'exp_instr' | 'exp_metadata' | 'exp_repeating_forms_events',
        t: string,
      ) => JSON.parse((await api.call(id, { format: 'json' }, t)).text) as Record<string, string>[];
      expect(await read('exp_instr', token)).toEqual(await read('exp_instr', ALICE_TOKEN));
      expect(await read('exp_repeating_forms_events', token)).toEqual([
        { form_name: 'visit', custom_form_label: '[visit_date]' },
      ]);
      // Every field comes back as it was: descriptive fields, slider labels, ranges, alignment,
      // annotations and matrix groups included.
      expect(await read('exp_metadata', token)).toEqual(await read('exp_metadata', ALICE_TOKEN));
      expect((await read('exp_metadata', token)).map((f) => f['field_name'])).toEqual(FIELD_NAMES);
    });

    it('refuses an odm that is not a project XML file (mock’s words), creating nothing', async () => {
      const send = (odm: string) =>
        api.call(
          'imp_proj',
          {
            format: 'json',
            data: '{"project_title":"T","purpose":"0"}',
            odm,
            returnFormat: 'json',
          },
          ALICE_SUPER_TOKEN,
        );
      const broken = await send('<ODM><Study>');
      expect(broken.status).toBe(400);
      expect(broken.text).toMatch(
        /^\{"error":"The \\"odm\\" of Create Project is not a REDCap project XML file: /,
      );
      const empty = await send('<ODM/>');
      expect([empty.status, empty.text]).toEqual([
        400,
        '{"error":"The \\"odm\\" of Create Project is not a REDCap project XML file: it has no Study/MetaDataVersion."}',
      ]);
    });
  });
}
