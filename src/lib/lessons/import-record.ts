import { callsOf, distinct, notYet, pass, tableOf } from './attempt.ts';
import { defineLesson } from './types.ts';

const RECORD = '101';

export const importRecord = defineLesson({
  id: 'import-record',
  number: 7,
  title: 'Import a record and read it back',
  goal: `Create record ${RECORD} with a first name, then export it to see that REDCap kept it.`,
  steps: [
    {
      text: `Open Import Records with \`format\` json. In \`data\` write [{"record_id":"${RECORD}","first_name":"Ada"}].`,
      method: 'imp_records',
      fields: ['format', 'data'],
    },
    {
      text: 'Execute. REDCap answers {"count": 1}: one record saved (in live mode the playground asks first).',
      method: 'imp_records',
      fields: ['returnContent'],
    },
    {
      text: `Open Export Records, put ${RECORD} in \`records\`, and Execute to read it back.`,
      method: 'exp_records',
      fields: ['records'],
    },
  ],
  hints: [
    '`data` is a list of rows, even for one record: [{…}].',
    'Import Records checks every row first: if one is wrong, nothing is saved.',
    'Reset demo data (mock controls) puts the seed back, without your record.',
  ],
  reads: () => [
    { name: 'record', methodId: 'exp_records', values: { format: 'json', records: [RECORD] } },
  ],
  check({ events, reads }) {
    const stored = reads.get('record');
    const rows = stored?.ok ? tableOf(stored.answer) : null;
    const row = rows?.rows.find((r) => r.get('record_id') === RECORD);
    if (!row) return notYet(`Record ${RECORD} is not in the project yet: import it.`);
    if (!(row.get('first_name') ?? '').trim())
      return notYet(`Record ${RECORD} exists but has no first_name: import it with one.`);
    const imports = events.findIndex(
      (event) =>
        event.kind === 'call' && event.methodId === 'imp_records' && event.answer?.status === 200,
    );
    if (imports < 0)
      return notYet(`Record ${RECORD} is there, but not by your Import Records call: import it.`);
    const readBack = callsOf(events.slice(imports + 1), 'exp_records').some((call) => {
      const table = tableOf(call.answer);
      return table !== null && distinct(table, 'record_id').includes(RECORD);
    });
    if (!readBack)
      return notYet(`Saved. Now read it back: Export Records with ${RECORD} in records.`);
    return pass(
      `Record ${RECORD} is stored with first_name “${row.get('first_name')}”, and you read it back.`,
    );
  },
});
