import { readJsonList, type Choice, type ListSource } from '../lists.ts';
import { stringRows } from '../model.ts';

export const userChoices = (json: unknown): Choice[] =>
  stringRows(json).map((r) => ({
    value: r['username'] ?? '',
    label: [r['firstname'], r['lastname']].filter(Boolean).join(' '),
  }));

/** The project's users (Export Users). */
export const users = {
  id: 'users',
  noun: 'user',
  kind: 'list',
  read: (client, _model, signal) => readJsonList(client, 'exp_users', {}, userChoices, signal),
} as const satisfies ListSource;
