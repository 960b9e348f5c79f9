import type { Choice, ModelSource } from '../lists.ts';
import type { ProjectModel } from '../model.ts';

function instrumentLabel(model: ProjectModel, form: string): string {
  return model.instruments.find((i) => i.instrument_name === form)?.instrument_label ?? form;
}

/**
 * The fields of each instrument. Data exports also have each form's status column; file methods
 * take file-upload fields only (type `file`, signatures included).
 */
export function fieldChoices(
  model: ProjectModel,
  which: 'fields' | 'dictionary-fields' | 'file-fields',
): Choice[] {
  const choices: Choice[] = [];
  const fields =
    which === 'file-fields' ? model.fields.filter((f) => f.field_type === 'file') : model.fields;
  const forms = [...new Set(fields.map((f) => f.form_name))];
  for (const form of forms) {
    const group = `${instrumentLabel(model, form)} (${form})`;
    for (const field of fields.filter((f) => f.form_name === form)) {
      const exportNames = model.exportFieldNames
        .filter((e) => e.original_field_name === field.field_name)
        .map((e) => e.export_field_name);
      const detail =
        field.field_type === 'checkbox' && exportNames.length > 0
          ? `exports ${exportNames.join(', ')}`
          : field.field_type === 'descriptive'
            ? 'descriptive: holds no data'
            : undefined;
      choices.push({
        value: field.field_name,
        label: field.field_label.replace(/<[^>]*>/g, '').trim() || field.field_name,
        group,
        ...(detail && { detail }),
      });
    }
    if (which === 'fields')
      choices.push({ value: `${form}_complete`, label: 'Form status', group });
  }
  return choices;
}

/** Fields of data exports and imports: every field, and each form's status column. */
export const fields = {
  id: 'fields',
  noun: 'field',
  kind: 'model',
  part: 'metadata',
  toChoices: (model) => fieldChoices(model, 'fields'),
} as const satisfies ModelSource;
