import { callsOf, distinct, notYet, pass, sameSet, tableOf, textParam } from './attempt.ts';
import { defineLesson } from './types.ts';

export const filterLogic = defineLesson({
  id: 'filter-logic',
  number: 5,
  title: 'filterLogic: only the records you want',
  goal: 'Export only the records whose age is over 40, by letting REDCap filter them.',
  steps: [
    {
      text: 'Open Export Records with `format` json, and put record_id and age in `fields`.',
      method: 'exp_records',
      fields: ['fields'],
    },
    {
      text: 'Write the condition in `filterLogic`: `[age] > 40`. Field names go in square brackets.',
      method: 'exp_records',
      fields: ['filterLogic'],
    },
    { text: 'Execute, and count the records that came back.', method: 'exp_records' },
  ],
  hints: [
    'filterLogic is REDCap’s logic, as in branching logic: [age] > 40, and/or, quotes for text values.',
    'Over 40 means > 40, not >= 40.',
  ],
  // Which records are over 40 is read from the mock's store now, not written here.
  reads: () => [
    {
      name: 'ages',
      methodId: 'exp_records',
      values: { format: 'json', fields: ['record_id', 'age'] },
    },
  ],
  check({ events, reads }) {
    const ages = reads.get('ages');
    if (!ages?.ok) return notYet(`The mock’s ages could not be read: ${ages?.why ?? 'no answer'}`);
    const all = tableOf(ages.answer);
    if (!all) return notYet('The mock’s ages could not be read as a table.');
    const over = distinct(
      {
        columns: all.columns,
        rows: all.rows.filter((row) => Number(row.get('age') || 'NaN') > 40),
      },
      'record_id',
    );
    const filtered = callsOf(events, 'exp_records').filter(
      (call) => textParam(call.values, 'filterLogic').trim() !== '',
    );
    if (filtered.length === 0) return notYet('Write [age] > 40 in filterLogic and Execute.');
    const last = filtered[filtered.length - 1]!;
    const table = tableOf(last.answer);
    if (!table)
      return notYet('That export failed: read REDCap’s message, fix the logic, try again.');
    if (!table.columns.includes('record_id'))
      return notYet('Add record_id to fields, so you can see which records came back.');
    const got = distinct(table, 'record_id');
    if (sameSet(got, over))
      return pass(`Exactly the ${over.length} records over 40 came back: ${over.join(', ')}.`);
    return notYet(
      `You got ${got.length} records; ${over.length} are over 40. Check the operator and the number.`,
    );
  },
});
