import * as z from 'zod/mini';
import { defineMethod, type FilePart } from './define-method.ts';
import {
  eventParam,
  fileParam,
  repeatInstanceParam,
  returnFormatParam,
  textParam,
} from './shared-params.ts';

/** The parameters that point at one file-upload field of one record. */
const fileLocation = (verb: string) => ({
  record: textParam({
    help: `The record whose file to ${verb}.`,
    required: true,
    picker: 'records',
  }),
  field: textParam({
    help: 'The file-upload field (a field of type file, signature fields included).',
    required: true,
    picker: 'file-fields',
  }),
  event: eventParam('The event of that field; required in longitudinal projects.'),
  repeat_instance: repeatInstanceParam('The instance of that field.'),
});

const CONSENT_PDF: FilePart = {
  kind: 'file',
  name: 'consent.pdf',
  type: 'application/pdf',
  bytes: new TextEncoder().encode('%PDF-1.4\n% signed consent form, record 1\n%%EOF\n'),
};

export const exportFile = defineMethod({
  id: 'exp_file',
  group: 'Files',
  label: 'Export a File',
  description:
    "Download the file stored in a record's file-upload field. The file name comes back in the Content-Type header.",
  content: 'file',
  action: 'export',
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({ ...fileLocation('download'), returnFormat: returnFormatParam() }),
  response: { kind: 'file', shape: 'the file itself; Content-Type: <mime>; name="<file name>"' },
  examples: [{ record: '1', field: 'consent_file', returnFormat: 'json' }],
});

export const importFile = defineMethod({
  id: 'imp_file',
  group: 'Files',
  label: 'Import a File',
  description:
    "Upload a file into a record's file-upload field, replacing any file already there. The record must exist. Sent as multipart/form-data.",
  content: 'file',
  action: 'import',
  sendsData: false,
  destructive: true,
  superToken: false,
  params: z.object({
    ...fileLocation('replace'),
    file: fileParam({
      help: 'The file to upload. It travels as a multipart part named file, with its own name.',
      required: true,
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'text', shape: 'an empty body (HTTP 200) on success' },
  examples: [{ record: '1', field: 'consent_file', file: CONSENT_PDF, returnFormat: 'json' }],
});

export const deleteFile = defineMethod({
  id: 'del_file',
  group: 'Files',
  label: 'Delete a File',
  description: "Remove the file from a record's file-upload field; the field becomes blank.",
  content: 'file',
  action: 'delete',
  sendsData: false,
  destructive: true,
  superToken: false,
  params: z.object({ ...fileLocation('delete'), returnFormat: returnFormatParam() }),
  response: { kind: 'text', shape: 'an empty body (HTTP 200) on success' },
  examples: [{ record: '1', field: 'consent_file', returnFormat: 'json' }],
});
