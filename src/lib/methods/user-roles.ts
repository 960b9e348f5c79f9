import * as z from 'zod/mini';
import { defineMethod } from './define-method.ts';
import {
  arrayParam,
  dataFormatParam,
  dataParam,
  formatParam,
  returnFormatParam,
} from './shared-params.ts';

export const exportUserRoles = defineMethod({
  id: 'exp_user_roles',
  group: 'User Roles',
  label: 'Export User Roles',
  description:
    "List the project's user roles: unique role name (like U-2119C4Y87T), label, and the rights each role gives.",
  content: 'userRole',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({ format: formatParam(), returnFormat: returnFormatParam() }),
  response: {
    kind: 'format',
    shape: 'rows of unique_role_name, role_label, … rights, forms, forms_export',
  },
  examples: [{ format: 'json', returnFormat: 'json' }],
});

export const importUserRoles = defineMethod({
  id: 'imp_user_roles',
  group: 'User Roles',
  label: 'Import User Roles',
  description:
    'Create user roles or change their rights. A blank unique_role_name creates a new role; an existing one updates that role.',
  content: 'userRole',
  action: null,
  sendsData: true,
  destructive: true,
  superToken: false,
  params: z.object({
    format: dataFormatParam(),
    data: dataParam({
      help: 'Rows with role_label, unique_role_name (blank for a new role) and any rights to set, as in Import Users.',
      placeholder: '[{"unique_role_name":"","role_label":"Data entry","record_create":"1"}]',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the number of roles added or updated, e.g. 1' },
  examples: [
    {
      format: 'json',
      data: '[{"unique_role_name":"","role_label":"Data entry","design":"0","user_rights":"0","record_create":"1","record_delete":"0","api_export":"0","forms":{"demographics":1,"health":1,"visit":1},"forms_export":{"demographics":0,"health":0,"visit":0}}]',
      returnFormat: 'json',
    },
  ],
});

export const deleteUserRoles = defineMethod({
  id: 'del_user_roles',
  group: 'User Roles',
  label: 'Delete User Roles',
  description: 'Delete user roles by unique role name (like U-2119C4Y87T).',
  content: 'userRole',
  action: 'delete',
  sendsData: false,
  destructive: true,
  superToken: false,
  params: z.object({
    roles: arrayParam({
      help: 'The unique role names to delete, e.g. U-2119C4Y87T.',
      required: true,
      picker: 'roles',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the number of roles deleted, e.g. 1' },
  examples: [{ roles: ['U-2119C4Y87T'], returnFormat: 'json' }],
});

export const exportUserRoleMappings = defineMethod({
  id: 'exp_user_role_maps',
  group: 'User Roles',
  label: 'Export User-Role Assignments',
  description: 'List which role each user of the project has (blank: no role).',
  content: 'userRoleMapping',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({ format: formatParam(), returnFormat: returnFormatParam() }),
  response: { kind: 'format', shape: 'rows of username, unique_role_name, data_access_group' },
  examples: [{ format: 'json', returnFormat: 'json' }],
});

export const importUserRoleMappings = defineMethod({
  id: 'imp_user_role_maps',
  group: 'User Roles',
  label: 'Import User-Role Assignments',
  description:
    'Give users a role, or take it away with a blank unique_role_name. Users not listed keep their role.',
  content: 'userRoleMapping',
  action: null,
  sendsData: true,
  destructive: true,
  superToken: false,
  params: z.object({
    format: dataFormatParam(),
    data: dataParam({
      help: 'Rows of username and unique_role_name (blank to remove the role).',
      placeholder: '[{"username":"bob","unique_role_name":"U-2119C4Y87T"}]',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the number of assignments imported, e.g. 2' },
  examples: [
    {
      format: 'json',
      data: '[{"username":"alice","unique_role_name":"U-2119C4Y87T"},{"username":"bob","unique_role_name":""}]',
      returnFormat: 'json',
    },
  ],
});
