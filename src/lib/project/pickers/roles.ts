import { readJsonList, type Choice, type ListSource } from '../lists.ts';
import { stringRows } from '../model.ts';

export const roleChoices = (json: unknown): Choice[] =>
  stringRows(json).map((r) => ({
    value: r['unique_role_name'] ?? '',
    label: r['role_label'] ?? '',
  }));

/** The project's user roles (Export User Roles). */
export const roles = {
  id: 'roles',
  noun: 'user role',
  kind: 'list',
  read: (client, _model, signal) => readJsonList(client, 'exp_user_roles', {}, roleChoices, signal),
} as const satisfies ListSource;
