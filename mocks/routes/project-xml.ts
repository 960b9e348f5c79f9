import { respond } from '../render.ts';
import {
  columnsOfField,
  fieldChoices,
  formNames,
  formStatusName,
  FORM_STATUS_CHOICES,
  fieldsOfForm,
  findField,
  recordIdField,
  repeatingForms,
  type DataColumn,
} from '../store/dictionary.ts';
import { hasStored } from '../store/records.ts';
import { selectRecords } from './record-select.ts';
import { formatTimestamp } from '../store/store.ts';
import type { DataSlot, MetadataRow, ProjectData } from '../store/types.ts';
import { flag, invalidValues, listParam } from './params.ts';
import type { Route } from './types.ts';

/**
 * Export Project XML (§2.19): CDISC ODM 1.3.1 with REDCap's `redcap:` extensions, laid out as
 * REDCap's "Download project XML" writes it: Study (GlobalVariables, MetaDataVersion with
 * FormDef / ItemGroupDef / ItemDef / CodeList) and, unless `returnMetadataOnly`, ClinicalData.
 * Always XML. Filters `records`, `fields`, `events` narrow ClinicalData only.
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

const CLASSIC_EVENT = 'event_1_arm_1';

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
      if (validation.startsWith('datetime_')) return 'partialDatetime';
      if (validation === 'time') return 'time';
      return 'text';
    default:
      return 'text';
  }
}

function itemDef(column: DataColumn): string {
  const question = (label: string) =>
    `\t\t<Question><TranslatedText>${text(label)}</TranslatedText></Question>\n`;
  if (column.kind === 'status') {
    return (
      `\t<ItemDef OID="${attr(column.name)}" Name="${attr(column.name)}" DataType="text" Length="1" redcap:Variable="${attr(column.name)}">\n` +
      question('Complete?') +
      `\t\t<CodeListRef CodeListOID="${attr(column.name)}.choices"/>\n\t</ItemDef>\n`
    );
  }
  const field = column.field;
  const checkbox = column.kind === 'checkbox';
  const choices = fieldChoices(field);
  const validation = field.text_validation_type_or_show_slider_number;
  const extra =
    (validation !== '' && field.field_type === 'text'
      ? ` redcap:TextValidationType="${attr(validation)}"`
      : '') +
    (field.field_note !== '' ? ` redcap:FieldNote="${attr(field.field_note)}"` : '') +
    (field.section_header !== '' ? ` redcap:SectionHeader="${attr(field.section_header)}"` : '') +
    (field.identifier === 'y' ? ' redcap:Identifier="y"' : '') +
    (field.branching_logic !== ''
      ? ` redcap:BranchingLogic="${attr(field.branching_logic)}"`
      : '') +
    (field.field_type === 'calc'
      ? ` redcap:Calculation="${attr(field.select_choices_or_calculations)}"`
      : '');
  const length = checkbox || dataType(field) === 'boolean' ? 1 : 999;
  const codeList = checkbox || (choices !== null && field.field_type !== 'slider');
  return (
    `\t<ItemDef OID="${attr(column.name)}" Name="${attr(column.name)}" DataType="${dataType(field)}" Length="${length}" redcap:Variable="${attr(field.field_name)}" redcap:FieldType="${attr(field.field_type)}"${extra}>\n` +
    question(field.field_label) +
    (codeList ? `\t\t<CodeListRef CodeListOID="${attr(column.name)}.choices"/>\n` : '') +
    `\t</ItemDef>\n`
  );
}

function codeList(column: DataColumn): string {
  let items: readonly { code: string; label: string }[] | null;
  let variable: string;
  if (column.kind === 'status') {
    items = FORM_STATUS_CHOICES;
    variable = column.name;
  } else if (column.kind === 'checkbox') {
    items = [
      { code: '1', label: 'Checked' },
      { code: '0', label: 'Unchecked' },
    ];
    variable = column.field.field_name;
  } else {
    items = column.field.field_type === 'slider' ? null : fieldChoices(column.field);
    variable = column.field.field_name;
  }
  if (items === null) return '';
  const type = column.kind === 'checkbox' ? 'boolean' : 'text';
  return (
    `\t<CodeList OID="${attr(column.name)}.choices" Name="${attr(column.name)}" DataType="${type}" redcap:Variable="${attr(variable)}">\n` +
    items
      .map(
        (c) =>
          `\t\t<CodeListItem CodedValue="${attr(c.code)}"><Decode><TranslatedText>${text(c.label)}</TranslatedText></Decode></CodeListItem>\n`,
      )
      .join('') +
    `\t</CodeList>\n`
  );
}

function formColumns(project: ProjectData, form: string): DataColumn[] {
  return [
    ...fieldsOfForm(project, form).flatMap(columnsOfField),
    { kind: 'status', name: formStatusName(form), form },
  ];
}

function storedValue(project: ProjectData, slot: DataSlot, column: DataColumn): string | null {
  if (column.kind === 'checkbox') return hasStored(slot, column) ? '1' : '0';
  const key = column.kind === 'status' ? column.name : column.field.field_name;
  const value = slot.values[key];
  if (value === undefined || value === '') return null;
  if (column.kind === 'value' && column.field.field_type === 'file') {
    return project.edocs.find((d) => String(d.doc_id) === value)?.name ?? value;
  }
  return value;
}

export const exportProjectXml: Route = {
  right: 'export',
  handle(ctx) {
    const project = ctx.project;
    const { info } = project;
    const longitudinal = info.is_longitudinal === 1;
    const oid = studyOid(project);
    const now = ctx.store.now();
    const stamp = formatTimestamp(now).replace(' ', 'T');
    const metaOid = `Metadata.${oid.slice('Project.'.length)}_${stamp.slice(0, 10)}_${stamp.slice(11, 13)}${stamp.slice(14, 16)}`;
    const metadataOnly = flag(ctx.fields, 'returnMetadataOnly');
    const wantedRecords = listParam(ctx.fields, 'records');
    const wantedFields = listParam(ctx.fields, 'fields');
    const wantedEvents = listParam(ctx.fields, 'events');
    const unknownFields = wantedFields.filter(
      (f) => !findField(project, f) && !formNames(project).some((n) => formStatusName(n) === f),
    );
    if (unknownFields.length > 0) throw invalidValues('fields', unknownFields);
    const eventNames = longitudinal
      ? (project.events ?? []).map((e) => e.unique_event_name)
      : [CLASSIC_EVENT];
    const unknownEvents = wantedEvents.filter((e) => !eventNames.includes(e));
    if (longitudinal && unknownEvents.length > 0) throw invalidValues('events', unknownEvents);

    const out: string[] = [];
    out.push(
      '<?xml version="1.0" encoding="UTF-8" ?>\n' +
        `<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:redcap="https://projectredcap.org" xsi:schemaLocation="http://www.cdisc.org/ns/odm/v1.3 schema/odm/ODM1-3-1.xsd" ODMVersion="1.3.1" FileOID="000-00-0000" FileType="Snapshot" Description="${attr(info.project_title)}" AsOfDateTime="${stamp}" CreationDateTime="${stamp}" SourceSystem="REDCap" SourceSystemVersion="${attr(ctx.store.version)}">\n` +
        `<Study OID="${attr(oid)}">\n<GlobalVariables>\n` +
        `\t<StudyName>${text(info.project_title)}</StudyName>\n` +
        `\t<StudyDescription>This file contains the metadata, events, and data for REDCap project "${text(info.project_title)}".</StudyDescription>\n` +
        `\t<ProtocolName>${text(info.project_title)}</ProtocolName>\n` +
        `\t<redcap:RecordAutonumberingEnabled>${info.record_autonumbering_enabled}</redcap:RecordAutonumberingEnabled>\n` +
        `\t<redcap:CustomRecordLabel>${text(info.custom_record_label)}</redcap:CustomRecordLabel>\n` +
        `\t<redcap:SecondaryUniqueField>${text(info.secondary_unique_field)}</redcap:SecondaryUniqueField>\n` +
        `\t<redcap:SchedulingEnabled>${info.scheduling_enabled}</redcap:SchedulingEnabled>\n` +
        `\t<redcap:SurveysEnabled>${info.surveys_enabled}</redcap:SurveysEnabled>\n` +
        `\t<redcap:Purpose>${info.purpose}</redcap:Purpose>\n` +
        `\t<redcap:PurposeOther>${text(info.purpose_other)}</redcap:PurposeOther>\n` +
        `\t<redcap:ProjectNotes>${text(info.project_notes)}</redcap:ProjectNotes>\n` +
        `\t<redcap:MissingDataCodes>${text(info.missing_data_codes)}</redcap:MissingDataCodes>\n`,
    );
    if (project.repeating.length > 0) {
      out.push('\t<redcap:RepeatingInstrumentsAndEvents>\n');
      const events = project.repeating.filter((r) => r.form_name === '');
      const forms = project.repeating.filter((r) => r.form_name !== '');
      if (events.length > 0) {
        out.push('\t\t<redcap:RepeatingEvents>\n');
        for (const r of events) {
          out.push(
            `\t\t\t<redcap:RepeatingEvent redcap:UniqueEventName="${attr(r.event_name ?? '')}"/>\n`,
          );
        }
        out.push('\t\t</redcap:RepeatingEvents>\n');
      }
      if (forms.length > 0) {
        out.push('\t\t<redcap:RepeatingInstruments>\n');
        for (const r of forms) {
          out.push(
            `\t\t\t<redcap:RepeatingInstrument redcap:UniqueEventName="${attr(r.event_name ?? CLASSIC_EVENT)}" redcap:RepeatInstrument="${attr(r.form_name)}" redcap:CustomLabel="${attr(r.custom_form_label)}"/>\n`,
          );
        }
        out.push('\t\t</redcap:RepeatingInstruments>\n');
      }
      out.push('\t</redcap:RepeatingInstrumentsAndEvents>\n');
    }
    if ((project.dags ?? []).length > 0) {
      out.push('\t<redcap:DataAccessGroupsGroup>\n');
      for (const d of project.dags ?? []) {
        out.push(
          `\t\t<redcap:DataAccessGroups redcap:GroupName="${attr(d.data_access_group_name)}"/>\n`,
        );
      }
      out.push('\t</redcap:DataAccessGroupsGroup>\n');
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
        const repeats = project.repeating.some(
          (r) => r.form_name === '' && r.event_name === e.unique_event_name,
        );
        out.push(
          `\t<StudyEventDef OID="Event.${attr(e.unique_event_name)}" Name="${attr(e.event_name)}" Type="Common" Repeating="${repeats ? 'Yes' : 'No'}" redcap:EventName="${attr(e.event_name)}" redcap:CustomEventLabel="${attr(e.custom_event_label)}" redcap:UniqueEventName="${attr(e.unique_event_name)}" redcap:ArmNum="${e.arm_num}" redcap:ArmName="${attr(arm?.name ?? '')}" redcap:EventId="${e.event_id}">\n`,
        );
        for (const m of (project.formEvents ?? []).filter(
          (m) => m.unique_event_name === e.unique_event_name,
        )) {
          out.push(
            `\t\t<FormRef FormOID="Form.${attr(m.form)}" OrderNumber="1" Mandatory="No" redcap:FormName="${attr(m.form)}"/>\n`,
          );
        }
        out.push('\t</StudyEventDef>\n');
      }
    }
    const repeating = repeatingForms(project);
    const groupOid = (form: string) => `${form}.${recordIdField(project)}`;
    for (const instrument of project.instruments) {
      const form = instrument.instrument_name;
      out.push(
        `\t<FormDef OID="Form.${attr(form)}" Name="${attr(instrument.instrument_label)}" Repeating="${repeating.has(form) ? 'Yes' : 'No'}" redcap:FormName="${attr(form)}">\n` +
          `\t\t<ItemGroupRef ItemGroupOID="${attr(groupOid(form))}" Mandatory="No"/>\n\t</FormDef>\n`,
      );
    }
    for (const instrument of project.instruments) {
      const form = instrument.instrument_name;
      out.push(
        `\t<ItemGroupDef OID="${attr(groupOid(form))}" Name="${attr(instrument.instrument_label)}" Repeating="No">\n`,
      );
      for (const column of formColumns(project, form)) {
        const variable = column.kind === 'status' ? column.name : column.field.field_name;
        out.push(
          `\t\t<ItemRef ItemOID="${attr(column.name)}" Mandatory="${column.kind !== 'status' && column.field.required_field === 'y' ? 'Yes' : 'No'}" redcap:Variable="${attr(variable)}"/>\n`,
        );
      }
      out.push('\t</ItemGroupDef>\n');
    }
    const allColumns = project.instruments.flatMap((i) => formColumns(project, i.instrument_name));
    for (const column of allColumns) out.push(itemDef(column));
    for (const column of allColumns) out.push(codeList(column));
    out.push('</MetaDataVersion>\n</Study>\n');

    if (!metadataOnly) {
      out.push(`<ClinicalData StudyOID="${attr(oid)}" MetaDataVersionOID="${attr(metaOid)}">\n`);
      const idField = recordIdField(project);
      const keep = (column: DataColumn) => {
        if (wantedFields.length === 0) return true;
        const name = column.kind === 'status' ? column.name : column.field.field_name;
        return name === idField || wantedFields.includes(name);
      };
      const dag = ctx.user.data_access_group;
      // records, filterLogic and dateRangeBegin/End select records as Export Records does.
      for (const record of selectRecords(project, ctx.fields, wantedRecords)) {
        if (dag !== '' && record.dag !== dag) continue;
        // One StudyEventData per event and repeat key: the record's slots of it merged.
        const byEvent = new Map<string, { event: string; key: number; blocks: string[] }>();
        for (const slot of record.slots) {
          const event = slot.event ?? CLASSIC_EVENT;
          if (wantedEvents.length > 0 && !wantedEvents.includes(event)) continue;
          const forms =
            slot.repeatInstrument !== null
              ? [slot.repeatInstrument]
              : formNames(project).filter((f) => slot.instance !== null || !repeating.has(f));
          const eventKey =
            slot.repeatInstrument === null && slot.instance !== null ? slot.instance : 1;
          const blocks: string[] = [];
          for (const form of forms) {
            const columns = formColumns(project, form);
            if (!columns.some((c) => hasStored(slot, c))) continue;
            const items = columns
              .filter(keep)
              .map((c) => [c, storedValue(project, slot, c)] as const)
              .filter(([, v]) => v !== null)
              .map(
                ([c, v]) => `\t\t\t\t\t<ItemData ItemOID="${attr(c.name)}" Value="${attr(v!)}"/>\n`,
              );
            if (items.length === 0) continue;
            const formKey = slot.repeatInstrument !== null ? (slot.instance ?? 1) : 1;
            blocks.push(
              `\t\t\t<FormData FormOID="Form.${attr(form)}" FormRepeatKey="${formKey}">\n` +
                `\t\t\t\t<ItemGroupData ItemGroupOID="${attr(groupOid(form))}" ItemGroupRepeatKey="1">\n` +
                items.join('') +
                '\t\t\t\t</ItemGroupData>\n\t\t\t</FormData>\n',
            );
          }
          if (blocks.length === 0) continue;
          const groupKey = `${event}\u0000${eventKey}`;
          const group = byEvent.get(groupKey) ?? { event, key: eventKey, blocks: [] };
          group.blocks.push(...blocks);
          byEvent.set(groupKey, group);
        }
        if (byEvent.size === 0) continue;
        const subject = [...byEvent.values()].map(
          (g) =>
            `\t\t<StudyEventData StudyEventOID="Event.${attr(g.event)}" StudyEventRepeatKey="${g.key}" redcap:UniqueEventName="${attr(g.event)}">\n` +
            g.blocks.join('') +
            '\t\t</StudyEventData>\n',
        );
        out.push(
          `\t<SubjectData SubjectKey="${attr(record.id)}" redcap:RecordIdField="${attr(idField)}">\n` +
            subject.join('') +
            '\t</SubjectData>\n',
        );
      }
      out.push('</ClinicalData>\n');
    }
    out.push('</ODM>');
    ctx.log('Data export', `Export REDCap project XML file ${ctx.apiTag}`);
    return respond(200, 'xml', out.join(''));
  },
};
