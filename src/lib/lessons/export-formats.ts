import { callsOf, notYet, pass, tableOf } from './attempt.ts';
import { defineLesson } from './types.ts';

export const exportFormats = defineLesson({
  id: 'export-formats',
  number: 3,
  title: 'Export Records in JSON and in CSV',
  goal: 'Export the same records twice: once as JSON, once as CSV, and compare the two answers.',
  steps: [
    {
      text: 'Open Export Records. Set `format` to json and press Execute: a list of objects, one per row.',
      method: 'exp_records',
      fields: ['format'],
    },
    {
      text: 'Now set `format` to csv and Execute again: the same rows, one line each, with a header line.',
      method: 'exp_records',
      fields: ['format'],
    },
  ],
  hints: [
    '`format` says how the data come back; `returnFormat` only says how errors come back.',
    'JSON values are all strings, even numbers: "42", not 42.',
  ],
  check({ events }) {
    const calls = callsOf(events, 'exp_records');
    const got = (kind: 'json' | 'csv') =>
      calls.some((call) => call.answer.contentType.includes(kind) && tableOf(call.answer) !== null);
    const json = got('json');
    const csv = got('csv');
    if (json && csv) return pass('You asked for JSON and got JSON, asked for CSV and got CSV.');
    if (calls.length === 0) return notYet('Open Export Records and press Execute.');
    if (!json) return notYet('No JSON export yet: set format to json and Execute.');
    return notYet('You have JSON; now set format to csv and Execute.');
  },
});
