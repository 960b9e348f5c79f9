import { readJsonList, type Choice, type ListSource } from '../lists.ts';
import { stringRows } from '../model.ts';

export const dagChoices = (json: unknown): Choice[] =>
  stringRows(json).map((r) => ({
    value: r['unique_group_name'] ?? '',
    label: r['data_access_group_name'] ?? '',
  }));

/** The project's data access groups (Export DAGs). */
export const dags = {
  id: 'dags',
  noun: 'data access group',
  kind: 'list',
  read: (client, _model, signal) => readJsonList(client, 'exp_dags', {}, dagChoices, signal),
} as const satisfies ListSource;
