import { callsOf, distinct, listParam, notYet, pass, sameSet, tableOf } from './attempt.ts';
import { defineLesson } from './types.ts';

/** A project this size is "big" for the lesson: large-1k and larger. */
const BIG = 1000;

export const batches = defineLesson({
  id: 'batches',
  number: 11,
  title: 'Big exports in batches',
  goal: `On a project of ${BIG.toLocaleString('en-US')} records or more, ask for the record ids first, then export the records a batch at a time.`,
  steps: [
    { text: 'In the mock controls choose “Large 1k” (alice).' },
    {
      text: 'Open Export Records, put only record_id in `fields`, Execute: the list of every record id, small and fast.',
      method: 'exp_records',
      fields: ['fields'],
    },
    {
      text: 'Clear `fields`, put a few of those ids in `records` (a batch) and Execute. A script loops over batches: the snippet shows how.',
      method: 'exp_records',
      fields: ['records'],
    },
  ],
  hints: [
    'One huge export can time out or run out of memory on the server; batches of a few hundred records do not.',
    'Ask for ids with fields=record_id: one short column, whatever the project’s size.',
  ],
  check({ events }) {
    const calls = callsOf(events, 'exp_records');
    const idsAt = calls.findIndex((call) => {
      const fields = listParam(call.values, 'fields');
      const table = tableOf(call.answer);
      return (
        fields.length === 1 &&
        fields[0] === 'record_id' &&
        listParam(call.values, 'records').length === 0 &&
        table !== null &&
        distinct(table, 'record_id').length >= BIG
      );
    });
    if (idsAt < 0)
      return notYet(
        `Export only record_id from a project of ${BIG.toLocaleString('en-US')} records or more (Large 1k).`,
      );
    const ids = distinct(tableOf(calls[idsAt]!.answer)!, 'record_id');
    const batch = calls.slice(idsAt + 1).find((call) => {
      const asked = listParam(call.values, 'records');
      const table = tableOf(call.answer);
      return (
        asked.length > 0 &&
        asked.length < ids.length &&
        asked.every((id) => ids.includes(id)) &&
        table !== null &&
        table.columns.includes('record_id') &&
        sameSet(distinct(table, 'record_id'), asked)
      );
    });
    if (!batch)
      return notYet(
        'Now export a batch: some of those ids in records (keep record_id among the fields).',
      );
    return pass(
      `You listed ${ids.length} ids, then exported a batch of ${listParam(batch.values, 'records').length}.`,
    );
  },
});
