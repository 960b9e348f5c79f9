import { callsOf, distinct, notYet, pass, tableOf } from './attempt.ts';
import { defineLesson, type CallEvent, type CallAnswer } from './types.ts';

type Answered = CallEvent & { readonly answer: CallAnswer };

export const rightsDags = defineLesson({
  id: 'rights-dags',
  number: 9,
  title: 'Rights and DAGs: the same call as bob, carol and dave',
  goal: 'Send the same Export Records as three users of the classic demo and explain the three answers.',
  steps: [
    {
      text: 'Open Export Records with `format` json and `fields` record_id.',
      method: 'exp_records',
      fields: ['fields'],
    },
    { text: 'In the mock controls choose “Classic demo (mock) · bob” (export only) and Execute.' },
    {
      text: 'Choose carol (data entry, no API export) and Execute the same call: REDCap answers 403.',
    },
    { text: 'Choose dave (in the DAG site_a) and Execute: he sees only the records of his group.' },
  ],
  hints: [
    'The token says who you are; the user’s rights say what the same call may do.',
    'A user in a Data Access Group sees only that group’s records, without an error.',
  ],
  check({ events }) {
    const calls = callsOf(events, 'exp_records');
    const as = (user: string): Answered | undefined =>
      calls.filter((call) => call.where.mode === 'mock' && call.where.user === user).at(-1);
    const bob = as('bob');
    const carol = as('carol');
    const dave = as('dave');
    if (!bob || bob.answer.status !== 200)
      return notYet('Export Records as bob first (he may export).');
    if (!carol) return notYet('Now the same call as carol.');
    if (carol.answer.status !== 403)
      return notYet(
        `carol got HTTP ${carol.answer.status}: send Export Records as carol, not another method.`,
      );
    if (!dave || dave.answer.status !== 200) return notYet('Last, the same call as dave.');
    const bobTable = tableOf(bob.answer);
    const daveTable = tableOf(dave.answer);
    if (
      !bobTable ||
      !daveTable ||
      !bobTable.columns.includes('record_id') ||
      !daveTable.columns.includes('record_id')
    )
      return notYet('Include record_id in fields, as bob and as dave, to compare their records.');
    const seen = distinct(bobTable, 'record_id');
    const his = distinct(daveTable, 'record_id');
    if (his.length === 0 || his.length >= seen.length || !his.every((id) => seen.includes(id)))
      return notYet(
        'Send the very same call as bob and as dave (same fields, no records or filter).',
      );
    return pass(
      `bob saw ${seen.length} records, carol was refused (403), dave saw only his DAG’s ${his.length}.`,
    );
  },
});
