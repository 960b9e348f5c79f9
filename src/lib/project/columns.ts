import { checkboxExportName, choicesOf } from '../choices/choices.ts';
import type { ParamValues } from '../methods/define-method.ts';
import { namesIn } from './choices.ts';
import type { MetadataRow, ProjectModel } from './model.ts';

/** One column an export will carry: its name, and why it is there. */
export interface ExportColumn {
  readonly name: string;
  readonly why: string;
  /** The CSV header with rawOrLabelHeaders=label (REDCap's wording is not documented). */
  readonly header: string;
}

export interface ColumnsPreview {
  readonly columns: readonly ExportColumn[];
  /** What else to know: columns that depend on things the model cannot see, expected 400s. */
  readonly notes: readonly string[];
}

/** Whether the project has DAGs, when known (a DAG list was read); null when not known. */
export interface ColumnsContext {
  readonly hasDags?: boolean | null;
}

const flag = (value: ParamValues[string]): boolean => value === true || value === 'true';

function dataFieldsOf(model: ProjectModel, form: string): MetadataRow[] {
  return model.fields.filter((f) => f.form_name === form && f.field_type !== 'descriptive');
}

/** A field's export columns: checkboxes expand to `name___code` (from Export Field Names). */
function columnsOfField(model: ProjectModel, field: MetadataRow): ExportColumn[] {
  const label = field.field_label.replace(/<[^>]*>/g, '').trim();
  if (field.field_type !== 'checkbox') {
    return [{ name: field.field_name, why: label || field.field_type, header: field.field_label }];
  }
  const choices = choicesOf('checkbox', field.select_choices_or_calculations) ?? [];
  const named = model.exportFieldNames.filter((e) => e.original_field_name === field.field_name);
  const rows =
    named.length > 0
      ? named.map((e) => ({ code: e.choice_value, name: e.export_field_name }))
      : choices.map((c) => ({ code: c.code, name: checkboxExportName(field.field_name, c.code) }));
  return rows.map(({ code, name }) => {
    const choice = choices.find((c) => c.code === code)?.label ?? code;
    return {
      name,
      why: `checkbox ${field.field_name}, choice ${code} (${choice})`,
      header: `${field.field_label} (choice=${choice})`,
    };
  });
}

function formsInOrder(model: ProjectModel): string[] {
  const fromInstruments = model.instruments.map((i) => i.instrument_name);
  return fromInstruments.length > 0
    ? fromInstruments
    : [...new Set(model.fields.map((f) => f.form_name))];
}

function repeats(model: ProjectModel): boolean {
  return model.repeating.length > 0 || model.info['has_repeating_instruments_or_events'] === '1';
}

/**
 * The columns Export Records answers for these parameters, computed from the project's
 * structure (`redcap-api.md` §2.3): the record id first, `redcap_event_name` in longitudinal
 * projects and the two repeat columns when the project repeats anything (all three only when
 * the record id is asked for: REDCap adds no column of its own to `fields`/`forms`),
 * `redcap_data_access_group` on request, then each
 * chosen form's data fields (checkboxes expanded) followed by its `<form>_complete`.
 */
