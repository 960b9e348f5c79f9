import * as z from 'zod/mini';
import { defineMethod } from './define-method.ts';
import {
  arrayParam,
  dataFormatParam,
  dataParam,
  formatParam,
  returnFormatParam,
} from './shared-params.ts';

/**
 * REDCap versions (`since`): PyCap's REDCap API change log (redcap-tools/PyCap,
 * docs/api_changelog.rst), which quotes REDCap's own release notes.
 */
export const exportUsers = defineMethod({
  id: 'exp_users',
  group: 'Users',
  label: 'Export Users',
  description:
    "List the project's users with their rights: e-mail, name, expiration, data access group, and one value per privilege and per instrument.",
  content: 'user',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({ format: formatParam(), returnFormat: returnFormatParam() }),
  response: {
    kind: 'format',
    shape:
      'rows of username, email, firstname, lastname, expiration, … rights, forms, forms_export',
  },
  examples: [{ format: 'json', returnFormat: 'json' }],
});

export const importUsers = defineMethod({
  id: 'imp_users',
  group: 'Users',
  label: 'Import Users',
  description:
    'Add users to the project or change their rights. Each row needs a username; rights left out keep their current value.',
  content: 'user',
  action: null,
  sendsData: true,
  destructive: true,
  superToken: false,
  since: '6.11.0',
  params: z.object({
    format: dataFormatParam(),
    data: dataParam({
      help: 'Rows with username and any rights to set (0 = no, 1 = yes), e.g. design, api_export, record_create; forms and forms_export set per-instrument rights: in JSON an object such as {"demographics":1}.',
      placeholder: '[{"username":"bob","api_export":"1","forms":{"demographics":1}}]',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the number of users added or updated, e.g. 1' },
  examples: [
    {
      format: 'json',
      data: '[{"username":"bob","email":"bob@example.edu","firstname":"Bob","lastname":"Smith","expiration":"2025-12-31","design":"0","user_rights":"0","record_create":"1","api_export":"1","api_import":"0","forms":{"demographics":1,"health":1,"visit":2},"forms_export":{"demographics":2,"health":1,"visit":1}}]',
      returnFormat: 'json',
    },
  ],
});

export const deleteUsers = defineMethod({
  id: 'del_users',
  group: 'Users',
  label: 'Delete Users',
  description:
    'Remove users from the project. Their REDCap accounts stay; only their access to this project ends.',
  content: 'user',
  action: 'delete',
  sendsData: false,
  destructive: true,
  superToken: false,
  params: z.object({
    users: arrayParam({ help: 'The usernames to remove.', required: true, picker: 'users' }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the number of users removed, e.g. 1' },
  examples: [{ users: ['bob'], returnFormat: 'json' }],
});
