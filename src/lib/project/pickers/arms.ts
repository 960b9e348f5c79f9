import type { ModelSource } from '../lists.ts';

/** The arms of a longitudinal project. */
export const arms = {
  id: 'arms',
  noun: 'arm',
  kind: 'model',
  part: 'arms',
  longitudinalOnly: true,
  toChoices: (model) => model.arms.map((a) => ({ value: a.arm_num, label: a.name })),
} as const satisfies ModelSource;
