import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN, DAVE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { childElements, readXml, type XmlElement } from '../../src/lib/xml/xml.ts';

/** Export Project XML (redcap-api.md §2.19): CDISC ODM 1.3.1 with redcap: extensions. */

async function post(redcap: MockRedcap, fields: Record<string, string>) {
  const response = await redcap.handle({
    method: 'POST',
    url: 'http://mock.test/api/',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(new URLSearchParams(fields).toString()),
  });
  return {
    status: response.status,
    contentType: response.headers['content-type'],
    text: String(response.body),
  };
}

const projectXml = (redcap: MockRedcap, extra: Record<string, string> = {}, token = ALICE_TOKEN) =>
  post(redcap, { token, content: 'project_xml', format: 'json', ...extra });

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

describe('Export Project XML (§2.19)', () => {
  const redcap = createMockRedcap();

  it('is a well-formed ODM 1.3.1 document, always XML', async () => {
    const r = await projectXml(redcap);
    expect(r.status).toBe(200);
    expect(r.contentType).toBe('text/xml; charset=utf-8');
    expect(r.text.startsWith('<?xml version="1.0" encoding="UTF-8" ?>\n<ODM ')).toBe(true);
    const odm = readXml(r.text);
    expect(odm.name).toBe('ODM');
    expect(odm.attributes).toMatchObject({
      ODMVersion: '1.3.1',
      SourceSystem: 'REDCap',
      SourceSystemVersion: '14.5.10',
      'xmlns:redcap': 'https://projectredcap.org',
    });
    expect(childElements(odm).map((e) => e.name)).toEqual(['Study', 'ClinicalData']);
    const study = childElements(odm, 'Study')[0]!;
    expect(childElements(study).map((e) => e.name)).toEqual(['GlobalVariables', 'MetaDataVersion']);
    const meta = childElements(study, 'MetaDataVersion')[0]!;
    expect(meta.attributes['redcap:RecordIdField']).toBe('record_id');
    expect(childElements(meta, 'FormDef').map((f) => f.attributes['redcap:FormName'])).toEqual([
      'demographics',
      'health',
      'visit',
    ]);
    expect(childElements(meta, 'FormDef')[2]!.attributes.Repeating).toBe('Yes');
    // One ItemDef per data column (§3.3): checkbox options expand, descriptive fields stay out.
    const items = childElements(meta, 'ItemDef').map((i) => i.attributes.OID);
    expect(items).toContain('symptoms___1');
    expect(items).toContain('demographics_complete');
    expect(items).not.toContain('symptoms');
    const sex = childElements(meta, 'CodeList').find((c) => c.attributes.OID === 'sex.choices')!;
    expect(all(sex, 'CodeListItem').map((i) => i.attributes.CodedValue)).toEqual(['0', '1']);
    // 24 records, each a SubjectData.
    const subjects = all(odm, 'SubjectData');
    expect(subjects.map((s) => s.attributes.SubjectKey)).toHaveLength(24);
    expect(subjects[0]!.attributes.SubjectKey).toBe('1');
  });

  it('writes values as ItemData, repeat instances as FormRepeatKey', async () => {
    const r = await projectXml(redcap, { 'records[0]': '1' });
    const odm = readXml(r.text);
    const subjects = all(odm, 'SubjectData');
    expect(subjects.map((s) => s.attributes.SubjectKey)).toEqual(['1']);
    const values = Object.fromEntries(
      all(subjects[0]!, 'ItemData').map((i) => [i.attributes.ItemOID, i.attributes.Value]),
    );
    expect(values).toMatchObject({
      record_id: '1',
      first_name: 'Ada',
      sex: '0',
      symptoms___1: '1',
      symptoms___3: '0',
    });
    // A classic project's FormData sit straight in SubjectData, as real REDCap writes them
    // (REDCapR inst/test-data/projects/repeating-instruments/project.xml).
    expect(all(subjects[0]!, 'StudyEventData')).toEqual([]);
    expect(childElements(subjects[0]!).map((e) => e.name)[0]).toBe('FormData');
    // Record 1 has visit instances 1–2 (fixtures/classic-demo.ts).
    const visits = all(subjects[0]!, 'FormData').filter(
      (f) => f.attributes.FormOID === 'Form.visit',
    );
    expect(visits.map((f) => f.attributes.FormRepeatKey)).toEqual(['1', '2']);
    const four = all(readXml((await projectXml(redcap, { 'records[0]': '4' })).text), 'FormData');
    expect(
      four
        .filter((f) => f.attributes.FormOID === 'Form.visit')
        .map((f) => f.attributes.FormRepeatKey),
    ).toEqual(['1', '2', '3']);
  });

  it('filters fields, leaves ClinicalData out with returnMetadataOnly, and keeps DAGs', async () => {
    const only = await projectXml(redcap, { 'records[0]': '2', 'fields[0]': 'last_name' });
    const names = all(readXml(only.text), 'ItemData').map((i) => i.attributes.ItemOID);
    expect([...new Set(names)]).toEqual(['record_id', 'last_name']);
    const meta = await projectXml(redcap, { returnMetadataOnly: 'true' });
    expect(childElements(readXml(meta.text)).map((e) => e.name)).toEqual(['Study']);
    const bad = await projectXml(redcap, { 'fields[0]': 'nope', returnFormat: 'json' });
    expect(bad).toMatchObject({
      status: 400,
      text: '{"error":"The following values in the parameter \\"fields\\" are not valid: \'nope\'"}',
    });
    const dave = await projectXml(redcap, {}, DAVE_TOKEN);
    expect(all(readXml(dave.text), 'SubjectData').map((s) => s.attributes.SubjectKey)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
  });

  it('describes arms and events of a longitudinal project and filters events', async () => {
    const r = await projectXml(redcap, { 'events[0]': 'week_4_arm_1' }, ALICE_LONGITUDINAL_TOKEN);
    expect(r.status).toBe(200);
    const odm = readXml(r.text);
    const defs = all(odm, 'StudyEventDef');
    expect(defs).toHaveLength(7);
    expect(defs[0]!.attributes).toMatchObject({
      OID: 'Event.baseline_arm_1',
      'redcap:ArmNum': '1',
      'redcap:ArmName': 'Drug A',
    });
    const events = new Set(
      all(odm, 'StudyEventData').map((e) => e.attributes['redcap:UniqueEventName']),
    );
    expect([...events]).toEqual(['week_4_arm_1']);
  });
});
