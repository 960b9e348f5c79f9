import { callsOf, listParam, notYet, pass, tableOf } from './attempt.ts';
import { defineLesson } from './types.ts';

export const fieldsForms = defineLesson({
  id: 'fields-forms',
  number: 4,
  title: 'Choosing fields and forms; checkbox columns',
  goal: 'Export only record_id and the health form, and find the checkbox field symptoms split into symptoms___1, symptoms___2, …',
  steps: [
    {
      text: 'Open Export Records with `format` json. In `fields` put record_id; in `forms` put health.',
      method: 'exp_records',
      fields: ['fields', 'forms'],
    },
    {
      text: 'Execute. A checkbox has one column per choice: `symptoms___1` is 1 when Fever is ticked.',
      method: 'exp_records',
    },
  ],
  hints: [
    'List a checkbox by its own name (symptoms), never as symptoms___1: REDCap adds the ___ columns.',
    'Without record_id (or its form) in the list, REDCap leaves the record id out of the answer.',
  ],
  check({ events }) {
    const calls = callsOf(events, 'exp_records');
    if (calls.length === 0) return notYet('Open Export Records, choose fields and forms, Execute.');
    for (const call of [...calls].reverse()) {
      const table = tableOf(call.answer);
      if (!table) continue;
      const narrowed =
        listParam(call.values, 'fields').length > 0 || listParam(call.values, 'forms').length > 0;
      const boxes = table.columns.filter((name) => name.startsWith('symptoms___'));
      if (!narrowed) return notYet('That export has every field: choose some in fields or forms.');
      if (boxes.length === 0)
        return notYet(
          'No symptoms___ columns came back: add the health form (or the field symptoms).',
        );
      if (table.columns.includes('first_name'))
        return notYet('first_name came back too: keep only record_id and the health form.');
      if (!table.columns.includes('record_id'))
        return notYet('The record id is missing: add record_id to fields.');
      return pass(`You got ${boxes.join(', ')}: one column per choice of the checkbox.`);
    }
    return notYet('The last exports failed: read the answer, fix the request and Execute again.');
  },
});
