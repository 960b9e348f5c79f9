import type { ParamValues, PickerSource } from '../methods/define-method.ts';
import { suggest } from '../suggest.ts';
import { stringRows, type ProjectModel } from './model.ts';

/** What a picker lists: the catalog's sources, plus the File Repository's folders and files. */
export type ChoiceSource = PickerSource | 'folders' | 'files';

/** One thing to pick: the value sent, what it is called, and where it belongs. */
export interface Choice {
  readonly value: string;
  readonly label: string;
  /** The heading it is listed under (the instrument of a field, the arm of an event). */
  readonly group?: string;
  /** More to know (a checkbox's export names). */
  readonly detail?: string;
}

/** The words for one thing of each source, in messages ("not a field in this project"). */
export const NOUNS: Readonly<Record<ChoiceSource, string>> = {
  fields: 'field',
  'dictionary-fields': 'field',
  'file-fields': 'file-upload field',
  forms: 'instrument',
  events: 'event',
  records: 'record',
  arms: 'arm',
  dags: 'data access group',
  users: 'user',
  roles: 'user role',
  reports: 'report',
  folders: 'folder',
  files: 'file',
};

/** The sources read from the project model; the others are lists of their own. */
export const MODEL_SOURCES: ReadonlySet<ChoiceSource> = new Set([
  'fields',
  'dictionary-fields',
  'file-fields',
  'forms',
  'events',
  'arms',
]);

/**
 * The picker of a parameter. File Repository ids declare none in the catalog (they are plain
 * numbers), so they are recognised here by name.
 */
export function choiceSourceOf(
  field: { readonly name: string; readonly picker?: PickerSource },
  group: string,
): ChoiceSource | undefined {
  if (field.picker) return field.picker;
  if (group !== 'File Repository') return undefined;
  if (field.name === 'folder_id') return 'folders';
  if (field.name === 'doc_id') return 'files';
  return undefined;
}

function listOf(value: ParamValues[string]): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value.trim()];
  if (Array.isArray(value))
    return (value as readonly string[]).map((v) => v.trim()).filter(Boolean);
  return [];
}

/** The arm numbers chosen in the same form (`arms` or `arm`), to narrow the events. */
export function chosenArms(values: ParamValues): string[] {
  return [...listOf(values['arms']), ...listOf(values['arm'])];
}

function instrumentLabel(model: ProjectModel, form: string): string {
  return model.instruments.find((i) => i.instrument_name === form)?.instrument_label ?? form;
}

/**
 * The fields of each instrument. Data exports also have each form's status column; file methods
 * take file-upload fields only (type `file`, signatures included).
 */
function fieldChoices(
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

function armName(model: ProjectModel, arm: string): string {
  const name = model.arms.find((a) => a.arm_num === arm)?.name;
  return name ? `Arm ${arm}: ${name}` : `Arm ${arm}`;
}

/** Choices read from the project model, for the model's sources; [] for the others. */
export function modelChoices(
  model: ProjectModel,
  source: ChoiceSource,
  values: ParamValues = {},
): Choice[] {
  switch (source) {
    case 'fields':
    case 'dictionary-fields':
    case 'file-fields':
      return fieldChoices(model, source);
    case 'forms':
      return model.instruments.map((i) => ({
        value: i.instrument_name,
        label: i.instrument_label,
      }));
    case 'arms':
      return model.arms.map((a) => ({ value: a.arm_num, label: a.name }));
    case 'events': {
      const arms = chosenArms(values);
      return model.events
        .filter((e) => arms.length === 0 || arms.includes(e.arm_num))
        .map((e) => ({
          value: e.unique_event_name,
          label: e.event_name,
          group: armName(model, e.arm_num),
        }));
    }
    default:
      return [];
  }
}

/** Choices from one list call's JSON answer (users, DAGs, roles, records, repository). */
export function listChoices(source: ChoiceSource, json: unknown, recordIdField = ''): Choice[] {
  const rows = stringRows(json);
  switch (source) {
    case 'records': {
      const seen = new Set<string>();
      for (const row of rows) {
        const id = row[recordIdField] ?? row['record'] ?? '';
        if (id !== '') seen.add(id);
      }
      return [...seen].map((id) => ({ value: id, label: id }));
    }
    case 'dags':
      return rows.map((r) => ({
        value: r['unique_group_name'] ?? '',
        label: r['data_access_group_name'] ?? '',
      }));
    case 'users':
      return rows.map((r) => ({
        value: r['username'] ?? '',
        label: [r['firstname'], r['lastname']].filter(Boolean).join(' '),
      }));
    case 'roles':
      return rows.map((r) => ({
        value: r['unique_role_name'] ?? '',
        label: r['role_label'] ?? '',
      }));
    default:
      return [];
  }
}

/** One folder's listing from Export a List of Files/Folders, with where it sits. */
export interface RepositoryListing {
  readonly path: string;
  readonly json: unknown;
}

/** Folders and files of the File Repository, each under the path of its folder. */
export function repositoryChoices(
  source: 'folders' | 'files',
  listings: readonly RepositoryListing[],
): Choice[] {
  const choices: Choice[] = [];
  for (const { path, json } of listings) {
    for (const row of stringRows(json)) {
      const folder = row['folder_id'] ?? '';
      const doc = row['doc_id'] ?? '';
      if (source === 'folders' && folder !== '' && doc === '')
        choices.push({ value: folder, label: row['name'] ?? '', group: path });
      if (source === 'files' && doc !== '')
        choices.push({ value: doc, label: row['name'] ?? '', group: path });
    }
  }
  return choices;
}

/** The names a value lists (a text field's one name, an array field's entries). */
export function namesIn(value: ParamValues[string]): string[] {
  return listOf(value);
}

/**
 * One line per name typed by hand that the project does not know, with the likely one:
 * "`agee` is not a field in this project; did you mean `age`?".
 */
export function unknownNames(
  source: ChoiceSource,
  value: ParamValues[string],
  choices: readonly Choice[],
): string[] {
  const known = choices.map((c) => c.value);
  const noun = NOUNS[source];
  return namesIn(value)
    .filter((name) => !known.includes(name))
    .map((name) => {
      const near = suggest(name, known);
      const article = /^[aeiou]/.test(noun) ? 'an' : 'a';
      return near
        ? `\`${name}\` is not ${article} ${noun} in this project; did you mean \`${near}\`?`
        : `\`${name}\` is not ${article} ${noun} in this project.`;
    });
}
