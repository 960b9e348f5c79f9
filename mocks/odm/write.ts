import { respond, type MockResponse } from '../wire/render.ts';
import {
  columnsOfField,
  fieldChoices,
  formNames,
  formStatusName,
  FORM_STATUS_CHOICES,
  fieldsOfForm,
  recordIdField,
  repeatingForms,
  type DataColumn,
} from '../store/dictionary.ts';
import { formsOfEvent } from '../store/longitudinal.ts';
import { hasStored, own } from '../store/records.ts';
import { formatTimestamp } from '../store/store.ts';
import type {
  DataSlot,
  Instrument,
  ProjectEvent,
  MetadataRow,
  ProjectData,
  RepeatingForm,
  StoredDoc,
  StoredRecord,
} from '../store/types.ts';
import { internalFieldType, internalValidation, PROJECT_ATTRIBUTES } from './read.ts';
import type { Params } from '../wire/params.ts';
import { hasSurveys } from '../wire/record-survey.ts';
import { surveyResponse } from '../store/surveys.ts';
import type { RouteContext } from '../wire/route.ts';

/**
 * Export Project XML (§2.19): CDISC ODM 1.3.1 with REDCap's `redcap:` extensions, laid out as
 * REDCap's "Download project XML" writes it: Study (GlobalVariables, MetaDataVersion with
 * FormDef / ItemGroupDef / ItemDef / CodeList) and, unless `returnMetadataOnly`, ClinicalData.
 * Always XML. Filters `records`, `fields`, `events`, `filterLogic`, `dateRangeBegin/End`
 * narrow ClinicalData only; `exportDataAccessGroups` and `exportFiles` add to it.
 */

const attr = (value: string | number): string =>
  String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r?\n/g, '&#10;');
const text = (value: string | number): string =>
  String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `Project.ClassicDemoMock`: REDCap squeezes the title into an OID. */
function studyOid(project: ProjectData): string {
  const words = project.info.project_title.replace(/[^A-Za-z0-9 ]/g, ' ').split(/\s+/);
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return `Project.${name !== '' ? name : project.info.project_id}`;
}

export const CLASSIC_EVENT = 'event_1_arm_1';

function dataType(field: MetadataRow): string {
  const validation = field.text_validation_type_or_show_slider_number;
  switch (field.field_type) {
    case 'yesno':
    case 'truefalse':
    case 'checkbox':
      return 'boolean';
    case 'calc':
      return 'float';
    case 'slider':
      return 'integer';
    case 'text':
      if (validation === 'integer') return 'integer';
      if (validation.startsWith('number')) return 'float';
      if (validation.startsWith('date_')) return 'date';
      // As real servers write them (REDCapR inst/test-data/projects/validation-types-1).
      if (validation.startsWith('datetime_seconds_')) return 'datetime';
      if (validation.startsWith('datetime_')) return 'partialDatetime';
      if (validation === 'time') return 'partialTime';
      return 'text';
    default:
      return 'text';
  }
}

/** REDCap's Length: 1 for coded values (choices, booleans, statuses), 999 otherwise. */
function dataLength(field: MetadataRow): number {
  return ['radio', 'dropdown', 'yesno', 'truefalse', 'checkbox', 'sql'].includes(field.field_type)
    ? 1
    : 999;
}

/** One ItemRef/ItemDef of a form: a data column, a descriptive field, or the form status. */
interface OdmItem {
  readonly oid: string;
  readonly variable: string;
  /** null: the form status. */
  readonly field: MetadataRow | null;
  /** null: a descriptive field (no data). */
  readonly column: DataColumn | null;
}

interface OdmGroup {
  readonly oid: string;
  readonly name: string;
  readonly items: OdmItem[];
}

/**
 * A form's ItemGroupDefs as REDCap cuts them: a new group at the form's first field and at each
 * section header, named by the header (or the form's label), and the form status alone in a
 * group named "Form Status". The group's OID is `<form>.<its first item>`.
 */
