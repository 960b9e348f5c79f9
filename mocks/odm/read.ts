import { DICTIONARY_COLUMNS } from '../../src/lib/methods/dictionary.ts';
import {
  childElements,
  readXml,
  textOf,
  XmlError,
  type XmlElement,
} from '../../src/lib/xml/xml.ts';
import type {
  Arm,
  FieldType,
  FormEventMapping,
  Instrument,
  MetadataRow,
  RepeatingForm,
  Cells,
} from '../store/types.ts';
import type { ProjectTemplate, TemplateFile, TemplateSurvey } from '../store/create-project.ts';
import { badRequest } from '../store/errors.ts';

/**
 * REDCap's project XML (CDISC ODM 1.3.1 with `redcap:` extensions), read for Create Project's
 * `odm` (§2.19) and described for Export Project XML (routes/project-xml.ts). The dialect is the
 * one real servers write (see mocks/README.md "Project XML (ODM)"): internal field types
 * (`textarea`, `select`) and validation names (`float`, `int`), `<form>_complete` as a `select`
 * ItemDef, project attributes and repeating setup, DAGs and surveys in GlobalVariables, arms and
 * events as StudyEventDef, records in ClinicalData. Unknown elements and attributes are skipped,
 * as REDCap adds new ones in every version; what is read is checked, and a broken file is one
 * 400 naming the element or OID, before anything is created.
 */

/** Data dictionary field type → REDCap's internal name (`redcap:FieldType`). */
const FIELD_TYPE_OUT: ReadonlyMap<string, string> = new Map([
  ['notes', 'textarea'],
  ['dropdown', 'select'],
]);
const FIELD_TYPE_IN: ReadonlyMap<string, FieldType> = new Map([
  ['textarea', 'notes'],
  ['select', 'dropdown'],
  ['text', 'text'],
  ['radio', 'radio'],
  ['checkbox', 'checkbox'],
  ['yesno', 'yesno'],
  ['truefalse', 'truefalse'],
  ['calc', 'calc'],
  ['file', 'file'],
  ['slider', 'slider'],
  ['descriptive', 'descriptive'],
  ['sql', 'sql'],
]);
/** Data dictionary validation → REDCap's internal name (`redcap:TextValidationType`). */
const VALIDATION_OUT: ReadonlyMap<string, string> = new Map([
  ['number', 'float'],
  ['integer', 'int'],
]);
const VALIDATION_IN: ReadonlyMap<string, string> = new Map([
  ['float', 'number'],
  ['int', 'integer'],
]);

export const internalFieldType = (type: string): string => FIELD_TYPE_OUT.get(type) ?? type;
export const internalValidation = (name: string): string => VALIDATION_OUT.get(name) ?? name;

/** GlobalVariables tag (without `redcap:`) → the Export Project Info key it carries. */
export const PROJECT_ATTRIBUTES: readonly (readonly [tag: string, key: string])[] = [
  ['RecordAutonumberingEnabled', 'record_autonumbering_enabled'],
  ['CustomRecordLabel', 'custom_record_label'],
  ['SecondaryUniqueField', 'secondary_unique_field'],
  ['SchedulingEnabled', 'scheduling_enabled'],
  ['SurveysEnabled', 'surveys_enabled'],
  ['RandomizationEnabled', 'randomization_enabled'],
  ['DisplayTodayNowButton', 'display_today_now_button'],
  ['PreventBranchingEraseValues', 'bypass_branching_erase_field_prompt'],
  ['Purpose', 'purpose'],
  ['PurposeOther', 'purpose_other'],
  ['ProjectNotes', 'project_notes'],
  ['MissingDataCodes', 'missing_data_codes'],
];

export type OdmSurvey = TemplateSurvey;
export type OdmFile = TemplateFile;
/** A project XML file, read: what Create Project builds a project from. */
export type OdmProject = ProjectTemplate;

const invalid = (detail: string) =>
  badRequest(`The "odm" of Create Project is not a REDCap project XML file: ${detail}.`);

/** The local part of an element name: `redcap:Surveys` → `Surveys`, `odm:ItemDef` → `ItemDef`. */
const local = (name: string): string => name.slice(name.indexOf(':') + 1);

const children = (element: XmlElement, name: string): XmlElement[] =>
  childElements(element).filter((c) => local(c.name) === name);

