import { readRepository, type ListSource } from '../lists.ts';

/** Folders of the File Repository (recognised by the parameter name `folder_id`). */
export const folders = {
  id: 'folders',
  noun: 'folder',
  kind: 'list',
  read: (client, _model, signal) => readRepository(client, 'folders', signal),
} as const satisfies ListSource;