function groupsOfForm(project: ProjectData, instrument: Instrument): OdmGroup[] {
  const form = instrument.instrument_name;
  const groups: { oid: string; name: string; items: OdmItem[] }[] = [];
  for (const field of fieldsOfForm(project, form)) {
    const items: OdmItem[] =
      field.field_type === 'descriptive'
        ? [{ oid: field.field_name, variable: field.field_name, field, column: null }]
        : columnsOfField(field).map((column) => ({
            oid: column.name,
            variable: field.field_name,
            field,
            column,
          }));
    if (items.length === 0) continue;
    if (groups.length === 0 || field.section_header !== '') {
      groups.push({
        oid: `${form}.${items[0]!.oid}`,
        name: field.section_header !== '' ? field.section_header : instrument.instrument_label,
        items: [],
      });
    }
    groups[groups.length - 1]!.items.push(...items);
  }
  const status = formStatusName(form);
  groups.push({
    oid: `${form}.${status}`,
    name: 'Form Status',
    items: [
      {
        oid: status,
        variable: status,
        field: null,
        column: { kind: 'status', name: status, form },
      },
    ],
  });
  return groups;
}

const DAG_ITEM = 'redcap_data_access_group';

function rangeCheck(comparator: 'GE' | 'LE', value: string, field: MetadataRow): string {
  const min = field.text_validation_min;
  const max = field.text_validation_max;
  const message =
    min !== '' && max !== ''
      ? `The value you provided is outside the suggested range (${min} - ${max}). This value is admissible, but you may wish to double check it.`
      : 'The value you provided is outside the suggested range. This value is admissible, but you may wish to double check it.';
  return (
    `\t\t<RangeCheck Comparator="${comparator}" SoftHard="Soft">\n` +
    `\t\t\t<CheckValue>${text(value)}</CheckValue>\n` +
    `\t\t\t<ErrorMessage><TranslatedText>${text(message)}</TranslatedText></ErrorMessage>\n` +
    '\t\t</RangeCheck>\n'
  );
}

function itemDef(item: OdmItem): string {
  const question = (label: string) =>
    `\t\t<Question><TranslatedText>${text(label)}</TranslatedText></Question>\n`;
  const field = item.field;
  if (field === null) {
    return (
      `\t<ItemDef OID="${attr(item.oid)}" Name="${attr(item.oid)}" DataType="text" Length="1" redcap:Variable="${attr(item.variable)}" redcap:FieldType="select" redcap:SectionHeader="Form Status">\n` +
      question('Complete?') +
      `\t\t<CodeListRef CodeListOID="${attr(item.oid)}.choices"/>\n\t</ItemDef>\n`
    );
  }
  const type = field.field_type;
  const validation = field.text_validation_type_or_show_slider_number;
  const optional = (name: string, value: string) =>
    value !== '' ? ` redcap:${name}="${attr(value)}"` : '';
  const choices = field.select_choices_or_calculations;
  const extra =
    optional('TextValidationType', internalValidation(validation)) +
    (type === 'slider' ? optional('SliderLabels', choices) : '') +
    optional('FieldNote', field.field_note) +
    optional('SectionHeader', field.section_header) +
    optional('CustomAlignment', field.custom_alignment) +
    optional('QuestionNumber', field.question_number) +
    (field.identifier === 'y' ? ' redcap:Identifier="y"' : '') +
    optional('BranchingLogic', field.branching_logic) +
    (field.required_field === 'y' ? ' redcap:RequiredField="y"' : '') +
    (type === 'calc' || type === 'sql' ? optional('Calculation', choices) : '') +
    optional('FieldAnnotation', field.field_annotation) +
    optional('MatrixGroupName', field.matrix_group_name) +
    optional('MatrixRanking', field.matrix_ranking);
  const codeList =
    item.column !== null &&
    (item.column.kind === 'checkbox' || ['radio', 'dropdown', 'yesno', 'truefalse'].includes(type));
  const ranges =
    type === 'text'
      ? (field.text_validation_min !== ''
          ? rangeCheck('GE', field.text_validation_min, field)
          : '') +
        (field.text_validation_max !== '' ? rangeCheck('LE', field.text_validation_max, field) : '')
      : '';
  return (
    `\t<ItemDef OID="${attr(item.oid)}" Name="${attr(item.oid)}" DataType="${dataType(field)}" Length="${dataLength(field)}" redcap:Variable="${attr(field.field_name)}" redcap:FieldType="${attr(internalFieldType(type))}"${extra}>\n` +
    question(field.field_label) +
    (codeList ? `\t\t<CodeListRef CodeListOID="${attr(item.oid)}.choices"/>\n` : '') +
    ranges +
    `\t</ItemDef>\n`
  );
}

