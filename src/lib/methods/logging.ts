import * as z from 'zod/mini';
import { defineMethod } from './define-method.ts';
import { LOG_TYPES } from './log-types.ts';
import {
  datetimeParam,
  formatParam,
  returnFormatParam,
  selectParam,
  textParam,
} from './shared-params.ts';

export const exportLogging = defineMethod({
  id: 'exp_logging',
  group: 'Logging',
  label: 'Export Logging',
  description:
    "Read the project's log (newest first): who did what and when, optionally filtered by kind of event, user, record, DAG and time.",
  content: 'log',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({
    format: formatParam(),
    logtype: selectParam(LOG_TYPES, {
      help: 'Only this kind of log entry. Not sent: all kinds.',
      valueLabels: {
        export: 'Data exports',
        manage: 'Manage/Design',
        user: 'User or role changes',
        record: 'All record changes',
        record_add: 'Records created',
        record_edit: 'Records updated',
        record_delete: 'Records deleted',
        lock_record: 'Record locking and e-signatures',
        page_view: 'Page views',
      },
    }),
    user: textParam({ help: 'Only entries by this username.', picker: 'users' }),
    record: textParam({ help: 'Only entries about this record.', picker: 'records' }),
    dag: textParam({
      help: 'Only entries about records in this data access group (unique group name).',
      picker: 'dags',
    }),
    beginTime: datetimeParam({ help: 'Only entries at or after this time (YYYY-MM-DD HH:MM).' }),
    endTime: datetimeParam({ help: 'Only entries at or before this time (YYYY-MM-DD HH:MM).' }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'rows of timestamp, username, action, details, record' },
  examples: [
    { format: 'json', returnFormat: 'json' },
    {
      format: 'json',
      logtype: 'record_edit',
      record: '1',
      beginTime: '2024-01-01 00:00',
      endTime: '2024-12-31 23:59',
      returnFormat: 'json',
    },
  ],
});
