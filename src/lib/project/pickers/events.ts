import { chosenArms, type ModelSource } from '../lists.ts';
import type { ProjectModel } from '../model.ts';

function armName(model: ProjectModel, arm: string): string {
  const name = model.arms.find((a) => a.arm_num === arm)?.name;
  return name ? `Arm ${arm}: ${name}` : `Arm ${arm}`;
}

/** The events of a longitudinal project, under their arm; only the arms chosen in the form. */
export const events = {
  id: 'events',
  noun: 'event',
  kind: 'model',
  part: 'events',
  longitudinalOnly: true,
  toChoices: (model, values) => {
    const arms = chosenArms(values);
    return model.events
      .filter((e) => arms.length === 0 || arms.includes(e.arm_num))
      .map((e) => ({
        value: e.unique_event_name,
        label: e.event_name,
        group: armName(model, e.arm_num),
      }));
  },
} as const satisfies ModelSource;