function codeList(item: OdmItem): string {
  const column = item.column;
  if (column === null) return '';
  let items: readonly { code: string; label: string }[] | null;
  if (column.kind === 'status') items = FORM_STATUS_CHOICES;
  else if (column.kind === 'checkbox') {
    items = [
      { code: '1', label: 'Checked' },
      { code: '0', label: 'Unchecked' },
    ];
  } else if (['radio', 'dropdown', 'yesno', 'truefalse'].includes(column.field.field_type)) {
    items = fieldChoices(column.field);
  } else items = null;
  if (items === null) return '';
  const type = column.kind === 'checkbox' ? 'boolean' : 'text';
  // A checkbox option's list is Checked/Unchecked: the field's own choices ride along.
  const checkboxChoices =
    column.kind === 'checkbox'
      ? ` redcap:CheckboxChoices="${attr(column.field.select_choices_or_calculations)}"`
      : '';
  return (
    `\t<CodeList OID="${attr(item.oid)}.choices" Name="${attr(item.oid)}" DataType="${type}" redcap:Variable="${attr(item.variable)}"${checkboxChoices}>\n` +
    items
      .map(
        (c) =>
          `\t\t<CodeListItem CodedValue="${attr(c.code)}"><Decode><TranslatedText>${text(c.label)}</TranslatedText></Decode></CodeListItem>\n`,
      )
      .join('') +
    `\t</CodeList>\n`
  );
}

