// `npm run -s snippet -- --method <id> --target <target> [--url <api url>] [--param name=value …]`
// prints the code snippet for one request, exactly as the playground builds it, and nothing else.
// `--list-targets` prints the target ids, one per line.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { initialValues } from '../lib/form/describe-schema.ts';
import { metaOf, type FilePart, type ParamValue } from '../lib/methods/define-method.ts';
import { getMethod, type MethodDefinition } from '../lib/methods/index.ts';
import { validateParams } from '../lib/methods/validate.ts';
import { checkApiUrl, MOCK_SERVER_API_URL, normalizeApiUrl } from '../lib/redcap/connection.ts';
import { buildRedcapRequest, REDACTED_TOKEN, TOKEN_FIELD } from '../lib/redcap/request.ts';
import { generateSnippet, getTarget, SnippetError, TARGETS } from '../lib/snippets/index.ts';

const USAGE = `Usage: npm run -s snippet -- --method <id> --target <target> [--url <api url>] [--param name=value …]
       npm run -s snippet -- --method exp_records --target <target> --batch-size <n> [--record-id-field <field>]
       npm run -s snippet -- --list-targets
Starts from the form's initial values (format=json, returnFormat=json…). Repeat --param for each
entry of a list (records, fields…); booleans are true/false; --param name= leaves it out; a file
parameter takes a path. Without --url the snippet points at npm run mock:server (${MOCK_SERVER_API_URL}).
--batch-size exports the record ids first, then the records that many at a time (the record id
field is record_id unless --record-id-field says otherwise).`;

class UsageError extends Error {}

const MIME: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  xml: 'application/xml',
  zip: 'application/zip',
};

/** A file parameter: the part is named after the file; its bytes only matter when executing. */
function filePart(path: string): FilePart {
  const name = basename(path);
  const type = MIME[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
  const bytes = existsSync(path) ? new Uint8Array(readFileSync(path)) : new Uint8Array();
  return { kind: 'file', name, type, bytes };
}

/** The form's values after the --param options, typed as the form would hold them. */
function paramValues(
  method: MethodDefinition,
  params: readonly string[],
): Record<string, ParamValue> {
  const values = initialValues(method);
  const given = new Set<string>();
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 1) throw new UsageError(`--param needs name=value, got ${JSON.stringify(param)}`);
    const name = param.slice(0, eq);
    const value = param.slice(eq + 1);
    if (name === TOKEN_FIELD) {
      throw new UsageError('The token is not a parameter: snippets read it from REDCAP_API_TOKEN.');
    }
    const schema = method.params.shape[name];
    if (!schema) {
      const known = Object.keys(method.params.shape).join(', ') || 'none';
      throw new UsageError(`${method.id} has no parameter ${name} (its parameters: ${known})`);
    }
    const type = metaOf(schema).type;
    if (type === 'array') {
      const list = given.has(name) ? (values[name] as readonly string[]) : [];
      values[name] = value === '' ? list : [...list, value];
    } else if (given.has(name)) {
      throw new UsageError(`${name} is not a list: give it once`);
    } else if (value === '') {
      values[name] = undefined;
    } else if (type === 'boolean') {
      if (value !== 'true' && value !== 'false') {
        throw new UsageError(`${name} is a boolean: true or false, got ${JSON.stringify(value)}`);
      }
      values[name] = value === 'true';
    } else {
      values[name] = type === 'file' ? filePart(value) : value;
    }
    given.add(name);
  }
  return values;
}

function snippet(argv: string[]): string {
  const { values: args } = parseArgs({
    args: argv,
    options: {
      method: { type: 'string' },
      target: { type: 'string' },
      url: { type: 'string' },
      param: { type: 'string', multiple: true },
      'batch-size': { type: 'string' },
      'record-id-field': { type: 'string' },
      'list-targets': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (args.help) return `${USAGE}\n`;
  if (args['list-targets']) return TARGETS.map((t) => `${t.id}\n`).join('');
  if (!args.method || !args.target) throw new UsageError('--method and --target are required');
  const method = getMethod(args.method);
  if (!method) throw new UsageError(`Unknown method ${args.method} (see npm run -s catalog)`);
  const target = getTarget(args.target);
  if (!target) {
    throw new UsageError(
      `Unknown target ${args.target}; one of: ${TARGETS.map((t) => t.id).join(', ')}`,
    );
  }
  const urlProblem = args.url === undefined ? null : checkApiUrl(args.url);
  if (urlProblem) throw new UsageError(urlProblem);
  const apiUrl = normalizeApiUrl(args.url ?? MOCK_SERVER_API_URL);

  const values = paramValues(method, args.param ?? []);
  const result = validateParams(method, values);
  if (!result.ok) {
    const lines = Object.entries(result.errors).map(([name, message]) => `${name}: ${message}`);
    throw new UsageError(`Invalid parameters for ${method.id}:\n${lines.join('\n')}`);
  }
  const request = buildRedcapRequest(method, values, { apiUrl, token: REDACTED_TOKEN });
  const batchSize = args['batch-size'];
  if (batchSize !== undefined && !/^\d+$/.test(batchSize)) {
    throw new UsageError(`--batch-size takes a whole number, got ${JSON.stringify(batchSize)}`);
  }
  return generateSnippet(target, request, {
    mock: apiUrl === MOCK_SERVER_API_URL,
    title: method.label,
    ...(batchSize !== undefined && {
      batchSize: Number(batchSize),
      recordIdField: args['record-id-field'] ?? 'record_id',
    }),
  });
}

try {
  process.stdout.write(snippet(process.argv.slice(2)));
} catch (error) {
  const known = error instanceof UsageError || error instanceof SnippetError;
  // parseArgs reports unknown options and missing values with a code; say those plainly too.
  const parse =
    error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
  if (!known && !parse) throw error;
  process.stderr.write(`${(error as Error).message}\n${known ? '' : `${USAGE}\n`}`);
  process.exitCode = 2;
}
