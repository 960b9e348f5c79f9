import type { ParamValues } from '../methods/define-method.ts';
import { suggest } from '../suggest.ts';
import {
  choiceSourceOf,
  chosenArms,
  namesIn,
  repositoryChoices,
  type Choice,
  type RepositoryListing,
} from './lists.ts';
import type { ProjectModel } from './model.ts';
import { dagChoices } from './pickers/dags.ts';
import { PICKER_SOURCES, pickerSource, type ChoiceSource } from './pickers/index.ts';
import { recordChoices } from './pickers/records.ts';
import { roleChoices } from './pickers/roles.ts';
import { userChoices } from './pickers/users.ts';

/** What a picker lists: the registered sources (./pickers), File Repository ids included. */
export type { ChoiceSource };
export type { Choice, RepositoryListing };
export { choiceSourceOf, chosenArms, namesIn, repositoryChoices };

/** The words for one thing of each source, in messages ("not a field in this project"). */
export const NOUNS: Readonly<Record<ChoiceSource, string>> = Object.fromEntries(
  [...PICKER_SOURCES].map(([id, source]) => [id, source.noun]),
) as Record<ChoiceSource, string>;

/** The sources read from the project model; the others are lists of their own. */
export const MODEL_SOURCES: ReadonlySet<ChoiceSource> = new Set(
  [...PICKER_SOURCES].filter(([, source]) => source.kind === 'model').map(([id]) => id),
);

/** Choices read from the project model, for the model's sources; [] for the others. */
export function modelChoices(
  model: ProjectModel,
  source: ChoiceSource,
  values: ParamValues = {},
): Choice[] {
  const spec = pickerSource(source);
  return spec.kind === 'model' ? spec.toChoices(model, values) : [];
}

/** Choices from one list call's JSON answer (users, DAGs, roles, records). */
export function listChoices(source: ChoiceSource, json: unknown, recordIdField = ''): Choice[] {
  switch (source) {
    case 'records':
      return recordChoices(json, recordIdField);
    case 'dags':
      return dagChoices(json);
    case 'users':
      return userChoices(json);
    case 'roles':
      return roleChoices(json);
    default:
      return [];
  }
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