/** The stored file of a file field's value (a doc id), if any. */
function storedDoc(project: ProjectData, slot: DataSlot, column: DataColumn): StoredDoc | null {
  if (column.kind !== 'value' || column.field.field_type !== 'file') return null;
  const value = own(slot.values, column.field.field_name) ?? '';
  return project.edocs.find((d) => String(d.doc_id) === value) ?? null;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function storedValue(project: ProjectData, slot: DataSlot, column: DataColumn): string | null {
  if (column.kind === 'checkbox') return hasStored(slot, column) ? '1' : '0';
  const key = column.kind === 'status' ? column.name : column.field.field_name;
  const value = own(slot.values, key);
  if (value === undefined || value === '') return null;
  if (column.kind === 'value' && column.field.field_type === 'file') {
    return project.edocs.find((d) => String(d.doc_id) === value)?.name ?? value;
  }
  return value;
}

export interface ClinicalOptions {
  readonly records: readonly StoredRecord[];
  /** Field names asked for; empty = all. The record-id field is always kept. */
  readonly fields: readonly string[];
  readonly events: readonly string[];
  readonly withDags: boolean;
  readonly withFiles: boolean;
  readonly surveyForms: ReadonlySet<string>;
}

/**
 * ClinicalData as REDCap writes it: a SubjectData per record; in a longitudinal project a
 * StudyEventData per event and event instance (`StudyEventRepeatKey`), in a classic one the
 * FormData straight inside SubjectData; a FormData per form and instance (`FormRepeatKey`) with
 * an ItemGroupData per section that holds values; the record's DAG as the ItemData
 * `redcap_data_access_group` after the record id.
 */
export function clinicalData(
  project: ProjectData,
  oid: string,
  metaOid: string,
  o: ClinicalOptions,
): string {
  const longitudinal = project.info.is_longitudinal === 1;
  const idField = recordIdField(project);
  const forms = formNames(project);
  const groups = new Map(
    project.instruments.map((i) => [i.instrument_name, groupsOfForm(project, i)]),
  );
  const eventOrder = new Map(
    (longitudinal ? (project.events ?? []) : []).map((e, i) => [e.unique_event_name, i]),
  );
  const repeatsOn = (event: string | null, form: string) =>
    project.repeating.some(
      (r) => r.form_name === form && (event === null || r.event_name === event),
    );
  const keep = (item: OdmItem) =>
    o.fields.length === 0 || item.variable === idField || o.fields.includes(item.variable);
  const out: string[] = [
    `<ClinicalData StudyOID="${attr(oid)}" MetaDataVersionOID="${attr(metaOid)}">\n`,
  ];
  const indent = longitudinal ? '\t' : '';
  for (const record of o.records) {
    const blocks: { event: string; eventKey: number; order: number[]; xml: string }[] = [];
    const dag = o.withDags && record.dag !== '' ? record.dag : '';
    for (const slot of record.slots) {
      const event = slot.event ?? CLASSIC_EVENT;
      if (longitudinal && o.events.length > 0 && !o.events.includes(event)) continue;
      const eventKey = slot.repeatInstrument === null && slot.instance !== null ? slot.instance : 1;
      const slotForms =
        slot.repeatInstrument !== null
          ? [slot.repeatInstrument]
          : forms.filter((f) => slot.instance !== null || !repeatsOn(slot.event, f));
      // A longitudinal record's values count only on the forms designated for the event.
      const designated = longitudinal ? new Set(formsOfEvent(project, event)) : null;
      for (const form of slotForms) {
        if (designated && !designated.has(form)) continue;
        const formGroups = groups.get(form) ?? [];
        const columns = formGroups.flatMap((g) =>
          g.items.flatMap((i) => (i.column ? [i.column] : [])),
        );
        if (!columns.some((c) => hasStored(slot, c))) continue;
        const groupXml: string[] = [];
        formGroups.forEach((group, g) => {
          const items: string[] = [];
          if (g === 0 && o.surveyForms.has(form) && slot.repeatInstrument === null) {
            const response = surveyResponse(project, form, record.id);
            if (response) {
              items.push(
                `${indent}\t\t\t\t\t<ItemData ItemOID="${attr(`${form}_timestamp`)}" Value="${attr(response.completed || '[not completed]')}"/>\n`,
              );
            }
          }
          for (const item of group.items) {
            if (item.column === null || !keep(item)) continue;
            const value = storedValue(project, slot, item.column);
            if (value === null) continue;
            const doc = o.withFiles ? storedDoc(project, slot, item.column) : null;
            items.push(
              doc
                ? `${indent}\t\t\t\t\t<ItemDataBase64Binary ItemOID="${attr(item.oid)}" redcap:DocName="${attr(doc.name)}" redcap:MimeType="${attr(doc.mime)}"><![CDATA[${base64(doc.bytes)}]]></ItemDataBase64Binary>\n`
                : `${indent}\t\t\t\t\t<ItemData ItemOID="${attr(item.oid)}" Value="${attr(value)}"/>\n`,
            );
            if (item.oid === idField && dag !== '') {
              items.push(
                `${indent}\t\t\t\t\t<ItemData ItemOID="${DAG_ITEM}" Value="${attr(dag)}"/>\n`,
              );
            }
          }
          if (items.length === 0) return;
          groupXml.push(
            `${indent}\t\t\t\t<ItemGroupData ItemGroupOID="${attr(group.oid)}" ItemGroupRepeatKey="1">\n` +
              items.join('') +
              `${indent}\t\t\t\t</ItemGroupData>\n`,
          );
        });
        if (groupXml.length === 0) continue;
        const formKey = slot.repeatInstrument !== null ? (slot.instance ?? 1) : 1;
        blocks.push({
          event,
          eventKey,
          order: [eventOrder.get(event) ?? 0, eventKey, forms.indexOf(form), formKey],
          xml:
            `${indent}\t\t<FormData FormOID="Form.${attr(form)}" FormRepeatKey="${formKey}">\n` +
            groupXml.join('') +
            `${indent}\t\t</FormData>\n`,
        });
      }
    }
    if (blocks.length === 0) continue;
    blocks.sort((a, b) => {
      for (let i = 0; i < a.order.length; i++) {
        const d = a.order[i]! - b.order[i]!;
        if (d !== 0) return d;
      }
      return 0;
    });
    out.push(
      `\t<SubjectData SubjectKey="${attr(record.id)}" redcap:RecordIdField="${attr(idField)}">\n`,
    );
    if (!longitudinal) out.push(...blocks.map((b) => b.xml));
    else {
      for (let i = 0; i < blocks.length;) {
        const { event, eventKey } = blocks[i]!;
        out.push(
          `\t\t<StudyEventData StudyEventOID="Event.${attr(event)}" StudyEventRepeatKey="${eventKey}" redcap:UniqueEventName="${attr(event)}">\n`,
        );
        while (
          i < blocks.length &&
          blocks[i]!.event === event &&
          blocks[i]!.eventKey === eventKey
        ) {
          out.push(blocks[i]!.xml);
          i++;
        }
        out.push('\t\t</StudyEventData>\n');
      }
    }
    out.push('\t</SubjectData>\n');
  }
  out.push('</ClinicalData>\n');
  return out.join('');
}

/** The `<?xml …?><ODM …>` opening REDCap writes. */
function odmOpening(project: ProjectData, version: string, stamp: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" ?>\n' +
    `<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:redcap="https://projectredcap.org" xsi:schemaLocation="http://www.cdisc.org/ns/odm/v1.3 schema/odm/ODM1-3-1.xsd" ODMVersion="1.3.1" FileOID="000-00-0000" FileType="Snapshot" Description="${attr(project.info.project_title)}" AsOfDateTime="${stamp}" CreationDateTime="${stamp}" SourceSystem="REDCap" SourceSystemVersion="${attr(version)}">\n`
  );
}