const attr = (element: XmlElement, name: string): string | undefined =>
  Object.hasOwn(element.attributes, name) ? element.attributes[name] : undefined;

function required(element: XmlElement, name: string, where: string): string {
  const value = attr(element, name);
  if (value === undefined || value === '') throw invalid(`${where} has no ${name}`);
  return value;
}

/** Depth-first search (elements are at most MAX_XML_DEPTH deep, see src/lib/xml). */
function descendants(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const stack = [...childElements(element)].reverse();
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (local(e.name) === name) found.push(e);
    stack.push(...[...childElements(e)].reverse());
  }
  return found;
}

function translated(element: XmlElement | undefined): string {
  if (!element) return '';
  const text = descendants(element, 'TranslatedText')[0];
  return text ? textOf(text) : '';
}

function emptyRow(): MetadataRow {
  return Object.fromEntries(DICTIONARY_COLUMNS.map((c) => [c, ''])) as MetadataRow;
}

/** `1, Fever | 2, Cough` from a CodeList's items. */
function choicesText(list: XmlElement | undefined): string {
  if (!list) return '';
  return children(list, 'CodeListItem')
    .map((item) => `${attr(item, 'CodedValue') ?? ''}, ${translated(children(item, 'Decode')[0])}`)
    .join(' | ');
}

