import { callsOf, distinct, listParam, notYet, pass, tableOf } from './attempt.ts';
import { defineLesson } from './types.ts';

const EVENT = 'week_4_arm_1';

export const longitudinalEvents = defineLesson({
  id: 'events',
  number: 6,
  title: 'Longitudinal projects: events and redcap_event_name',
  goal: `In the longitudinal demo, export only the event Week 4 of arm 1 (${EVENT}).`,
  steps: [
    {
      text: 'In the mock controls at the top, choose “Longitudinal demo (mock) · alice”.',
    },
    {
      text: `Open Export Events to see each event’s unique name, such as ${EVENT}.`,
      method: 'exp_events',
    },
    {
      text: `Open Export Records with \`format\` json, put ${EVENT} in \`events\`, and Execute.`,
      method: 'exp_records',
      fields: ['events'],
    },
  ],
  hints: [
    'In a longitudinal project every row says its event in the redcap_event_name column.',
    'Events are named by their unique names (week_4_arm_1), not their labels (Week 4).',
  ],
  check({ events }) {
    const calls = callsOf(events, 'exp_records');
    if (calls.length === 0) return notYet(`Export Records with ${EVENT} in events.`);
    const last = calls[calls.length - 1]!;
    const table = tableOf(last.answer);
    if (!table) return notYet('That export failed: read REDCap’s message and try again.');
    if (!table.columns.includes('redcap_event_name'))
      return notYet(
        'No redcap_event_name column: choose the Longitudinal demo in the mock controls (and keep record_id in the export).',
      );
    if (!listParam(last.values, 'events').includes(EVENT))
      return notYet(`Put ${EVENT} in events: rows of every event came back.`);
    const names = distinct(table, 'redcap_event_name');
    if (table.rows.length > 0 && names.length === 1 && names[0] === EVENT)
      return pass(`${table.rows.length} rows, all on ${EVENT}: each row names its event.`);
    return notYet(`Some rows are on other events (${names.join(', ')}): list only ${EVENT}.`);
  },
});