function metaDataOid(oid: string, stamp: string): string {
  return `Metadata.${oid.slice('Project.'.length)}_${stamp.slice(0, 10)}_${stamp.slice(11, 13)}${stamp.slice(14, 16)}`;
}

/** What one ODM document holds: always the Study; ClinicalData unless null. */
interface OdmDocumentOptions {
  readonly withDags: boolean;
  readonly clinical: ClinicalOptions | null;
}

/** A whole ODM document as REDCap writes it: GlobalVariables, MetaDataVersion, ClinicalData. */
export function odmDocument(
  project: ProjectData,
  version: string,
  now: Date,
  o: OdmDocumentOptions,
): string {
  const { info } = project;
  const longitudinal = info.is_longitudinal === 1;
  const oid = studyOid(project);
  const stamp = formatTimestamp(now).replace(' ', 'T');
  const metaOid = metaDataOid(oid, stamp);
  const withDags = o.withDags;
  const out: string[] = [];
  out.push(
    odmOpening(project, version, stamp) +
      `<Study OID="${attr(oid)}">\n<GlobalVariables>\n` +
      `\t<StudyName>${text(info.project_title)}</StudyName>\n` +
      `\t<StudyDescription>This file contains the metadata, events, and data for REDCap project "${text(info.project_title)}".</StudyDescription>\n` +
      `\t<ProtocolName>${text(info.project_title)}</ProtocolName>\n`,
  );
  const infoValues = info as unknown as Readonly<Record<string, string | number>>;
  for (const [tag, key] of PROJECT_ATTRIBUTES) {
    out.push(`\t<redcap:${tag}>${text(infoValues[key] ?? '')}</redcap:${tag}>\n`);
    if (tag === 'SurveysEnabled') {
      out.push(
        `\t<redcap:SurveyInvitationEmailField>${text(project.surveys?.emailField ?? '')}</redcap:SurveyInvitationEmailField>\n`,
      );
    }
  }
  if (project.repeating.length > 0) {
    // As REDCap: per event, a RepeatingInstruments list or one RepeatingEvent.
    out.push('\t<redcap:RepeatingInstrumentsAndEvents>\n');
    const byEvent = new Map<string, RepeatingForm[]>();
    for (const r of project.repeating) {
      const event = longitudinal ? (r.event_name ?? '') : CLASSIC_EVENT;
      byEvent.set(event, [...(byEvent.get(event) ?? []), r]);
    }
    for (const [event, rows] of byEvent) {
      const forms = rows.filter((r) => r.form_name !== '');
      if (forms.length === 0) {
        out.push(`\t\t<redcap:RepeatingEvent redcap:UniqueEventName="${attr(event)}"/>\n`);
        continue;
      }
      out.push('\t\t<redcap:RepeatingInstruments>\n');
      for (const r of forms) {
        out.push(
          `\t\t\t<redcap:RepeatingInstrument redcap:UniqueEventName="${attr(event)}" redcap:RepeatInstrument="${attr(r.form_name)}" redcap:CustomLabel="${attr(r.custom_form_label)}"/>\n`,
        );
      }
      out.push('\t\t</redcap:RepeatingInstruments>\n');
    }
    out.push('\t</redcap:RepeatingInstrumentsAndEvents>\n');
  }
  if ((project.dags ?? []).length > 0) {
    out.push('\t<redcap:DataAccessGroupsGroup>\n');
    for (const d of project.dags ?? []) {
      out.push(`\t\t<redcap:DataAccessGroups group_name="${attr(d.data_access_group_name)}"/>\n`);
    }
    out.push('\t</redcap:DataAccessGroupsGroup>\n');
  }
  if ((project.surveys?.surveys ?? []).length > 0) {
    out.push('\t<redcap:SurveysGroup>\n');
    for (const s of project.surveys?.surveys ?? []) {
      out.push(
        `\t\t<redcap:Surveys form_name="${attr(s.form)}" title="${attr(s.title)}" survey_enabled="1" save_and_return="${s.saveAndReturn ? 1 : 0}"/>\n`,
      );
    }
    out.push('\t</redcap:SurveysGroup>\n');
  }
  out.push('</GlobalVariables>\n');
  out.push(
    `<MetaDataVersion OID="${attr(metaOid)}" Name="${attr(info.project_title)}" redcap:RecordIdField="${attr(recordIdField(project))}">\n`,
  );
  if (longitudinal) {
    out.push('\t<Protocol>\n');
    (project.events ?? []).forEach((e, i) => {
      out.push(
        `\t\t<StudyEventRef StudyEventOID="Event.${attr(e.unique_event_name)}" OrderNumber="${i + 1}" Mandatory="No"/>\n`,
      );
    });
    out.push('\t</Protocol>\n');
    for (const e of project.events ?? []) {
      const arm = (project.arms ?? []).find((a) => a.arm_num === e.arm_num);
      const armName = arm?.name ?? '';
      const repeats = project.repeating.some(
        (r) => r.form_name === '' && r.event_name === e.unique_event_name,
      );
      out.push(
        `\t<StudyEventDef OID="Event.${attr(e.unique_event_name)}" Name="${attr(`${e.event_name} (Arm ${e.arm_num}: ${armName})`)}" Type="Common" Repeating="${repeats ? 'Yes' : 'No'}" redcap:EventName="${attr(e.event_name)}" redcap:CustomEventLabel="${attr(e.custom_event_label)}" redcap:UniqueEventName="${attr(e.unique_event_name)}" redcap:ArmNum="${e.arm_num}" redcap:ArmName="${attr(armName)}" redcap:DayOffset="0" redcap:OffsetMin="0" redcap:OffsetMax="0">\n`,
      );
      (project.formEvents ?? [])
        .filter((m) => m.unique_event_name === e.unique_event_name)
        .forEach((m, i) => {
          out.push(
            `\t\t<FormRef FormOID="Form.${attr(m.form)}" OrderNumber="${i + 1}" Mandatory="No" redcap:FormName="${attr(m.form)}"/>\n`,
          );
        });
      out.push('\t</StudyEventDef>\n');
    }
  }
  const repeating = repeatingForms(project);
  const formGroups = project.instruments.map((i) => groupsOfForm(project, i));
  if (withDags) {
    // The DAG column rides in the record id's group, after the record id (as REDCap).
    const first = formGroups[0]?.[0];
    if (first) {
      const at = first.items.findIndex((i) => i.oid === recordIdField(project));
      first.items.splice(at + 1, 0, {
        oid: DAG_ITEM,
        variable: DAG_ITEM,
        field: null,
        column: null,
      });
    }
  }
  project.instruments.forEach((instrument, n) => {
    const form = instrument.instrument_name;
    out.push(
      `\t<FormDef OID="Form.${attr(form)}" Name="${attr(instrument.instrument_label)}" Repeating="${repeating.has(form) ? 'Yes' : 'No'}" redcap:FormName="${attr(form)}">\n` +
        formGroups[n]!.map(
          (g) => `\t\t<ItemGroupRef ItemGroupOID="${attr(g.oid)}" Mandatory="No"/>\n`,
        ).join('') +
        '\t</FormDef>\n',
    );
  });
  for (const group of formGroups.flat()) {
    out.push(
      `\t<ItemGroupDef OID="${attr(group.oid)}" Name="${attr(group.name)}" Repeating="No">\n`,
    );
    for (const item of group.items) {
      out.push(
        `\t\t<ItemRef ItemOID="${attr(item.oid)}" Mandatory="${item.field?.required_field === 'y' ? 'Yes' : 'No'}" redcap:Variable="${attr(item.variable)}"/>\n`,
      );
    }
    out.push('\t</ItemGroupDef>\n');
  }
  const allItems = formGroups.flat().flatMap((g) => g.items);
  for (const item of allItems) {
    if (item.oid === DAG_ITEM && item.field === null && item.column === null) {
      out.push(
        `\t<ItemDef OID="${DAG_ITEM}" Name="${DAG_ITEM}" DataType="text" Length="999" redcap:Variable="${DAG_ITEM}">\n` +
          '\t\t<Question><TranslatedText>Data Access Group</TranslatedText></Question>\n\t</ItemDef>\n',
      );
    } else out.push(itemDef(item));
  }
  for (const item of allItems) out.push(codeList(item));
  out.push('</MetaDataVersion>\n</Study>\n');

  if (o.clinical) out.push(clinicalData(project, oid, metaOid, o.clinical));
  out.push('</ODM>');
  return out.join('');
}

