import {
  fieldChoices,
  fieldsOfForm,
  FORM_STATUS_CHOICES,
  formNames,
  formStatusName,
  repeatingForms,
} from '../store/dictionary.ts';
import {
  armsOf,
  formsOfEvent,
  isLongitudinal,
  orderedEvents,
  repeatingEvents,
  repeatingFormsOn,
} from '../store/longitudinal.ts';
import { emptySlot, findInstance, mainSlot, own, sortedRecords } from '../store/records.ts';
import type {
  DataSlot,
  MetadataRow,
  ProjectData,
  ProjectEvent,
  StoredRecord,
} from '../store/types.ts';
import { pdfDocument, type PdfLine } from './pdf-writer.ts';

/**
 * Export PDF (§2.11): blank instruments, one record's data, or all records, as a real PDF that
 * lists each instrument's fields (labels, choices, and the stored values when there is data).
 */

/** The header REDCapR captured from a live server for this method (§1.6, §2.11). */
export const PDF_CONTENT_TYPE = 'text/html; charset=UTF-8';

interface Data {
  readonly slot: DataSlot;
  readonly docNames: ReadonlyMap<string, string>;
}

function valueText(field: MetadataRow, { slot, docNames }: Data): string {
  const name = field.field_name;
  if (field.field_type === 'checkbox') {
    const checked = own(slot.checked, name) ?? [];
    return (fieldChoices(field) ?? [])
      .filter((c) => checked.includes(c.code))
      .map((c) => c.label)
      .join(', ');
  }
  const raw = own(slot.values, name) ?? '';
  if (raw === '') return '';
  if (field.field_type === 'file') return docNames.get(raw) ?? '';
  return fieldChoices(field)?.find((c) => c.code === raw)?.label ?? raw;
}

function blankText(field: MetadataRow): string {
  const choices = fieldChoices(field);
  if (choices) return choices.map((c) => `[ ] ${c.label}`).join('   ');
  if (field.field_type === 'slider') {
    return field.select_choices_or_calculations
      .split('|')
      .map((s) => s.trim())
      .join('  ...  ');
  }
  if (field.field_type === 'file') return '(file upload)';
  return '______________________________';
}

function formLines(
  project: ProjectData,
  form: string,
  heading: string,
  data: Data | null,
  compact: boolean,
): PdfLine[] {
  const lines: PdfLine[] = [{ text: heading, bold: true, size: 13 }];
  for (const field of fieldsOfForm(project, form)) {
    if (field.section_header !== '') lines.push({ text: field.section_header, bold: true });
    if (field.field_type === 'descriptive') {
      lines.push({ text: field.field_label, indent: 12 });
      continue;
    }
    const value = data ? valueText(field, data) : blankText(field);
    if (data && compact && value === '') continue;
    lines.push({ text: `${field.field_label} (${field.field_name})`, indent: 12 });
    lines.push({ text: value, indent: 28 });
  }
  if (data) {
    const status = own(data.slot.values, formStatusName(form)) ?? '0';
    const label = FORM_STATUS_CHOICES.find((c) => c.code === status)?.label ?? status;
    lines.push({ text: `Form status: ${label}`, indent: 12 });
  }
  lines.push({ text: '' });
  return lines;
}

function recordLines(
  project: ProjectData,
  record: StoredRecord,
  forms: readonly string[],
  instance: number | null,
  compact: boolean,
): PdfLine[] {
  const docNames = new Map(project.edocs.map((d) => [String(d.doc_id), d.name]));
  const repeating = repeatingForms(project);
  const lines: PdfLine[] = [{ text: `Record ID ${record.id}`, bold: true, size: 12 }];
  for (const form of forms) {
    const label = project.instruments.find((i) => i.instrument_name === form)!.instrument_label;
    if (!repeating.has(form)) {
      lines.push(...formLines(project, form, label, { slot: mainSlot(record), docNames }, compact));
      continue;
    }
    const slots =
      instance === null
        ? record.slots.filter((s) => s.repeatInstrument === form)
        : [findInstance(record, form, instance)].filter((s) => s !== undefined);
    for (const slot of slots) {
      const heading = `${label} (#${slot.instance})`;
      lines.push(...formLines(project, form, heading, { slot, docNames }, compact));
    }
  }
  return lines;
}

function formLabel(project: ProjectData, form: string): string {
  return project.instruments.find((i) => i.instrument_name === form)!.instrument_label;
}

