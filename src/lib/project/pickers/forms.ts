import type { ModelSource } from '../lists.ts';

/** The project's instruments. */
export const forms = {
  id: 'forms',
  noun: 'instrument',
  kind: 'model',
  part: 'instruments',
  toChoices: (model) =>
    model.instruments.map((i) => ({ value: i.instrument_name, label: i.instrument_label })),
} as const satisfies ModelSource;