/**
 * Export Records with `format=odm` (§2.16): the records asked for as REDCap's ODM, the same
 * document as Export Project XML (Study, then ClinicalData narrowed to the fields, forms, events
 * and records of the request). Called by the Export Records route once it has chosen them.
 */
export function exportRecordsOdm(
  ctx: RouteContext,
  p: Params<'exportDataAccessGroups' | 'exportSurveyFields'>,
  columns: readonly DataColumn[],
  records: readonly StoredRecord[],
  events: readonly ProjectEvent[] | null,
  narrowed: boolean,
): MockResponse {
  const project = ctx.project;
  const withDags =
    p.flag('exportDataAccessGroups') &&
    ctx.user.data_access_group === '' &&
    (project.dags ?? []).length > 0;
  const fields = narrowed
    ? [...new Set(columns.map((c) => (c.kind === 'status' ? c.name : c.field.field_name)))]
    : [];
  const document = odmDocument(project, ctx.store.version, ctx.store.now(), {
    withDags,
    clinical: {
      records,
      fields,
      events: events ? events.map((e) => e.unique_event_name) : [],
      withDags,
      withFiles: false,
      surveyForms: new Set(
        p.flag('exportSurveyFields') && hasSurveys(project)
          ? (project.surveys?.surveys ?? []).map((s) => s.form)
          : [],
      ),
    },
  });
  ctx.log('Data export', `Export records ${ctx.apiTag}`);
  return respond(200, 'xml', document);
}