/** An event's heading: its name, with its arm when the project has several. */
function eventHeading(project: ProjectData, event: ProjectEvent): PdfLine {
  const arms = armsOf(project);
  const arm = arms.find((a) => a.arm_num === event.arm_num);
  const text =
    arms.length < 2
      ? event.event_name
      : `${event.event_name} (Arm ${event.arm_num}: ${arm?.name ?? ''})`;
  return { text: `Event: ${text}`, bold: true };
}

/**
 * One record of a longitudinal project: per event where it has data (or only `only`), the
 * forms designated there (or only `form`), each row of a repeating event and each instance of
 * an instrument repeating on the event (`instance` picks one, null prints all).
 */
function eventRecordLines(
  project: ProjectData,
  record: StoredRecord,
  events: readonly ProjectEvent[],
  form: string,
  instance: number | null,
  compact: boolean,
): PdfLine[] {
  const docNames = new Map(project.edocs.map((d) => [String(d.doc_id), d.name]));
  const lines: PdfLine[] = [{ text: `Record ID ${record.id}`, bold: true, size: 12 }];
  const wholeRepeats = repeatingEvents(project);
  for (const event of events) {
    const name = event.unique_event_name;
    const slots = record.slots.filter((s) => s.event === name);
    if (slots.length === 0) continue;
    const forms = formsOfEvent(project, name).filter((f) => form === '' || f === form);
    if (forms.length === 0) continue;
    lines.push(eventHeading(project, event));
    const repeatingHere = repeatingFormsOn(project, name);
    const pick = (s: DataSlot) => instance === null || s.instance === instance;
    const rows = wholeRepeats.has(name)
      ? slots
          .filter((s) => s.repeatInstrument === null && s.instance !== null && pick(s))
          .sort((a, b) => a.instance! - b.instance!)
      : [slots.find((s) => s.repeatInstrument === null) ?? emptySlot()];
    for (const f of forms) {
      const label = formLabel(project, f);
      if (repeatingHere.has(f)) {
        const instances = slots
          .filter((s) => s.repeatInstrument === f && pick(s))
          .sort((a, b) => a.instance! - b.instance!);
        for (const slot of instances) {
          lines.push(
            ...formLines(project, f, `${label} (#${slot.instance})`, { slot, docNames }, compact),
          );
        }
        continue;
      }
      for (const slot of rows) {
        const heading = slot.instance === null ? label : `${label} (#${slot.instance})`;
        lines.push(...formLines(project, f, heading, { slot, docNames }, compact));
      }
    }
  }
  return lines;
}

/** What Export PDF asks for, already read and checked against the project. */
export interface PdfRequest {
  /** '' for blank forms. */
  readonly record: string;
  readonly stored: StoredRecord | undefined;
  /** '' for every instrument. */
  readonly form: string;
  readonly instance: number;
  readonly compact: boolean;
  readonly all: boolean;
  readonly event: ProjectEvent | undefined;
}

/** The PDF document of a request and the words of its log row. */
export function instrumentPdf(
  project: ProjectData,
  q: PdfRequest,
): { readonly body: Uint8Array; readonly description: string } {
  const { form, instance, compact, all, event } = q;
  const stored = q.stored;
  const longitudinal = isLongitudinal(project);
  const forms = all || form === '' ? formNames(project) : [form];
  const title = project.info.project_title;
  const lines: PdfLine[] = [{ text: title, bold: true, size: 16 }, { text: '' }];
  let description: string;
  if (longitudinal && (all || stored)) {
    // Only that event (and instrument, and instance) when `event` is sent; every event else.
    const events = event ? [event] : orderedEvents(project);
    const records = all ? sortedRecords(project) : [stored!];
    const only = all ? '' : form;
    for (const r of records) {
      lines.push(...eventRecordLines(project, r, events, only, event ? instance : null, compact));
    }
    description = all
      ? 'Download all data entry forms as PDF (all records)'
      : `Download ${form === '' ? 'all data entry forms' : 'data entry form'} as PDF (with data)`;
  } else if (all) {
    for (const r of sortedRecords(project)) {
      lines.push(...recordLines(project, r, forms, null, compact));
    }
    description = 'Download all data entry forms as PDF (all records)';
  } else if (stored) {
    lines.push(...recordLines(project, stored, forms, instance, compact));
    description = `Download ${form === '' ? 'all data entry forms' : 'data entry form'} as PDF (with data)`;
  } else {
    const blank = event && form === '' ? formsOfEvent(project, event.unique_event_name) : forms;
    for (const f of blank) {
      const label = project.instruments.find((i) => i.instrument_name === f)!.instrument_label;
      lines.push(...formLines(project, f, label, null, false));
    }
    description = `Download ${form === '' ? 'all data entry forms' : 'data entry form'} as PDF`;
  }
  return { body: pdfDocument(lines, title), description };
}