function base64Bytes(text: string, where: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) throw invalid(`${where} is not base64`);
  let binary: string;
  try {
    binary = atob(clean);
  } catch {
    throw invalid(`${where} is not base64`);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function parse(odm: string): XmlElement {
  try {
    return readXml(odm);
  } catch (error) {
    if (error instanceof XmlError) throw invalid(error.message);
    throw error;
  }
}

export function readOdmProject(odm: string): OdmProject {
  const root = parse(odm);
  if (local(root.name) !== 'ODM') throw invalid(`its root element is <${root.name}>, not <ODM>`);
  const study = children(root, 'Study')[0];
  const meta = study && children(study, 'MetaDataVersion')[0];
  if (!study || !meta) throw invalid('it has no Study/MetaDataVersion');
  const globals = children(study, 'GlobalVariables')[0];

  // ----- metadata: FormDef → ItemGroupRef → ItemGroupDef → ItemRef → ItemDef (+ CodeList)
  const byOid = (name: string) => {
    const map = new Map<string, XmlElement>();
    for (const e of children(meta, name)) {
      const oid = required(e, 'OID', `a <${name}>`);
      if (map.has(oid)) throw invalid(`the ${name} OID "${oid}" is used twice`);
      map.set(oid, e);
    }
    return map;
  };
  const itemDefs = byOid('ItemDef');
  const codeLists = byOid('CodeList');
  const groups = byOid('ItemGroupDef');
  const instruments: Instrument[] = [];
  const metadata: MetadataRow[] = [];
  const formOids = new Map<string, string>();
  const seen = new Set<string>();
  for (const formDef of children(meta, 'FormDef')) {
    const oid = required(formDef, 'OID', 'a <FormDef>');
    const form = attr(formDef, 'redcap:FormName') ?? (oid.startsWith('Form.') ? oid.slice(5) : '');
    if (form === '') throw invalid(`the FormDef "${oid}" has no redcap:FormName`);
    if (formOids.has(oid) || instruments.some((i) => i.instrument_name === form)) {
      throw invalid(`the FormDef "${oid}" is there twice`);
    }
    formOids.set(oid, form);
    instruments.push({ instrument_name: form, instrument_label: attr(formDef, 'Name') ?? form });
    const status = `${form}_complete`;
    for (const groupRef of children(formDef, 'ItemGroupRef')) {
      const groupOid = required(groupRef, 'ItemGroupOID', `an ItemGroupRef of FormDef "${oid}"`);
      const group = groups.get(groupOid);
      if (!group) throw invalid(`the ItemGroupDef "${groupOid}" (of FormDef "${oid}") is missing`);
      for (const ref of children(group, 'ItemRef')) {
        const itemOid = required(ref, 'ItemOID', `an ItemRef of ItemGroupDef "${groupOid}"`);
        const def = itemDefs.get(itemOid);
        if (!def)
          throw invalid(`the ItemDef "${itemOid}" (of ItemGroupDef "${groupOid}") is missing`);
        const variable = attr(def, 'redcap:Variable') ?? attr(def, 'Name') ?? itemOid;
        const internal = attr(def, 'redcap:FieldType');
        // The form status, the DAG column and survey timestamps are not fields; checkbox
        // options come once per field.
        if (variable === status || internal === undefined || seen.has(variable)) continue;
        const type = FIELD_TYPE_IN.get(internal);
        if (type === undefined) {
          throw invalid(`the ItemDef "${itemOid}" has the unknown redcap:FieldType "${internal}"`);
        }
        seen.add(variable);
        const list = codeLists.get(
          children(def, 'CodeListRef')[0]?.attributes['CodeListOID'] ?? '',
        );
        const a = (name: string) => attr(def, `redcap:${name}`) ?? '';
        const row = emptyRow();
        row.field_name = variable;
        row.form_name = form;
        row.field_type = type;
        row.field_label = translated(children(def, 'Question')[0]);
        row.section_header = a('SectionHeader');
        row.field_note = a('FieldNote');
        const validation = a('TextValidationType');
        row.text_validation_type_or_show_slider_number =
          VALIDATION_IN.get(validation) ?? validation;
        for (const check of children(def, 'RangeCheck')) {
          const value = textOf(
            children(check, 'CheckValue')[0] ?? { name: '', attributes: {}, children: [] },
          );
          const comparator = attr(check, 'Comparator');
          if (comparator === 'GE') row.text_validation_min = value;
          else if (comparator === 'LE') row.text_validation_max = value;
        }
        row.identifier = a('Identifier') === 'y' ? 'y' : '';
        row.branching_logic = a('BranchingLogic');
        row.required_field =
          a('RequiredField') === 'y' || attr(ref, 'Mandatory') === 'Yes' ? 'y' : '';
        row.custom_alignment = a('CustomAlignment');
        row.question_number = a('QuestionNumber');
        row.matrix_group_name = a('MatrixGroupName');
        row.matrix_ranking = a('MatrixRanking');
        row.field_annotation = a('FieldAnnotation');
        if (type === 'calc') row.select_choices_or_calculations = a('Calculation');
        else if (type === 'slider') row.select_choices_or_calculations = a('SliderLabels');
        else if (type === 'sql') row.select_choices_or_calculations = a('Calculation');
        else if (type === 'checkbox') {
          row.select_choices_or_calculations = list
            ? (attr(list, 'redcap:CheckboxChoices') ?? '')
            : '';
        } else if (type === 'radio' || type === 'dropdown') {
          row.select_choices_or_calculations = choicesText(list);
        }
        metadata.push(row);
      }
    }
  }
  if (metadata.length === 0) throw invalid('it has no fields');
  const forms = new Set(instruments.map((i) => i.instrument_name));
  const fields = new Set(metadata.map((f) => f.field_name));
  const idField = attr(meta, 'redcap:RecordIdField') ?? metadata[0]!.field_name;
  if (metadata[0]!.field_name !== idField) {
    throw invalid(`redcap:RecordIdField "${idField}" is not the first field`);
  }

  // ----- arms, events, designations
  const arms: Arm[] = [];
  const events: OdmProject['events'] = [];
  const formEvents: FormEventMapping[] = [];
  const eventOids = new Map<string, string>();
  for (const def of children(meta, 'StudyEventDef')) {
    const oid = required(def, 'OID', 'a <StudyEventDef>');
    const unique = attr(def, 'redcap:UniqueEventName') ?? '';
    if (!/^[a-z0-9_]+$/.test(unique)) {
      throw invalid(`the StudyEventDef "${oid}" has no valid redcap:UniqueEventName`);
    }
    if (events.some((e) => e.unique_event_name === unique)) {
      throw invalid(`the event "${unique}" (StudyEventDef "${oid}") is there twice`);
    }
    const armText = attr(def, 'redcap:ArmNum') ?? '1';
    if (!/^[1-9]\d{0,2}$/.test(armText)) {
      throw invalid(`the StudyEventDef "${oid}" has the redcap:ArmNum "${armText}"`);
    }
    const armNum = Number(armText);
    if (!arms.some((a) => a.arm_num === armNum)) {
      arms.push({ arm_num: armNum, name: attr(def, 'redcap:ArmName') || `Arm ${armNum}` });
    }
    eventOids.set(oid, unique);
    events.push({
      arm_num: armNum,
      event_name: attr(def, 'redcap:EventName') ?? attr(def, 'Name') ?? unique,
      unique_event_name: unique,
      custom_event_label: attr(def, 'redcap:CustomEventLabel') ?? '',
    });
    for (const ref of children(def, 'FormRef')) {
      const formOid = attr(ref, 'FormOID') ?? '';
      const form = attr(ref, 'redcap:FormName') ?? formOids.get(formOid) ?? '';
      if (!forms.has(form)) {
        throw invalid(`the FormRef "${formOid}" of StudyEventDef "${oid}" names no FormDef`);
      }
      formEvents.push({ unique_event_name: unique, form });
    }
  }
  arms.sort((a, b) => a.arm_num - b.arm_num);
  const longitudinal = events.length > 0;
  const eventNames = new Set(events.map((e) => e.unique_event_name));

  // ----- GlobalVariables: attributes, repeating setup, DAGs, surveys
  const attributes = new Map<string, string>();
  const repeating: RepeatingForm[] = [];
  const dags: string[] = [];
  const surveys: OdmSurvey[] = [];
  let surveyEmailField = '';
  if (globals) {
    for (const [tag, key] of PROJECT_ATTRIBUTES) {
      const element = childElements(globals).find((e) => e.name === `redcap:${tag}`);
      if (element) attributes.set(key, textOf(element));
    }
    const email = childElements(globals).find(
      (e) => e.name === 'redcap:SurveyInvitationEmailField',
    );
    surveyEmailField = email ? textOf(email) : '';
    for (const group of children(globals, 'RepeatingInstrumentsAndEvents')) {
      for (const r of descendants(group, 'RepeatingEvent')) {
        const event = attr(r, 'redcap:UniqueEventName') ?? '';
        if (!longitudinal) continue;
        if (!eventNames.has(event)) throw invalid(`the RepeatingEvent "${event}" is no event`);
        repeating.push({ event_name: event, form_name: '', custom_form_label: '' });
      }
      for (const r of descendants(group, 'RepeatingInstrument')) {
        const form = attr(r, 'redcap:RepeatInstrument') ?? '';
        const event = attr(r, 'redcap:UniqueEventName') ?? '';
        if (!forms.has(form)) throw invalid(`the RepeatingInstrument "${form}" is no FormDef`);
        const label = attr(r, 'redcap:CustomLabel') ?? '';
        if (longitudinal) {
          if (!eventNames.has(event))
            throw invalid(`the RepeatingInstrument event "${event}" is no event`);
          repeating.push({ event_name: event, form_name: form, custom_form_label: label });
        } else {
          repeating.push({ form_name: form, custom_form_label: label });
        }
      }
    }
    for (const group of children(globals, 'DataAccessGroupsGroup')) {
      for (const d of children(group, 'DataAccessGroups')) {
        const name = (attr(d, 'group_name') ?? attr(d, 'redcap:GroupName') ?? '').trim();
        if (name === '') throw invalid('a redcap:DataAccessGroups has no group_name');
        if (!dags.includes(name)) dags.push(name);
      }
    }
    for (const group of children(globals, 'SurveysGroup')) {
      for (const s of children(group, 'Surveys')) {
        const form = attr(s, 'form_name') ?? '';
        if (!forms.has(form)) throw invalid(`the redcap:Surveys form_name "${form}" is no FormDef`);
        surveys.push({
          form,
          title: attr(s, 'title') ?? form,
          saveAndReturn: attr(s, 'save_and_return') === '1',
        });
      }
    }
  }

  // ----- ClinicalData: one import row per FormData
  const rows: Cells[] = [];
  const rowForms: string[] = [];
  const recordDags = new Map<string, string>();
  const files: OdmFile[] = [];
  const fileFields = new Set(
    metadata.filter((f) => f.field_type === 'file').map((f) => f.field_name),
  );
  const repeatsOn = (event: string | null, form: string) =>
    repeating.some((r) => r.form_name === form && (event === null || r.event_name === event));
  const eventRepeats = (event: string) =>
    repeating.some((r) => r.form_name === '' && r.event_name === event);
  const key = (element: XmlElement, name: string, where: string): number => {
    const value = attr(element, name) ?? '1';
    if (!/^[1-9]\d{0,8}$/.test(value)) throw invalid(`${where} has the ${name} "${value}"`);
    return Number(value);
  };
  for (const clinical of children(root, 'ClinicalData')) {
    for (const subject of children(clinical, 'SubjectData')) {
      const id = required(subject, 'SubjectKey', 'a <SubjectData>');
      const where = `SubjectData "${id}"`;
      const dagAttribute = attr(subject, 'redcap:DataAccessGroup');
      if (dagAttribute) recordDags.set(id, dagAttribute);
      const blocks: { event: string | null; eventKey: number; formData: XmlElement }[] = [];
      for (const child of childElements(subject)) {
        const name = local(child.name);
        if (name === 'FormData') {
          if (longitudinal) throw invalid(`${where} has FormData outside a StudyEventData`);
          blocks.push({ event: null, eventKey: 1, formData: child });
        } else if (name === 'StudyEventData') {
          const oid = attr(child, 'StudyEventOID') ?? '';
          const event = attr(child, 'redcap:UniqueEventName') ?? eventOids.get(oid) ?? '';
          if (!longitudinal) {
            // A classic project's data sits in event_1_arm_1 (as REDCap's own export of a
            // classic project may write it).
            for (const f of children(child, 'FormData'))
              blocks.push({ event: null, eventKey: 1, formData: f });
            continue;
          }
          if (!eventNames.has(event))
            throw invalid(`${where} names the unknown event "${event || oid}"`);
          const eventKey = key(child, 'StudyEventRepeatKey', `${where} event "${event}"`);
          for (const f of children(child, 'FormData'))
            blocks.push({ event, eventKey, formData: f });
        }
      }
      for (const { event, eventKey, formData } of blocks) {
        const oid = attr(formData, 'FormOID') ?? '';
        const form = formOids.get(oid) ?? attr(formData, 'redcap:FormName') ?? '';
        if (!forms.has(form)) throw invalid(`${where} has FormData for the unknown form "${oid}"`);
        const formKey = key(formData, 'FormRepeatKey', `${where} FormData "${oid}"`);
        const instanceAttr = attr(formData, 'redcap:RepeatInstance');
        const formInstance =
          instanceAttr !== undefined && /^[1-9]\d{0,8}$/.test(instanceAttr)
            ? Number(instanceAttr)
            : formKey;
        const cells: Cells = [[idField, id]];
        if (event !== null) cells.push(['redcap_event_name', event]);
        let repeatInstrument: string | null = null;
        let instance: number | null = null;
        if (repeatsOn(event, form)) {
          repeatInstrument = form;
          instance = formInstance;
        } else if (event !== null && eventRepeats(event)) {
          instance = eventKey;
        }
        if (instance !== null) {
          cells.push(['redcap_repeat_instrument', repeatInstrument ?? '']);
          cells.push(['redcap_repeat_instance', String(instance)]);
        }
        for (const group of children(formData, 'ItemGroupData')) {
          for (const item of childElements(group)) {
            const kind = local(item.name);
            if (kind !== 'ItemData' && kind !== 'ItemDataBase64Binary') continue;
            const itemOid = required(item, 'ItemOID', `an ItemData of ${where}`);
            if (itemOid === idField) continue;
            if (itemOid === 'redcap_data_access_group') {
              const value = attr(item, 'Value') ?? '';
              if (value !== '') recordDags.set(id, value);
              continue;
            }
            if (kind === 'ItemDataBase64Binary' || fileFields.has(itemOid)) {
              if (!fileFields.has(itemOid)) {
                throw invalid(`the ItemDataBase64Binary "${itemOid}" of ${where} is no file field`);
              }
              if (kind === 'ItemDataBase64Binary') {
                files.push({
                  record: id,
                  event,
                  repeatInstrument,
                  instance,
                  field: itemOid,
                  name: attr(item, 'redcap:DocName') || 'file',
                  mime: attr(item, 'redcap:MimeType') || 'application/octet-stream',
                  bytes: base64Bytes(textOf(item), `the file "${itemOid}" of ${where}`),
                });
              }
              continue;
            }
            if (!itemDefs.has(itemOid) && !fields.has(itemOid) && !itemOid.endsWith('_timestamp')) {
              throw invalid(`${where} has a value for "${itemOid}", which has no ItemDef`);
            }
            cells.push([itemOid, attr(item, 'Value') ?? textOf(item)]);
          }
        }
        rows.push(cells);
        rowForms.push(form);
      }
    }
  }

  return {
    instruments,
    metadata,
    repeating,
    attributes,
    longitudinal,
    arms,
    events,
    formEvents,
    dags,
    surveys,
    surveyEmailField,
    rows,
    rowForms,
    recordDags,
    files,
  };
}
