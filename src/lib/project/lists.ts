import type { ParamValues, PickerSource } from '../methods/define-method.ts';
import { stringRows, type JsonCall, type ProjectModel, type ProjectPart } from './model.ts';
import type { ChoiceSource } from './pickers/index.ts';

/**
 * What pickers read: one picker source per file in ./pickers (registered in pickers/index.ts),
 * each saying what one thing is called, and how its choices come from the project model or
 * from a list call of its own.
 */

/** One thing to pick: the value sent, what it is called, and where it belongs. */
export interface Choice {
  readonly value: string;
  readonly label: string;
  /** The heading it is listed under (the instrument of a field, the arm of an event). */
  readonly group?: string;
  /** More to know (a checkbox's export names). */
  readonly detail?: string;
}

/** A picker's list: the choices, or why there are none (then free entry is all there is). */
export interface ChoiceList {
  readonly choices: readonly Choice[];
  readonly why: string | null;
}

/** Reads a list with the project's token: the app's client's `json`. */
export type ListReader = JsonCall;

interface SourceBase {
  /** The name pickers and parameters use (`picker: 'fields'`). */
  readonly id: string;
  /** One thing of this source, in messages ("not a field in this project"). */
  readonly noun: string;
}

/** A source whose choices come from the project model alone (no call of its own). */
export interface ModelSource extends SourceBase {
  readonly kind: 'model';
  /** The part of the model it needs: when it is missing, pickers say why. */
  readonly part: ProjectPart;
  /** Only longitudinal projects have any (arms, events). */
  readonly longitudinalOnly?: boolean;
  /** The choices, narrowed by the form's other values where that applies (events by arm). */
  toChoices(model: ProjectModel, values: ParamValues): Choice[];
}

/** A source read with a call of its own (records, DAGs, users…), once a picker opens. */
export interface ListSource extends SourceBase {
  readonly kind: 'list';
  /** Whether it waits for the model (records need its record id field). */
  readonly needsModel?: boolean;
  read(
    client: ListReader,
    model: ProjectModel | undefined,
    signal?: AbortSignal,
  ): Promise<ChoiceList>;
}

export type PickerSourceSpec = ModelSource | ListSource;

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

/** The choices of a model source, or why there are none. */
export function modelList(
  model: ProjectModel,
  source: ModelSource,
  values: ParamValues = {},
): ChoiceList {
  // Without Project Info, whether the project is longitudinal is unknown too.
  const missing = (source.longitudinalOnly && model.missing.info) || model.missing[source.part];
  if (missing) return { choices: [], why: `Could not read them: ${missing}` };
  if (source.longitudinalOnly && !model.longitudinal)
    return { choices: [], why: 'This project is not longitudinal: it has no arms or events.' };
  return { choices: source.toChoices(model, values), why: null };
}

/** One list call's JSON answer as choices, or why it could not be read. */
export async function readJsonList(
  client: ListReader,
  methodId: string,
  values: ParamValues,
  toChoices: (json: unknown) => Choice[],
  signal?: AbortSignal,
): Promise<ChoiceList> {
  const answer = await client(methodId, { format: 'json', ...values }, signal);
  if (!answer.ok) return { choices: [], why: `Could not list them: ${answer.why}` };
  return { choices: toChoices(answer.value), why: null };
}

function listOf(value: ParamValues[string]): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value.trim()];
  if (Array.isArray(value))
    return (value as readonly string[]).map((v) => v.trim()).filter(Boolean);
  return [];
}

/** The names a value lists (a text field's one name, an array field's entries). */
export function namesIn(value: ParamValues[string]): string[] {
  return listOf(value);
}

/** The arm numbers chosen in the same form (`arms` or `arm`), to narrow the events. */
export function chosenArms(values: ParamValues): string[] {
  return [...listOf(values['arms']), ...listOf(values['arm'])];
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

const FOLDER_LIMIT = 25;

/** The File Repository's folders or files, folder by folder from the top (at most 25 read). */
export async function readRepository(
  client: ListReader,
  source: 'folders' | 'files',
  signal?: AbortSignal,
): Promise<ChoiceList> {
  const listings: RepositoryListing[] = [];
  const queue: { id: string; path: string }[] = [{ id: '', path: 'Top level' }];
  while (queue.length > 0 && listings.length < FOLDER_LIMIT) {
    const { id, path } = queue.shift()!;
    const answer = await client(
      'exp_list_file_repo',
      { format: 'json', ...(id && { folder_id: id }) },
      signal,
    );
    if (!answer.ok) {
      if (listings.length === 0) return { choices: [], why: `Could not list them: ${answer.why}` };
      continue;
    }
    listings.push({ path, json: answer.value });
    for (const folder of repositoryChoices('folders', [{ path, json: answer.value }]))
      queue.push({
        id: folder.value,
        path: `${path === 'Top level' ? '' : `${path} / `}${folder.label}`,
      });
  }
  return { choices: repositoryChoices(source, listings), why: null };
}
