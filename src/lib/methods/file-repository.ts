import * as z from 'zod/mini';
import { defineMethod, type FilePart } from './define-method.ts';
import {
  fileParam,
  formatParam,
  numberParam,
  returnFormatParam,
  textParam,
} from './shared-params.ts';

const folderId = (help: string) => numberParam({ help: `${help} Not sent: the top level.` });

const docId = (verb: string) =>
  numberParam({
    help: `The doc_id of the file to ${verb}, as listed by "Export a List of Files/Folders".`,
    required: true,
  });

const PROTOCOL_PDF: FilePart = {
  kind: 'file',
  name: 'study-protocol-v2.pdf',
  type: 'application/pdf',
  bytes: new TextEncoder().encode('%PDF-1.4\n% study protocol, version 2\n%%EOF\n'),
};

export const createFolder = defineMethod({
  id: 'create_folder_file_repo',
  group: 'File Repository',
  label: 'Create a New Folder in the File Repository',
  description:
    "Create a folder in the project's File Repository, optionally inside another folder and visible only to one DAG or one role.",
  content: 'fileRepository',
  action: 'createFolder',
  sendsData: false,
  destructive: true,
  superToken: false,
  params: z.object({
    format: formatParam(),
    name: textParam({
      help: 'The name of the new folder (at most 150 characters).',
      required: true,
      maxLength: 150,
    }),
    folder_id: folderId('The folder to create it in.'),
    dag_id: numberParam({
      help: 'Restrict the folder to this data access group, by its numeric id (data_access_group_id).',
    }),
    role_id: numberParam({ help: 'Restrict the folder to this user role, by its numeric id.' }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the new folder id, e.g. [{"folder_id":12}]' },
  examples: [{ format: 'json', name: 'Signed consent forms', returnFormat: 'json' }],
});

export const exportFileRepositoryList = defineMethod({
  id: 'exp_list_file_repo',
  group: 'File Repository',
  label: 'Export a List of Files/Folders from the File Repository',
  description:
    'List the folders and files in one folder of the File Repository (the top level when no folder is given).',
  content: 'fileRepository',
  action: 'list',
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({
    format: formatParam(),
    folder_id: folderId('The folder to list.'),
    returnFormat: returnFormatParam(),
  }),
  response: {
    kind: 'format',
    shape: 'folders ({folder_id, name}) first, then files ({doc_id, name})',
  },
  examples: [
    { format: 'json', returnFormat: 'json' },
    { format: 'csv', folder_id: '12', returnFormat: 'json' },
  ],
});

export const exportFileRepositoryFile = defineMethod({
  id: 'exp_file_repo',
  group: 'File Repository',
  label: 'Export a File from the File Repository',
  description:
    'Download one file from the File Repository. The file name comes back in the Content-Type header.',
  content: 'fileRepository',
  action: 'export',
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({ doc_id: docId('download'), returnFormat: returnFormatParam() }),
  response: { kind: 'file', shape: 'the file itself; Content-Type: <mime>; name="<file name>"' },
  examples: [{ doc_id: '57', returnFormat: 'json' }],
});

export const importFileRepositoryFile = defineMethod({
  id: 'imp_file_repo',
  group: 'File Repository',
  label: 'Import a File into the File Repository',
  description:
    'Upload a file into the File Repository, at the top level or into a folder. Sent as multipart/form-data.',
  content: 'fileRepository',
  action: 'import',
  sendsData: false,
  destructive: true,
  superToken: false,
  params: z.object({
    file: fileParam({
      help: 'The file to upload. It travels as a multipart part named file, with its own name.',
      required: true,
    }),
    folder_id: folderId('The folder to put it in.'),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'text', shape: 'an empty body (HTTP 200) on success' },
  examples: [{ file: PROTOCOL_PDF, returnFormat: 'json' }],
});

export const deleteFileRepositoryFile = defineMethod({
  id: 'del_file_repo',
  group: 'File Repository',
  label: 'Delete a File from the File Repository',
  description:
    "Delete one file from the File Repository. It goes to the project's recycle bin, where it is kept for about 30 days.",
  content: 'fileRepository',
  action: 'delete',
  sendsData: false,
  destructive: true,
  superToken: false,
  params: z.object({ doc_id: docId('delete'), returnFormat: returnFormatParam() }),
  response: { kind: 'text', shape: 'an empty body (HTTP 200) on success' },
  examples: [{ doc_id: '57', returnFormat: 'json' }],
});
