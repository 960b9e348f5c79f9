import type { ModelSource } from '../lists.ts';
import { fieldChoices } from './fields.ts';

/** Fields of the data dictionary (Export Metadata): no form status columns. */
export const dictionaryFields = {
  id: 'dictionary-fields',
  noun: 'field',
  kind: 'model',
  part: 'metadata',
  toChoices: (model) => fieldChoices(model, 'dictionary-fields'),
} as const satisfies ModelSource;
