import { readRepository, type ListSource } from '../lists.ts';

/** Files of the File Repository (recognised by the parameter name `doc_id`). */
export const files = {
  id: 'files',
  noun: 'file',
  kind: 'list',
  read: (client, _model, signal) => readRepository(client, 'files', signal),
} as const satisfies ListSource;