export function exportColumns(
  model: ProjectModel,
  values: ParamValues,
  context: ColumnsContext = {},
): ColumnsPreview {
  const notes: string[] = [];
  const fields = namesIn(values['fields']);
  const forms = namesIn(values['forms']);
  const allForms = formsInOrder(model);
  const idField = model.recordIdField;
  const statusOf = new Map(allForms.map((f) => [`${f}_complete`, f]));

  const unknownFields = fields.filter(
    (f) => !model.fields.some((m) => m.field_name === f) && !statusOf.has(f),
  );
  const unknownForms = forms.filter((f) => !allForms.includes(f));
  if (unknownFields.length > 0)
    notes.push(
      `REDCap will answer 400: The following values in the parameter "fields" are not valid: ${unknownFields.join(', ')}`,
    );
  if (unknownForms.length > 0)
    notes.push(
      `REDCap will answer 400: The following values in the parameter "forms" are not valid: ${unknownForms.join(', ')}`,
    );

  const everything = fields.length === 0 && forms.length === 0;
  const wantedForms = new Set(everything ? allForms : forms);
  for (const f of fields) if (statusOf.has(f)) wantedForms.add(statusOf.get(f)!);
  const wantedFields = new Set(fields);
  const onlyDescriptive =
    !everything &&
    forms.length === 0 &&
    fields.length > 0 &&
    fields.every((f) => model.fields.find((m) => m.field_name === f)?.field_type === 'descriptive');
  if (onlyDescriptive)
    notes.push(
      'REDCap will answer 400: descriptive fields hold no data, so there is nothing to export.',
    );

  const eav = values['type'] === 'eav';
  const idForm = model.fields.find((f) => f.field_name === idField)?.form_name ?? '';
  const withId = eav || everything || wantedFields.has(idField) || forms.includes(idForm);
  const lead: ExportColumn[] = [];
  const data: ExportColumn[] = [];
  for (const form of allForms) {
    for (const field of dataFieldsOf(model, form)) {
      const chosen =
        (field.field_name === idField && withId) ||
        (wantedForms.has(form) && (everything || forms.includes(form))) ||
        wantedFields.has(field.field_name);
      if (!chosen) continue;
      const columns = columnsOfField(model, field);
      if (field.field_name === idField)
        lead.push(...columns.map((c) => ({ ...c, why: 'record id' })));
      else data.push(...columns);
    }
    if (wantedForms.has(form))
      data.push({
        name: `${form}_complete`,
        why: `status of the form ${form}`,
        header: 'Complete?',
      });
  }
  if (!withId)
    notes.push(
      `The record id \`${idField}\` is not asked for: REDCap leaves it out, and with it the event and repeat columns. Add \`${idField}\` to fields to get them (PyCap and REDCapR add it for you).`,
    );

  const structural: ExportColumn[] = [];
  if (model.longitudinal && withId)
    structural.push({
      name: 'redcap_event_name',
      why: 'longitudinal project: the event of the row',
      header: 'Event Name',
    });
  if (repeats(model) && withId)
    structural.push(
      {
        name: 'redcap_repeat_instrument',
        why: 'the project repeats: the repeating form of the row (blank on the main row)',
        header: 'Repeat Instrument',
      },
      {
        name: 'redcap_repeat_instance',
        why: 'the project repeats: the instance number',
        header: 'Repeat Instance',
      },
    );

  if (eav) {
    notes.push(
      'type=eav: one row per stored value; the record id is in `record` and each checked box is a row with its code.',
    );
    const columns: ExportColumn[] = [
      { name: 'record', why: 'the record id (under this name in EAV)', header: 'record' },
      ...structural,
      { name: 'field_name', why: 'the field of the value', header: 'field_name' },
      { name: 'value', why: 'the stored value', header: 'value' },
    ];
    return { columns, notes };
  }

  if (flag(values['exportDataAccessGroups'])) {
    if (context.hasDags === false)
      notes.push('exportDataAccessGroups is ignored: the project has no data access groups.');
    else {
      structural.push({
        name: 'redcap_data_access_group',
        why: 'exportDataAccessGroups=true (REDCap leaves it out when your user is in a DAG)',
        header: 'Data Access Group',
      });
    }
  }
  if (flag(values['exportSurveyFields'])) {
    if (model.info['surveys_enabled'] === '1') {
      structural.push({
        name: 'redcap_survey_identifier',
        why: 'exportSurveyFields=true',
        header: 'Survey Identifier',
      });
      notes.push(
        'exportSurveyFields=true also adds `<form>_timestamp` before the first field of each survey form (the API does not say which forms are surveys).',
      );
    } else notes.push('exportSurveyFields is ignored: the project has no surveys.');
  }
  if (values['rawOrLabel'] === 'label')
    notes.push('rawOrLabel=label changes the values (choice labels), not the columns.');
  if (values['rawOrLabelHeaders'] === 'label' && values['format'] === 'csv')
    notes.push(
      'rawOrLabelHeaders=label: the CSV header shows labels (second column below) instead of names.',
    );
  if (values['combineCheckboxOptions'] === true || values['combineCheckboxOptions'] === 'true')
    notes.push(
      'combineCheckboxOptions=true: newer REDCap versions send each checkbox as one column.',
    );

  return { columns: [...lead, ...structural, ...data], notes };
}

/**
 * What Export Reports answers: the report's own columns, which the API cannot export. The
 * leading columns follow the project the same way as Export Records.
 */
export function reportColumns(model: ProjectModel): ColumnsPreview {
  const lead: ExportColumn[] = [
    {
      name: model.recordIdField,
      why: 'record id (REDCap puts it first)',
      header: model.recordIdField,
    },
  ];
  if (model.longitudinal)
    lead.push({ name: 'redcap_event_name', why: 'longitudinal project', header: 'Event Name' });
  if (repeats(model))
    lead.push(
      { name: 'redcap_repeat_instrument', why: 'the project repeats', header: 'Repeat Instrument' },
      { name: 'redcap_repeat_instance', why: 'the project repeats', header: 'Repeat Instance' },
    );
  return {
    columns: lead,
    notes: [
      "The other columns are the report's own fields, in the report's order. REDCap has no API method that exports a report's definition, so they cannot be known before running it.",
    ],
  };
}
