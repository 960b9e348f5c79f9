import { describe, expect, it } from 'vitest';
import { ALICE_SUPER_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap } from '../../mocks/redcap.ts';
import { createFromOdm, exportJson } from './odm-support.ts';

/**
 * Create Project's `odm` (§2.19), mocks/routes/project-odm.ts: each way a project XML file can be
 * broken is one 400 naming the element (the mock's texts, mocks/README.md "Project XML (ODM)"),
 * and nothing is created; the parts a file may leave out take REDCap's defaults.
 */

const PREFIX = 'The \\"odm\\" of Create Project is not a REDCap project XML file: ';

interface Parts {
  readonly globals?: string;
  readonly forms?: string;
  readonly groups?: string;
  readonly items?: string;
  readonly events?: string;
  readonly clinical?: string;
  readonly meta?: string;
}

const FORM =
  '<FormDef OID="Form.f" Name="F" redcap:FormName="f"><ItemGroupRef ItemGroupOID="f.g"/></FormDef>';
const GROUP =
  '<ItemGroupDef OID="f.g" Name="F"><ItemRef ItemOID="record_id"/><ItemRef ItemOID="doc"/><ItemRef ItemOID="f_complete"/></ItemGroupDef>';
const ITEMS =
  '<ItemDef OID="record_id" Name="record_id" redcap:Variable="record_id" redcap:FieldType="text"><Question><TranslatedText>ID</TranslatedText></Question></ItemDef>' +
  '<ItemDef OID="doc" Name="doc" redcap:Variable="doc" redcap:FieldType="file"><Question><TranslatedText>Doc</TranslatedText></Question></ItemDef>' +
  '<ItemDef OID="f_complete" Name="f_complete" redcap:Variable="f_complete" redcap:FieldType="select"/>';
const EVENT =
  '<StudyEventDef OID="Event.e1" redcap:UniqueEventName="e1_arm_1" redcap:ArmNum="1"><FormRef FormOID="Form.f"/></StudyEventDef>';

/** A small project file; each part replaced as a case needs. */
function odm(p: Parts = {}): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" ?>\n<ODM xmlns:redcap="https://projectredcap.org"><Study OID="Project.T">' +
    `<GlobalVariables>${p.globals ?? ''}</GlobalVariables>` +
    `<MetaDataVersion OID="M" ${p.meta ?? 'redcap:RecordIdField="record_id"'}>` +
    (p.events ?? '') +
    (p.forms ?? FORM) +
    (p.groups ?? GROUP) +
    (p.items ?? ITEMS) +
    '</MetaDataVersion></Study>' +
    (p.clinical !== undefined ? `<ClinicalData>${p.clinical}</ClinicalData>` : '') +
    '</ODM>'
  );
}

const subject = (inner: string, attrs = 'SubjectKey="1"') =>
  `<SubjectData ${attrs}>${inner}</SubjectData>`;
const formData = (inner: string, attrs = 'FormOID="Form.f"') =>
  `<FormData ${attrs}><ItemGroupData ItemGroupOID="f.g">${inner}</ItemGroupData></FormData>`;

