import { initialValues } from '../../../src/lib/form/describe-schema.ts';
import type { FilePart, ParamValues } from '../../../src/lib/methods/define-method.ts';
import { getMethod, type MethodId } from '../../../src/lib/methods/index.ts';
import { MOCK_SERVER_API_URL } from '../../../src/lib/redcap/connection.ts';
import { buildRedcapRequest, type RedcapRequest } from '../../../src/lib/redcap/request.ts';
import type { SnippetOptions } from '../../../src/lib/snippets/index.ts';

/** The token the fixtures are built with: it must never appear in a snippet unless shown. */
export const FIXTURE_TOKEN = 'C0FFEE00C0FFEE00C0FFEE00C0FFEE00';

export const CONSENT_PDF: FilePart = {
  kind: 'file',
  name: 'consent.pdf',
  type: 'application/pdf',
  bytes: new TextEncoder().encode('%PDF-1.4\n% consent form signed by record 1\n%%EOF\n'),
};

export interface SnippetFixture {
  /** File name stem of its golden files: tests/fixtures/snippets/<name>.<target>.<ext>. */
  readonly name: string;
  readonly method: MethodId;
  /** Changes to the form's initial values (undefined or '' = left empty). */
  readonly params: ParamValues;
  /** A live server instead of the mock server. */
  readonly apiUrl?: string;
  readonly showToken?: boolean;
  /** A batched Export Records (SnippetOptions.batchSize) of the demo project (record_id). */
  readonly batchSize?: number;
}

/** The requests every target is checked against, golden file by golden file. */
export const SNIPPET_FIXTURES: readonly SnippetFixture[] = [
  { name: 'minimal-export', method: 'exp_records', params: {} },
  {
    name: 'arrays',
    method: 'exp_records',
    params: {
      records: ['1', '2', '10'],
      fields: ['record_id', 'age', 'symptoms'],
      forms: ['health'],
    },
  },
  {
    name: 'filter-logic',
    method: 'exp_records',
    params: { filterLogic: `[age] > 30 and [sex] = '1' and [last_name] <> "O'Brien"` },
  },
  {
    name: 'csv-export',
    method: 'exp_records',
    params: { format: 'csv', csvDelimiter: 'tab', rawOrLabel: 'label', returnFormat: 'csv' },
  },
  {
    name: 'import-json',
    method: 'imp_records',
    params: {
      data: '[{"record_id":"101","first_name":"Ada \\"Countess\\" Lovelace",\n  "notes":"it\'s $5 \\\\ a backslash"}]',
      returnContent: 'ids',
    },
  },
  {
    name: 'import-file',
    method: 'imp_file',
    params: { record: '1', field: 'consent_file', file: CONSENT_PDF },
  },
  { name: 'export-file', method: 'exp_file', params: { record: '1', field: 'consent_file' } },
  { name: 'empty-optional', method: 'exp_field_names', params: { field: '' } },
  { name: 'export-version', method: 'exp_rc_v', params: {} },
  {
    name: 'delete-xml',
    method: 'del_records',
    params: { records: ['3', '7'], returnFormat: 'xml' },
  },
  {
    name: 'special-characters',
    method: 'imp_records',
    params: {
      format: 'csv',
      data: 'record_id,first_name,notes\n102,Zoë 🙂,"tab\there $HOME `id` \\ end \u202e"\n',
    },
  },
  {
    name: 'live-server-token',
    method: 'exp_instr',
    params: {},
    apiUrl: 'https://redcap.example.edu/redcap/api/',
    showToken: true,
  },
  {
    name: 'batched-json',
    method: 'exp_records',
    params: { fields: ['record_id', 'age'], filterLogic: "[sex] = '1'" },
    batchSize: 500,
  },
  {
    name: 'batched-csv',
    method: 'exp_records',
    params: { format: 'csv', returnFormat: 'csv' },
    batchSize: 200,
  },
];

/** The fixture's request, built as the playground builds it, from the form's initial values. */
export function fixtureRequest(fixture: SnippetFixture): RedcapRequest {
  const method = getMethod(fixture.method);
  return buildRedcapRequest(
    method,
    { ...initialValues(method), ...fixture.params },
    { apiUrl: fixture.apiUrl ?? MOCK_SERVER_API_URL, token: FIXTURE_TOKEN },
  );
}

export function fixtureOptions(fixture: SnippetFixture): SnippetOptions {
  return {
    mock: fixture.apiUrl === undefined,
    title: getMethod(fixture.method).label,
    ...(fixture.showToken && { showToken: true }),
    ...(fixture.batchSize && { batchSize: fixture.batchSize, recordIdField: 'record_id' }),
  };
}
