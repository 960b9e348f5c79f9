import type { ParamValues, PickerSource } from '../../methods/define-method.ts';
import { modelList, type ChoiceList, type PickerSourceSpec } from '../lists.ts';
import type { ProjectModel } from '../model.ts';
import { arms } from './arms.ts';
import { dags } from './dags.ts';
import { dictionaryFields } from './dictionary-fields.ts';
import { events } from './events.ts';
import { fields } from './fields.ts';
import { fileFields } from './file-fields.ts';
import { files } from './files.ts';
import { folders } from './folders.ts';
import { forms } from './forms.ts';
import { records } from './records.ts';
import { reports } from './reports.ts';
import { roles } from './roles.ts';
import { users } from './users.ts';

/**
 * Every picker source, one file each. Adding one: write pickers/<source>.ts and add its line
 * here (and, if catalog parameters name it, its id to PickerSource in define-method.ts).
 */
const SOURCES = [
  fields,
  dictionaryFields,
  fileFields,
  forms,
  events,
  arms,
  records,
  dags,
  users,
  roles,
  reports,
  folders,
  files,
] as const satisfies readonly PickerSourceSpec[];

/** What a picker lists: the ids of the registered sources. */
export type ChoiceSource = (typeof SOURCES)[number]['id'];

// Every source a catalog parameter may name is registered (a compile error otherwise).
type Unregistered = Exclude<PickerSource, ChoiceSource>;
const everyCatalogSource: [Unregistered] extends [never] ? true : Unregistered = true;
void everyCatalogSource;

export const PICKER_SOURCES: ReadonlyMap<ChoiceSource, PickerSourceSpec> = new Map(
  SOURCES.map((source) => [source.id, source]),
);

export function isChoiceSource(id: string): id is ChoiceSource {
  return PICKER_SOURCES.has(id as ChoiceSource);
}

/** The registered source of an id (every ChoiceSource has one). */
export function pickerSource(id: ChoiceSource): PickerSourceSpec {
  return PICKER_SOURCES.get(id)!;
}

/** A model source's choices, or why there are none; null for a list of its own. */
export function fromModel(
  model: ProjectModel,
  id: ChoiceSource,
  values: ParamValues = {},
): ChoiceList | null {
  const source = pickerSource(id);
  return source.kind === 'model' ? modelList(model, source, values) : null;
}
