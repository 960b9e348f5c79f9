import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { initialValues } from '../../src/lib/form/describe-schema.ts';
import type { ParamValues } from '../../src/lib/methods/define-method.ts';
import { getMethod } from '../../src/lib/methods/index.ts';
import { MOCK_SERVER_API_URL } from '../../src/lib/redcap/connection.ts';
import { buildRedcapRequest, REDACTED_TOKEN } from '../../src/lib/redcap/request.ts';
import { generateSnippet, getTarget, TARGETS } from '../../src/lib/snippets/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run -s snippet -- …`, without npm: the project's Node 24 runs the CLI directly. */
function cli(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['src/cli/snippet.ts', ...args],
      { cwd: ROOT },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** What the playground's own path gives for these values. */
function expected(
  methodId: string,
  targetId: string,
  params: ParamValues,
  apiUrl = MOCK_SERVER_API_URL,
) {
  const method = getMethod(methodId)!;
  const request = buildRedcapRequest(
    method,
    { ...initialValues(method), ...params },
    { apiUrl, token: REDACTED_TOKEN },
  );
  return generateSnippet(getTarget(targetId)!, request, {
    mock: apiUrl === MOCK_SERVER_API_URL,
    title: method.label,
  });
}

// Each run starts Node and loads the catalog (~0.5 s): run them side by side, with time to spare.
describe.concurrent('npm run snippet', { timeout: 30_000 }, () => {
  it('lists the target ids, one per line', async () => {
    const result = await cli('--list-targets');
    expect(result).toEqual({
      code: 0,
      stdout: TARGETS.map((t) => `${t.id}\n`).join(''),
      stderr: '',
    });
  });

  it('prints exactly the snippet, from the form initial values, for the mock server', async () => {
    const result = await cli('--method', 'exp_records', '--target', 'python-requests');
    expect(result).toEqual({
      code: 0,
      stdout: expected('exp_records', 'python-requests', {}),
      stderr: '',
    });
    expect(result.stdout).toContain('("format", "json")');
    expect(result.stdout).toContain('npm run mock:server');
  });

  it('builds lists from repeated params, booleans from true/false', async () => {
    const result = await cli(
      ...['--method', 'exp_records', '--target', 'r-httr'],
      ...['--param', 'records=1', '--param', 'records=2', '--param', 'fields=age'],
      ...[
        '--param',
        'exportCheckboxLabel=true',
        '--param',
        "filterLogic=[age] > 30 and [sex] = '1'",
      ],
    );
    expect(result.stdout).toBe(
      expected('exp_records', 'r-httr', {
        records: ['1', '2'],
        fields: ['age'],
        exportCheckboxLabel: true,
        filterLogic: "[age] > 30 and [sex] = '1'",
      }),
    );
    expect(result.stdout).toContain('"records[1]" = "2"');
    expect(result.stdout).toContain('"fields[0]" = "age"');
    expect(result.stdout).toContain('exportCheckboxLabel = "true"');
  });

  it('leaves a parameter out with name=', async () => {
    const result = await cli(
      '--method',
      'exp_records',
      '--target',
      'shell-curl',
      '--param',
      'format=',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("'format=");
    expect(result.stdout).toBe(expected('exp_records', 'shell-curl', { format: undefined }));
  });

  it('points at --url, normalised to …/api/, without the mock note', async () => {
    const result = await cli(
      ...[
        '--method',
        'exp_instr',
        '--target',
        'php-curl',
        '--url',
        'https://redcap.example.edu/redcap',
      ],
    );
    expect(result.stdout).toBe(
      expected('exp_instr', 'php-curl', {}, 'https://redcap.example.edu/redcap/api/'),
    );
    expect(result.stdout).not.toContain('mock:server');
  });

  it('takes a file parameter as a path: a multipart upload of that file', async () => {
    const result = await cli(
      ...['--method', 'imp_file', '--target', 'node-fetch'],
      ...[
        '--param',
        'record=1',
        '--param',
        'field=consent_file',
        '--param',
        'file=docs/consent.pdf',
      ],
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "body.append('file', await openAsBlob('consent.pdf', { type: 'application/pdf' }), 'consent.pdf');",
    );
  });

  it.each([
    [['--param', 'token=ABC'], /token is not a parameter/],
    [['--param', 'nope=1'], /exp_records has no parameter nope/],
    [['--param', 'format=yaml'], /format: /],
    [['--param', 'exportCheckboxLabel=yes'], /boolean: true or false/],
    [['--param', 'format=json', '--param', 'format=csv'], /not a list/],
    [['--param', 'records'], /name=value/],
    [['--url', 'ftp://example.edu/api/'], /https/],
    [['--bogus'], /Unknown option/],
  ])('refuses %j with a message and a non-zero exit', async (args, message) => {
    const result = await cli('--method', 'exp_records', '--target', 'shell-curl', ...args);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it.each([
    [['--method', 'exp_nothing', '--target', 'shell-curl'], /Unknown method exp_nothing/],
    [['--method', 'exp_records', '--target', 'cobol'], /Unknown target cobol; one of: shell-curl/],
    [['--method', 'exp_records'], /--method and --target are required/],
  ])('refuses %j: unknown or missing method or target', async (args, message) => {
    const result = await cli(...args);
    expect([result.code !== 0, result.stdout]).toEqual([true, '']);
    expect(result.stderr).toMatch(message);
  });

  it('writes the batched loop with --batch-size (record_id unless --record-id-field)', async () => {
    const method = getMethod('exp_records')!;
    const request = buildRedcapRequest(method, initialValues(method), {
      apiUrl: MOCK_SERVER_API_URL,
      token: REDACTED_TOKEN,
    });
    const options = { mock: true, title: method.label, batchSize: 50 };
    const target = getTarget('go-net-http')!;
    const args = ['--method', 'exp_records', '--target', 'go-net-http', '--batch-size', '50'];
    expect(await cli(...args)).toEqual({
      code: 0,
      stdout: generateSnippet(target, request, { ...options, recordIdField: 'record_id' }),
      stderr: '',
    });
    const study = await cli(...args, '--record-id-field', 'study_id');
    expect(study.stdout).toBe(
      generateSnippet(target, request, { ...options, recordIdField: 'study_id' }),
    );
    const bad = await cli(...args.slice(0, -1), 'many');
    expect([bad.code !== 0, bad.stderr]).toEqual([
      true,
      '--batch-size takes a whole number, got "many"\n',
    ]);
  });

  it('says why a request cannot become a snippet (SnippetError)', async () => {
    const result = await cli(
      ...['--method', 'imp_file', '--target', 'shell-curl', '--param', 'record=1'],
      ...['--param', 'field=consent_file', '--param', 'file=say "hi".pdf'],
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/file name "say \\"hi\\".pdf" cannot be used in a snippet/);
  });
});
