import { readJsonList, type Choice, type ListSource } from '../lists.ts';
import { stringRows } from '../model.ts';

/** Record names in an export's rows (one per record, however many event rows it has). */
export function recordChoices(json: unknown, recordIdField: string): Choice[] {
  const seen = new Set<string>();
  for (const row of stringRows(json)) {
    const id = row[recordIdField] ?? row['record'] ?? '';
    if (id !== '') seen.add(id);
  }
  return [...seen].map((id) => ({ value: id, label: id }));
}

/** The project's records, from the smallest export that names them all (the id field only). */
export const records = {
  id: 'records',
  noun: 'record',
  kind: 'list',
  needsModel: true,
  read: async (client, model, signal) => {
    if (model?.missing.metadata)
      return { choices: [], why: `Could not list them: ${model.missing.metadata}` };
    const idField = model?.recordIdField ?? '';
    return readJsonList(
      client,
      'exp_records',
      { fields: [idField] },
      (json) => recordChoices(json, idField),
      signal,
    );
  },
} as const satisfies ListSource;
