import type { ModelSource } from '../lists.ts';
import { fieldChoices } from './fields.ts';

/** File-upload fields (signatures included), for the file methods. */
export const fileFields = {
  id: 'file-fields',
  noun: 'file-upload field',
  kind: 'model',
  part: 'metadata',
  toChoices: (model) => fieldChoices(model, 'file-fields'),
} as const satisfies ModelSource;