const BROKEN: readonly (readonly [name: string, file: string, detail: string])[] = [
  ['root is not ODM', '<Project><Study/></Project>', 'its root element is <Project>, not <ODM>'],
  ['no Study', '<ODM><Other/></ODM>', 'it has no Study/MetaDataVersion'],
  [
    'no MetaDataVersion',
    '<ODM><Study OID="S"><GlobalVariables/></Study></ODM>',
    'it has no Study/MetaDataVersion',
  ],
  [
    'an ItemDef without OID',
    odm({ items: `${ITEMS}<ItemDef Name="x"/>` }),
    'a <ItemDef> has no OID',
  ],
  [
    'an ItemDef with an empty OID',
    odm({ items: `${ITEMS}<ItemDef OID=""/>` }),
    'a <ItemDef> has no OID',
  ],
  [
    'an ItemDef OID twice',
    odm({ items: `${ITEMS}<ItemDef OID="doc"/>` }),
    'the ItemDef OID \\"doc\\" is used twice',
  ],
  [
    'a CodeList OID twice',
    odm({ items: `${ITEMS}<CodeList OID="c"/><CodeList OID="c"/>` }),
    'the CodeList OID \\"c\\" is used twice',
  ],
  [
    'an ItemGroupDef OID twice',
    odm({ groups: `${GROUP}${GROUP}` }),
    'the ItemGroupDef OID \\"f.g\\" is used twice',
  ],
  ['a FormDef without OID', odm({ forms: '<FormDef Name="F"/>' }), 'a <FormDef> has no OID'],
  [
    'a FormDef without FormName whose OID is not Form.<name>',
    odm({ forms: '<FormDef OID="f"><ItemGroupRef ItemGroupOID="f.g"/></FormDef>' }),
    'the FormDef \\"f\\" has no redcap:FormName',
  ],
  [
    'a FormDef OID "Form." alone',
    odm({ forms: '<FormDef OID="Form."><ItemGroupRef ItemGroupOID="f.g"/></FormDef>' }),
    'the FormDef \\"Form.\\" has no redcap:FormName',
  ],
  [
    'a FormDef OID twice',
    odm({ forms: `${FORM}${FORM}` }),
    'the FormDef \\"Form.f\\" is there twice',
  ],
  [
    'two FormDefs for one form',
    odm({ forms: `${FORM}<FormDef OID="Form.other" redcap:FormName="f"/>` }),
    'the FormDef \\"Form.other\\" is there twice',
  ],
  [
    'an ItemGroupRef without ItemGroupOID',
    odm({ forms: '<FormDef OID="Form.f" redcap:FormName="f"><ItemGroupRef/></FormDef>' }),
    'an ItemGroupRef of FormDef \\"Form.f\\" has no ItemGroupOID',
  ],
  [
    'a missing ItemGroupDef',
    odm({
      forms:
        '<FormDef OID="Form.f" redcap:FormName="f"><ItemGroupRef ItemGroupOID="nope"/></FormDef>',
    }),
    'the ItemGroupDef \\"nope\\" (of FormDef \\"Form.f\\") is missing',
  ],
  [
    'an ItemRef without ItemOID',
    odm({ groups: '<ItemGroupDef OID="f.g"><ItemRef/></ItemGroupDef>' }),
    'an ItemRef of ItemGroupDef \\"f.g\\" has no ItemOID',
  ],
  [
    'a missing ItemDef',
    odm({
      groups:
        '<ItemGroupDef OID="f.g"><ItemRef ItemOID="record_id"/><ItemRef ItemOID="gone"/></ItemGroupDef>',
    }),
    'the ItemDef \\"gone\\" (of ItemGroupDef \\"f.g\\") is missing',
  ],
  [
    'an unknown field type',
    odm({ items: ITEMS.replace('redcap:FieldType="file"', 'redcap:FieldType="upload"') }),
    'the ItemDef \\"doc\\" has the unknown redcap:FieldType \\"upload\\"',
  ],
  [
    'no fields (a form status and an item without a field type are not fields)',
    odm({
      groups:
        '<ItemGroupDef OID="f.g"><ItemRef ItemOID="f_complete"/><ItemRef ItemOID="x"/></ItemGroupDef>',
      items: '<ItemDef OID="f_complete" redcap:FieldType="select"/><ItemDef OID="x" Name="x"/>',
    }),
    'it has no fields',
  ],
  [
    'a record id field that is not first',
    odm({ meta: 'redcap:RecordIdField="doc"' }),
    'redcap:RecordIdField \\"doc\\" is not the first field',
  ],
  [
    'a StudyEventDef without OID',
    odm({ events: '<StudyEventDef redcap:UniqueEventName="e"/>' }),
    'a <StudyEventDef> has no OID',
  ],
  [
    'a StudyEventDef without unique name',
    odm({ events: '<StudyEventDef OID="Event.e"/>' }),
    'the StudyEventDef \\"Event.e\\" has no valid redcap:UniqueEventName',
  ],
  [
    'an invalid unique event name',
    odm({ events: '<StudyEventDef OID="Event.e" redcap:UniqueEventName="E1_arm_1"/>' }),
    'the StudyEventDef \\"Event.e\\" has no valid redcap:UniqueEventName',
  ],
  [
    'a unique event name with a trailing character',
    odm({ events: '<StudyEventDef OID="Event.e" redcap:UniqueEventName="e1 "/>' }),
    'the StudyEventDef \\"Event.e\\" has no valid redcap:UniqueEventName',
  ],
  [
    'an event twice',
    odm({ events: `${EVENT}<StudyEventDef OID="Event.e2" redcap:UniqueEventName="e1_arm_1"/>` }),
    'the event \\"e1_arm_1\\" (StudyEventDef \\"Event.e2\\") is there twice',
  ],
  ...['0', '1000', 'x', '01', ' 1'].map(
    (arm) =>
      [
        `the arm number "${arm}"`,
        odm({
          events: `<StudyEventDef OID="Event.e" redcap:UniqueEventName="e" redcap:ArmNum="${arm}"/>`,
        }),
        `the StudyEventDef \\"Event.e\\" has the redcap:ArmNum \\"${arm}\\"`,
      ] as const,
  ),
  [
    'a FormRef to no FormDef',
    odm({
      events:
        '<StudyEventDef OID="Event.e" redcap:UniqueEventName="e"><FormRef FormOID="Form.g"/></StudyEventDef>',
    }),
    'the FormRef \\"Form.g\\" of StudyEventDef \\"Event.e\\" names no FormDef',
  ],
  [
    'a FormRef whose FormName is no form',
    odm({
      events:
        '<StudyEventDef OID="Event.e" redcap:UniqueEventName="e"><FormRef FormOID="Form.f" redcap:FormName="g"/></StudyEventDef>',
    }),
    'the FormRef \\"Form.f\\" of StudyEventDef \\"Event.e\\" names no FormDef',
  ],
  [
    'a repeating event that is no event',
    odm({
      events: EVENT,
      globals:
        '<redcap:RepeatingInstrumentsAndEvents><redcap:RepeatingEvent redcap:UniqueEventName="e2_arm_1"/></redcap:RepeatingInstrumentsAndEvents>',
    }),
    'the RepeatingEvent \\"e2_arm_1\\" is no event',
  ],
  [
    'a repeating instrument that is no form',
    odm({
      globals:
        '<redcap:RepeatingInstrumentsAndEvents><redcap:RepeatingInstruments><redcap:RepeatingInstrument redcap:RepeatInstrument="g"/></redcap:RepeatingInstruments></redcap:RepeatingInstrumentsAndEvents>',
    }),
    'the RepeatingInstrument \\"g\\" is no FormDef',
  ],
  [
    'a repeating instrument on no event',
    odm({
      events: EVENT,
      globals:
        '<redcap:RepeatingInstrumentsAndEvents><redcap:RepeatingInstruments><redcap:RepeatingInstrument redcap:RepeatInstrument="f" redcap:UniqueEventName="e9"/></redcap:RepeatingInstruments></redcap:RepeatingInstrumentsAndEvents>',
    }),
    'the RepeatingInstrument event \\"e9\\" is no event',
  ],
  [
    'a DAG without name',
    odm({
      globals:
        '<redcap:DataAccessGroupsGroup><redcap:DataAccessGroups group_name="  "/></redcap:DataAccessGroupsGroup>',
    }),
    'a redcap:DataAccessGroups has no group_name',
  ],
  [
    'a survey of no form',
    odm({ globals: '<redcap:SurveysGroup><redcap:Surveys form_name="g"/></redcap:SurveysGroup>' }),
    'the redcap:Surveys form_name \\"g\\" is no FormDef',
  ],
  [
    'a SubjectData without SubjectKey',
    odm({ clinical: subject('', 'Other="1"') }),
    'a <SubjectData> has no SubjectKey',
  ],
  [
    'FormData outside StudyEventData in a longitudinal project',
    odm({ events: EVENT, clinical: subject(formData('')) }),
    'SubjectData \\"1\\" has FormData outside a StudyEventData',
  ],
  [
    'data for an unknown event',
    odm({ events: EVENT, clinical: subject('<StudyEventData StudyEventOID="Event.e9"/>') }),
    'SubjectData \\"1\\" names the unknown event \\"Event.e9\\"',
  ],
  [
    'data for an unknown event by name',
    odm({
      events: EVENT,
      clinical: subject('<StudyEventData StudyEventOID="Event.e1" redcap:UniqueEventName="e9"/>'),
    }),
    'SubjectData \\"1\\" names the unknown event \\"e9\\"',
  ],
  ...['0', 'x', '1234567890', '-1'].map(
    (key) =>
      [
        `the StudyEventRepeatKey "${key}"`,
        odm({
          events: EVENT,
          clinical: subject(
            `<StudyEventData StudyEventOID="Event.e1" StudyEventRepeatKey="${key}"/>`,
          ),
        }),
        `SubjectData \\"1\\" event \\"e1_arm_1\\" has the StudyEventRepeatKey \\"${key}\\"`,
      ] as const,
  ),
  [
    'FormData of an unknown form',
    odm({ clinical: subject(formData('', 'FormOID="Form.g"')) }),
    'SubjectData \\"1\\" has FormData for the unknown form \\"Form.g\\"',
  ],
  ...['0', 'one', '1.5'].map(
    (key) =>
      [
        `the FormRepeatKey "${key}"`,
        odm({ clinical: subject(formData('', `FormOID="Form.f" FormRepeatKey="${key}"`)) }),
        `SubjectData \\"1\\" FormData \\"Form.f\\" has the FormRepeatKey \\"${key}\\"`,
      ] as const,
  ),
  [
    'an ItemData without ItemOID',
    odm({ clinical: subject(formData('<ItemData Value="1"/>')) }),
    'an ItemData of SubjectData \\"1\\" has no ItemOID',
  ],
  [
    'a value for no ItemDef',
    odm({ clinical: subject(formData('<ItemData ItemOID="nope" Value="1"/>')) }),
    'SubjectData \\"1\\" has a value for \\"nope\\", which has no ItemDef',
  ],
  [
    'a file in a field that is no file field',
    odm({
      clinical: subject(
        formData('<ItemDataBase64Binary ItemOID="record_id2">QQ==</ItemDataBase64Binary>'),
      ),
    }),
    'the ItemDataBase64Binary \\"record_id2\\" of SubjectData \\"1\\" is no file field',
  ],
  ...['QQ=x', 'Q$Q=', 'QQ==='].map(
    (bytes) =>
      [
        `the file bytes "${bytes}"`,
        odm({
          clinical: subject(
            formData(`<ItemDataBase64Binary ItemOID="doc">${bytes}</ItemDataBase64Binary>`),
          ),
        }),
        'the file \\"doc\\" of SubjectData \\"1\\" is not base64',
      ] as const,
  ),
  [
    'bytes that are not base64 for atob (a lone character)',
    odm({
      clinical: subject(formData('<ItemDataBase64Binary ItemOID="doc">Q</ItemDataBase64Binary>')),
    }),
    'the file \\"doc\\" of SubjectData \\"1\\" is not base64',
  ],
  [
    'a record in an unknown DAG',
    odm({
      clinical: subject(formData('<ItemData ItemOID="redcap_data_access_group" Value="site_x"/>')),
    }),
    'the record \\"1\\" is in the unknown data access group \\"site_x\\"',
  ],
];

