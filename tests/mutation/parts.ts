// The parts `npm run mutation -- --all` measures, one after another, and `--part <name>` measures
// one of. Each names the files it mutates, the tests it runs (the nearest ones when left out)
// and the score the part must keep (issue #19). tests/mutation/parts.test.ts checks that every
// file and test named exists and that every rule file of the mock belongs to a part.

export interface Part {
  readonly name: string;
  readonly files: readonly string[];
  readonly tests?: readonly string[];
  /** Score to keep, in percent. */
  readonly target: 85 | 90;
  /** Leave out the tests that run generated code in other languages' interpreters. */
  readonly noInterpreters?: boolean;
}

const mocks = (...names: string[]): string[] => names.map((n) => `tests/mocks/${n}.test.ts`);

/** The light mock tests that reach the record rules (the fuzz tests cost 10 s per mutant). */
const recordBasics = mocks(
  'core',
  'delete-repeating-instrument',
  'longitudinal',
  'store-rules',
  'routes',
  'hardening',
  'create-project',
);

export const PARTS: readonly Part[] = [
  {
    name: 'parameter validation',
    files: [
      'src/lib/methods/validate.ts',
      'src/lib/methods/shared-params.ts',
      'src/lib/methods/define-method.ts',
    ],
    tests: [
      'tests/lib/validate-params.test.ts',
      'tests/lib/catalog.test.ts',
      'tests/lib/describe-schema.test.ts',
      'tests/lib/check-data.test.ts',
      'tests/lib/request.test.ts',
      'tests/lib/registry-flags.test.ts',
      'tests/lib/url-state.test.ts',
    ],
    target: 90,
  },
  {
    name: 'request building',
    files: ['src/lib/redcap/request.ts', 'src/lib/redcap/encode.ts'],
    tests: [
      'tests/lib/request.test.ts',
      'tests/lib/redact.test.ts',
      'tests/lib/registry-flags.test.ts',
      'tests/lib/catalog.test.ts',
      'tests/lib/snippets/check.test.ts',
      'tests/lib/snippets/batch.test.ts',
      'tests/mocks/contract.test.ts',
      'tests/mocks/routes.test.ts',
    ],
    target: 90,
  },
  {
    name: 'form decoding',
    files: ['src/lib/redcap/decode.ts'],
    tests: ['tests/lib/decode.test.ts'],
    target: 90,
  },
  { name: 'CSV', files: ['src/lib/csv'], target: 90 },
  {
    name: 'XML',
    files: ['src/lib/xml/xml.ts'],
    tests: ['tests/lib/xml.test.ts'],
    target: 90,
  },
  {
    name: 'snippet quoting',
    files: ['src/lib/snippets/quote.ts'],
    noInterpreters: true,
    target: 90,
  },
  {
    name: 'filterLogic parser',
    files: ['src/lib/logic/parse.ts'],
    tests: ['tests/lib/logic.test.ts'],
    target: 90,
  },
  {
    name: 'call path',
    files: [
      'src/lib/execute/client.ts',
      'src/lib/execute/call-result.ts',
      'src/lib/execute/explain.ts',
      'src/lib/execute/dry-run.ts',
    ],
    tests: [
      'tests/lib/execute/client.test.ts',
      'tests/lib/execute/dry-run.test.ts',
      'tests/lib/execute/explain.test.ts',
      'tests/lib/execute/explain-table.test.ts',
    ],
    target: 85,
  },
  {
    name: 'write guard',
    files: ['src/ui/state/write-guard.svelte.ts'],
    tests: ['tests/ui/write-guard.test.ts', 'tests/ui/write-guard-state.test.ts'],
    target: 85,
  },
  {
    name: 'URL sync',
    files: ['src/ui/state/url-sync.svelte.ts'],
    tests: ['tests/ui/url-sync.test.ts'],
    target: 85,
  },
  { name: 'History', files: ['src/ui/state/history.svelte.ts'], target: 85 },
  {
    name: 'response stream',
    files: ['src/ui/state/response-stream.svelte.ts'],
    tests: ['tests/ui/execute-stream.test.ts', 'tests/ui/response-stream.test.ts'],
    target: 85,
  },
  {
    name: 'filterLogic evaluator',
    files: ['mocks/store/logic.ts'],
    tests: mocks('logic', 'logic-power', 'logic-table'),
    target: 90,
  },
  {
    name: 'mock store: records, names, rights, access',
    files: [
      'mocks/store/access.ts',
      'mocks/store/dictionary.ts',
      'mocks/store/import-records.ts',
      'mocks/store/longitudinal.ts',
      'mocks/store/names.ts',
      'mocks/store/records.ts',
      'mocks/store/rights.ts',
      'mocks/store/store.ts',
      'mocks/wire/render.ts',
      'mocks/wire/xml.ts',
    ],
    tests: [
      ...mocks(
        'core',
        'delete-repeating-instrument',
        'file-repository',
        'logic-power',
        'logic',
        'longitudinal-files',
        'longitudinal',
        'randomize',
        'render',
        'reports-surveys',
        'access',
        'store-rules',
      ),
    ],
    target: 85,
  },
  {
    name: 'record values',
    files: ['mocks/store/values.ts'],
    tests: [...recordBasics, ...mocks('routes-records-values', 'routes-records-import')],
    target: 85,
  },
  {
    name: 'record import',
    files: ['mocks/store/import.ts'],
    tests: [
      ...recordBasics,
      ...mocks('routes-records-import', 'routes-records-import-2', 'store/import'),
    ],
    target: 85,
  },
  {
    name: 'record delete, longitudinal import',
    files: [
      'mocks/store/delete.ts',
      'mocks/store/import-longitudinal.ts',
      'mocks/wire/record-export-longitudinal.ts',
    ],
    tests: mocks(
      'routes-records-longitudinal',
      'routes-records-delete',
      'routes-records-longitudinal-2',
      'routes-records-delete-2',
      'delete-repeating-instrument',
      'longitudinal',
      'store-rules',
      'core',
      'store/delete',
      'store/import',
    ),
    target: 85,
  },
  {
    name: 'record data, export, select',
    files: [
      'mocks/wire/import-data.ts',
      'mocks/wire/record-export.ts',
      'mocks/wire/record-select.ts',
    ],
    tests: mocks(
      'routes-records-data',
      'routes-records-export',
      'routes-records-dags',
      'routes-records-longitudinal',
      'routes-records-longitudinal-2',
      'core',
      'routes',
      'routes-records-3',
    ),
    target: 85,
  },
  {
    name: 'record routes',
    files: [
      'mocks/wire/record-survey.ts',
      'mocks/routes/records-extra.ts',
      'mocks/routes/records.ts',
      'mocks/routes/repeating.ts',
    ],
    tests: mocks(
      'routes-records-extra',
      'routes-records-dags',
      'routes-records-export',
      'routes-records-data',
      'routes-records-longitudinal-2',
      'reports-surveys',
      'core',
      'routes',
      'route-table',
      'routes-records-3',
    ),
    target: 85,
  },
  {
    name: 'arms, events, mappings, DAGs',
    files: [
      'mocks/routes/arms.ts',
      'mocks/routes/events.ts',
      'mocks/routes/instruments.ts',
      'mocks/store/structure.ts',
      'mocks/routes/dags.ts',
      'mocks/store/dags.ts',
    ],
    tests: mocks(
      'routes-structure-longitudinal',
      'longitudinal',
      'access',
      'contract',
      'hardening',
      'store/structure',
      'routes-structure',
      'routes-records-extra',
      'routes-records-3',
      'create-project',
    ),
    target: 85,
  },
  {
    name: 'dictionary, field names, version, route table, parameters',
    files: [
      'mocks/routes/metadata.ts',
      'mocks/store/dictionary-import.ts',
      'mocks/routes/field-names.ts',
      'mocks/wire/params.ts',
      'mocks/routes/index.ts',
      'mocks/routes/redcap.ts',
      'mocks/wire/route.ts',
      'mocks/store/errors.ts',
    ],
    tests: mocks(
      'routes-structure',
      'routes-structure-longitudinal',
      'routes',
      'hardening',
      'route-table',
      'route-params',
      'wire-params',
    ),
    target: 85,
  },
  {
    name: 'project XML',
    files: ['mocks/odm/write.ts', 'mocks/routes/projects.ts'],
    tests: mocks(
      'project-xml',
      'odm-roundtrip',
      'odm-fixtures',
      'routes-project-xml',
      'routes-project-xml-2',
    ),
    target: 85,
  },
  {
    name: "Create Project's file (ODM reader)",
    files: ['mocks/odm/read.ts'],
    tests: mocks(
      'odm-roundtrip',
      'odm-fixtures',
      'routes-project-odm',
      'routes-project-create',
      'routes-project-odm-2',
    ),
    target: 85,
  },
  {
    name: 'Create Project, project info',
    files: [
      'mocks/store/create-project.ts',
      'mocks/store/project-info.ts',
      'mocks/routes/projects.ts',
    ],
    tests: mocks(
      'create-project',
      'odm-fixtures',
      'core',
      'routes-project-create',
      'routes-project-odm',
      'routes-project-create-2',
    ),
    target: 85,
  },
  {
    name: 'File Repository',
    files: ['mocks/routes/file-repository.ts', 'mocks/store/file-repository.ts'],
    tests: mocks('file-repository', 'hardening', 'routes-other-files'),
    target: 85,
  },
  {
    name: 'files on records',
    files: ['mocks/routes/files.ts', 'mocks/store/files.ts'],
    tests: mocks('longitudinal-files', 'hardening', 'routes-other-files', 'store/files'),
    target: 85,
  },
  {
    name: 'logging, randomize, reports',
    files: [
      'mocks/routes/logging.ts',
      'mocks/routes/records-extra.ts',
      'mocks/store/randomize.ts',
      'mocks/routes/reports.ts',
    ],
    tests: mocks(
      'randomize',
      'reports-surveys',
      'hardening',
      'routes-other-log',
      'routes-records-3',
    ),
    target: 85,
  },
  {
    name: 'users, roles, assignments',
    files: [
      'mocks/routes/users.ts',
      'mocks/routes/user-roles.ts',
      'mocks/store/users.ts',
      'mocks/wire/access-data.ts',
      'mocks/wire/user-rights.ts',
    ],
    tests: mocks('access', 'hardening', 'routes-access'),
    target: 85,
  },
  {
    name: 'surveys',
    files: ['mocks/routes/surveys.ts', 'mocks/store/surveys.ts'],
    tests: mocks('reports-surveys', 'routes-surveys', 'store/surveys'),
    target: 85,
  },
  {
    name: 'Export PDF',
    files: ['mocks/wire/pdf.ts', 'mocks/wire/pdf-writer.ts'],
    tests: mocks('longitudinal-files', 'routes-pdf'),
    target: 85,
  },
  {
    name: 'seed store operations',
    files: ['mocks/store/write-row.ts', 'mocks/store/form-status.ts'],
    tests: mocks('store/write-row', 'store/form-status', 'fixtures'),
    target: 85,
  },
];
