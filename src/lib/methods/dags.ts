import * as z from 'zod/mini';
import { defineMethod } from './define-method.ts';
import {
  arrayParam,
  dataFormatParam,
  dataParam,
  formatParam,
  returnFormatParam,
  textParam,
} from './shared-params.ts';

export const exportDags = defineMethod({
  id: 'exp_dags',
  group: 'Data Access Groups',
  label: 'Export DAGs',
  description:
    "List the project's data access groups (DAGs): label, unique group name and id. Not allowed for a user who is in a DAG.",
  content: 'dag',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({ format: formatParam(), returnFormat: returnFormatParam() }),
  response: {
    kind: 'format',
    shape: 'rows of data_access_group_name, unique_group_name, data_access_group_id',
  },
  examples: [{ format: 'json', returnFormat: 'json' }],
});

export const importDags = defineMethod({
  id: 'imp_dags',
  group: 'Data Access Groups',
  label: 'Import DAGs',
  description:
    'Create data access groups, or rename existing ones. A blank unique_group_name creates a new DAG; an existing one renames it.',
  content: 'dag',
  // REDCap imports DAGs only with an explicit action=import; data alone exports (§1.10).
  action: 'import',
  sendsData: true,
  destructive: true,
  superToken: false,
  params: z.object({
    format: dataFormatParam(),
    data: dataParam({
      help: 'The DAGs, in the chosen format: rows of data_access_group_name and unique_group_name (blank for a new DAG).',
      placeholder: '[{"data_access_group_name":"Site C","unique_group_name":""}]',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the number of DAGs imported, e.g. 2' },
  examples: [
    {
      format: 'json',
      data: '[{"data_access_group_name":"Site C","unique_group_name":""},{"data_access_group_name":"Site A (Boston)","unique_group_name":"site_a"}]',
      returnFormat: 'json',
    },
  ],
});

export const deleteDags = defineMethod({
  id: 'del_dags',
  group: 'Data Access Groups',
  label: 'Delete DAGs',
  description:
    'Delete data access groups by unique group name. Not allowed for a user who is in a DAG.',
  content: 'dag',
  action: 'delete',
  sendsData: false,
  destructive: true,
  superToken: false,
  params: z.object({
    dags: arrayParam({
      help: 'The unique group names to delete, e.g. site_c.',
      required: true,
      picker: 'dags',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the number of DAGs deleted, e.g. 1' },
  examples: [{ dags: ['site_c'], returnFormat: 'json' }],
});

export const switchDag = defineMethod({
  id: 'switch_dag',
  group: 'Data Access Groups',
  label: 'Switch DAG',
  description:
    "Move the token's own user into another data access group, one the DAG Switcher allows them to enter. From then on the token only sees that group's records.",
  content: 'dag',
  action: 'switch',
  sendsData: false,
  destructive: true,
  superToken: false,
  params: z.object({
    dag: textParam({
      help: 'The unique group name to switch into, e.g. site_b.',
      required: true,
      picker: 'dags',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'text', shape: 'plain text 1 when the user was switched' },
  examples: [{ dag: 'site_b', returnFormat: 'json' }],
});

export const exportUserDagMappings = defineMethod({
  id: 'exp_user_dag_maps',
  group: 'Data Access Groups',
  label: 'Export User-DAG Assignments',
  description:
    'List which data access group each user of the project is in (blank: not in a group).',
  content: 'userDagMapping',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({ format: formatParam(), returnFormat: returnFormatParam() }),
  response: { kind: 'format', shape: 'rows of username, redcap_data_access_group' },
  examples: [{ format: 'json', returnFormat: 'json' }],
});

export const importUserDagMappings = defineMethod({
  id: 'imp_user_dag_maps',
  group: 'Data Access Groups',
  label: 'Import User-DAG Assignments',
  description:
    'Put users into data access groups, or take them out with a blank group. Users not listed keep their group.',
  content: 'userDagMapping',
  // REDCap routes by the presence of data; its Playground also sends action=import.
  action: 'import',
  sendsData: true,
  destructive: true,
  superToken: false,
  params: z.object({
    format: dataFormatParam(),
    data: dataParam({
      help: 'Rows of username and redcap_data_access_group (a unique group name, or blank for none).',
      placeholder: '[{"username":"alice","redcap_data_access_group":"site_a"}]',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the number of assignments imported, e.g. 2' },
  examples: [
    {
      format: 'json',
      data: '[{"username":"alice","redcap_data_access_group":"site_a"},{"username":"bob","redcap_data_access_group":""}]',
      returnFormat: 'json',
    },
  ],
});