describe('Create Project refuses a broken project XML file: one 400, nothing created', () => {
  it.each(BROKEN)('%s', async (_name, file, detail) => {
    const redcap = createMockRedcap();
    const r = await createFromOdm(redcap, file);
    expect([r.status, r.text]).toEqual([400, `{"error":"${PREFIX}${detail}."}`]);
    expect(redcap.store.projects).toHaveLength(3);
  });

  it('names the XML error of a file that is not XML', async () => {
    const r = await createFromOdm(createMockRedcap(), '<ODM><Study></ODM>');
    expect(r.status).toBe(400);
    expect(r.text.startsWith(`{"error":"${PREFIX}`)).toBe(true);
    expect(r.text.length).toBeGreaterThan(`{"error":"${PREFIX}."}`.length);
  });
});

describe('Create Project from a small file: what the file leaves out takes the defaults', () => {
  async function created(file: string) {
    const redcap = createMockRedcap();
    const r = await createFromOdm(redcap, file);
    expect([r.status, r.text.length]).toEqual([200, 32]);
    const get = (content: string) => exportJson(redcap, r.text, content);
    return { redcap, token: r.text, get };
  }

  it('reads a file field, a form status and no GlobalVariables', async () => {
    const file = odm().replace('<GlobalVariables></GlobalVariables>', '');
    const { get } = await created(file);
    expect(await get('instrument')).toEqual([{ instrument_name: 'f', instrument_label: 'F' }]);
    const meta = (await get('metadata')) as Record<string, string>[];
    expect(meta.map((m) => [m.field_name, m.field_type, m.field_label])).toEqual([
      ['record_id', 'text', 'ID'],
      ['doc', 'file', 'Doc'],
    ]);
  });

  it('names arms "Arm <n>" without ArmName, sorted by number; events by Name or unique name', async () => {
    const events =
      '<StudyEventDef OID="Event.b" redcap:UniqueEventName="b_arm_2" redcap:ArmNum="2"><FormRef FormOID="Form.f"/></StudyEventDef>' +
      '<StudyEventDef OID="Event.a" Name="Visit A" redcap:UniqueEventName="a_arm_1" redcap:ArmName="First"><FormRef FormOID="x" redcap:FormName="f"/></StudyEventDef>' +
      '<StudyEventDef OID="Event.c" redcap:UniqueEventName="c_arm_1" redcap:EventName="C" redcap:CustomEventLabel="[doc]"/>';
    const { get } = await created(odm({ events }));
    expect(await get('arm')).toEqual([
      { arm_num: 1, name: 'First' },
      { arm_num: 2, name: 'Arm 2' },
    ]);
    const list = (await get('event')) as Record<string, unknown>[];
    expect(
      list.map((e) => [e.unique_event_name, e.event_name, e.arm_num, e.custom_event_label]),
    ).toEqual([
      ['a_arm_1', 'Visit A', 1, ''],
      ['c_arm_1', 'C', 1, '[doc]'],
      ['b_arm_2', 'b_arm_2', 2, ''],
    ]);
    expect(await get('formEventMapping')).toEqual([
      { arm_num: 1, unique_event_name: 'a_arm_1', form: 'f' },
      { arm_num: 2, unique_event_name: 'b_arm_2', form: 'f' },
    ]);
  });

  it('keeps each DAG name once, takes redcap:GroupName, and a survey title defaults to the form', async () => {
    const globals =
      '<redcap:DataAccessGroupsGroup><redcap:DataAccessGroups group_name=" North "/><redcap:DataAccessGroups redcap:GroupName="South"/><redcap:DataAccessGroups group_name="North"/></redcap:DataAccessGroupsGroup>' +
      '<redcap:SurveysGroup><redcap:Surveys form_name="f" save_and_return="0"/></redcap:SurveysGroup>' +
      '<redcap:SurveysEnabled>1</redcap:SurveysEnabled><redcap:SurveyInvitationEmailField>doc</redcap:SurveyInvitationEmailField>';
    const { get, redcap, token } = await created(odm({ globals }));
    const dags = (await get('dag')) as Record<string, string>[];
    expect(dags.map((d) => [d.data_access_group_name, d.unique_group_name])).toEqual([
      ['North', 'north'],
      ['South', 'south'],
    ]);
    const project = redcap.store.data.projects.find((p) => p.users.some((u) => u.token === token))!;
    expect(project.surveys).toEqual({
      surveys: [{ form: 'f', title: 'f', saveAndReturn: false }],
      queue: false,
      emailField: 'doc',
      responses: [],
    });
  });

  it('puts a file into its record, named "file" of an unknown type without DocName/MimeType', async () => {
    const clinical = subject(
      formData(
        '<ItemData ItemOID="record_id" Value="1"/><ItemDataBase64Binary ItemOID="doc">\n QUJD\n</ItemDataBase64Binary><ItemData ItemOID="f_complete" Value="2"/>',
      ),
    );
    const { redcap, token } = await created(odm({ clinical }));
    const r = await redcap.handle({
      method: 'POST',
      url: 'http://mock.test/api/',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new TextEncoder().encode(
        new URLSearchParams({
          token,
          content: 'file',
          action: 'export',
          record: '1',
          field: 'doc',
        }).toString(),
      ),
    });
    expect(r.status).toBe(200);
    expect(new TextDecoder().decode(r.body as Uint8Array)).toBe('ABC');
    expect(r.headers['content-type']).toBe('application/octet-stream; name="file"');
  });
});

describe('Create Project keeps the super token to itself', () => {
  it('never echoes the super token', async () => {
    const r = await createFromOdm(createMockRedcap(), '<ODM/>');
    expect(r.text).not.toContain(ALICE_SUPER_TOKEN);
  });
});
