import type { MethodDefinition } from '../methods/define-method.ts';
import {
  FORMATS,
  planExchanges,
  SHARED_KEYS,
  type Answer,
  type Exchange,
  type Recording,
} from './exchanges.ts';
import { inferSchema, mergeSchemas } from './infer-schema.ts';
import { DESCRIPTION, ERROR_COMPONENTS, methodTable, STATUS_TEXT } from './texts.ts';
import { exampleBody, OpenApiError, requestSchema, type JsonSchema } from './request-schema.ts';

/**
 * The REDCap API as one OpenAPI 3.1 document, from the catalog (request schemas, one example per
 * method) and from what the mock answered to those examples (response schemas and examples).
 * REDCap has one path and tells its methods apart by the body, so the document has one
 * operation, `POST /api/`, whose body is a `oneOf` of one schema per method.
 */

export type OpenApiDocument = Record<string, unknown>;

/** The recording's key for the web server's 404 page (a path that is not `…/api/`). */
export const NOT_API_KEY = 'shared 404';

const URLENCODED = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';

/** A component name (OpenAPI allows letters, digits, `.`, `-` and `_`). */
const componentName = (key: string): string => key.replace(/[^A-Za-z0-9._-]+/g, '_');
/** Answers are named apart from the requests, which take the method id alone. */
const answerName = (key: string): string => `answer.${componentName(key)}`;
const ref = (kind: 'schemas' | 'examples', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
});

interface MediaExamples {
  readonly schemas: JsonSchema[];
  readonly examples: Record<string, unknown>;
}

type ByStatus = Map<string, Map<string, MediaExamples>>;

function answerFor(recording: Recording, key: string): Answer {
  if (!Object.hasOwn(recording, key)) {
    throw new OpenApiError(
      `no answer recorded for "${key}": refresh the recording with npm run -s catalog -- --openapi-recording`,
    );
  }
  return recording[key]!;
}

/** The example value for a media type: JSON parsed, anything else as its text. */
function exampleValue(answer: Answer): { value?: unknown; note: string } {
  if (answer.body === null) {
    return {
      note: ` The body is ${answer.byteLength} bytes that are not text (a file), not shown here.`,
    };
  }
  if (answer.body === '') return { value: '', note: ' The body is empty.' };
  if (answer.mediaType === 'application/json') {
    try {
      return { value: JSON.parse(answer.body) as unknown, note: '' };
    } catch {
      return {
        value: answer.body,
        note: ` The body is the plain text ${JSON.stringify(answer.body.slice(0, 80))}, sent with this Content-Type.`,
      };
    }
  }
  return { value: answer.body, note: '' };
}

function add(
  byStatus: ByStatus,
  status: number,
  mediaType: string,
  name: string,
  schema: JsonSchema | null,
  example: unknown,
): void {
  const code = String(status);
  let media = byStatus.get(code);
  if (!media) byStatus.set(code, (media = new Map()));
  let entry = media.get(mediaType);
  if (!entry) media.set(mediaType, (entry = { schemas: [], examples: {} }));
  if (schema) entry.schemas.push(schema);
  entry.examples[name] = example;
}

function rowsNote(answer: Answer): string {
  return answer.rows ? ` Shown: the first rows of ${answer.rows}.` : '';
}

const ERROR_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  'application/json': ref('schemas', 'RedcapErrorJson'),
  'text/csv': ref('schemas', 'RedcapErrorCsv'),
  'text/xml': ref('schemas', 'RedcapErrorXml'),
};

export interface OpenApiOptions {
  /** Shown in info.title; the whole catalog by default. */
  readonly title?: string;
}

export function buildOpenApi(
  methods: readonly MethodDefinition[],
  recording: Recording,
  options: OpenApiOptions = {},
): OpenApiDocument {
  const schemas: Record<string, unknown> = {};
  const examples: Record<string, unknown> = {};
  const urlencoded: unknown[] = [];
  const multipart: unknown[] = [];
  const urlencodedExamples: Record<string, unknown> = {};
  const multipartExamples: Record<string, unknown> = {};
  const byStatus: ByStatus = new Map();
  const responseSchemas: unknown[] = [];

  for (const method of methods) {
    const { schema, multipartOnly } = requestSchema(method);
    const example = method.examples[0];
    if (!example) throw new OpenApiError(`${method.id} has no example`);
    schemas[method.id] = schema;
    examples[method.id] = {
      summary: `${method.label} (${method.id})`,
      description: `The catalog's example, as the playground sends it (without the token).`,
      value: exampleBody(method, example),
    };
    multipart.push(ref('schemas', method.id));
    multipartExamples[method.id] = ref('examples', method.id);
    if (!multipartOnly) {
      urlencoded.push(ref('schemas', method.id));
      urlencodedExamples[method.id] = ref('examples', method.id);
    }
  }

  const byKey = new Map<string, MethodDefinition>(methods.map((m) => [m.id, m]));
  const plan: Exchange[] = planExchanges(methods);
  const jsonShapes = new Map<string, JsonSchema>();
  for (const exchange of plan) {
    if (exchange.key.startsWith('shared ')) continue;
    const method = byKey.get(exchange.methodId)!;
    const answer = answerFor(recording, exchange.key);
    const failure = exchange.key.endsWith(' 400');
    // A wrong example the mock accepted shows no failure: it is not listed.
    if (failure && answer.status < 400) continue;
    const { value, note } = exampleValue(answer);
    const name = answerName(exchange.key);
    const what = failure
      ? `What the mock answers to the example of ${method.label} ${exchange.summary}.`
      : `What the mock answers to the example of ${method.label}${exchange.summary ? ` ${exchange.summary}` : ''}.`;
    examples[name] = {
      summary: `${method.label} (${method.id})${exchange.summary ? `, ${exchange.summary}` : ''}`,
      description: `${what}${rowsNote(answer)}${note}`,
      ...(value !== undefined && { value }),
    };
    let schema: JsonSchema | null = null;
    if (failure) schema = ERROR_SCHEMAS[answer.mediaType] ?? { type: 'string' };
    else if (answer.mediaType === 'application/json' && note === '' && value !== undefined) {
      const shape = inferSchema(value);
      const known = jsonShapes.get(method.id);
      jsonShapes.set(method.id, known ? mergeSchemas(known, shape) : shape);
    } else
      schema = answer.body === null ? { type: 'string', format: 'binary' } : { type: 'string' };
    add(byStatus, answer.status, answer.mediaType, name, schema, ref('examples', name));
  }
  for (const [id, shape] of jsonShapes) {
    const method = byKey.get(id)!;
    const name = `${id}.response`;
    schemas[name] = {
      title: `${method.label} (${id}): answer`,
      description: `${method.response.shape}. Learnt from the mock's answer to the example.`,
      ...shape,
    };
    responseSchemas.push(ref('schemas', name));
  }

  for (const format of FORMATS) {
    addShared(
      SHARED_KEYS.unknownToken(format),
      'A token REDCap does not know (also: no token, or one that is not 32 hexadecimal characters)',
    );
    addShared(SHARED_KEYS.unknownContent(format), 'An unknown content (here content=recrod)');
  }
  addShared(SHARED_KEYS.superToken, 'A super token on a method that needs a project token');
  function addShared(key: string, summary: string): void {
    const answer = answerFor(recording, key);
    const name = answerName(key);
    examples[name] = {
      summary,
      description: `What the mock answers, for any method.${answer.mediaType === 'application/json' ? '' : ` The error shape when returnFormat (or format) is ${answer.mediaType.split('/')[1]}.`}`,
      value: exampleValue(answer).value,
    };
    add(
      byStatus,
      answer.status,
      answer.mediaType,
      name,
      ERROR_SCHEMAS[answer.mediaType] ?? { type: 'string' },
      ref('examples', name),
    );
  }
  const page = answerFor(recording, NOT_API_KEY);
  examples['answer.not_the_api'] = {
    summary: 'A URL that is not …/api/ (e.g. …/api without its slash)',
    description: 'Not an answer of REDCap: the web server in front of it answers its own page.',
    value: page.body ?? '',
  };
  add(
    byStatus,
    page.status,
    page.mediaType,
    'answer.not_the_api',
    { type: 'string' },
    ref('examples', 'answer.not_the_api'),
  );

  if (responseSchemas.length > 0) {
    const json = byStatus.get('200')?.get('application/json');
    if (json) json.schemas.push({ anyOf: responseSchemas });
  }

  const responses: Record<string, unknown> = {};
  for (const code of [...byStatus.keys()].sort()) {
    const content: Record<string, unknown> = {};
    for (const [mediaType, { schemas: found, examples: named }] of [...byStatus.get(code)!].sort(
      ([a], [b]) => a.localeCompare(b),
    )) {
      content[mediaType] = { schema: oneSchema(found), examples: named };
    }
    responses[code] = { description: STATUS_TEXT[code] ?? `HTTP ${code}`, content };
  }

  const title = options.title ?? 'REDCap API';
  return {
    openapi: '3.1.0',
    info: {
      title,
      version: redcapVersion(recording),
      summary: 'Every method of the REDCap API, as the REDCap API Playground knows it.',
      description: DESCRIPTION,
    },
    servers: [
      {
        url: 'https://{host}{path}',
        description: 'Your REDCap server',
        variables: {
          host: { default: 'redcap.example.edu', description: 'Your REDCap server’s host name.' },
          path: {
            default: '/redcap',
            description: 'What comes before /api/ in your REDCap API URL (empty at the root).',
          },
        },
      },
      {
        url: 'http://127.0.0.1:8787',
        description: 'The playground’s mock REDCap: npm run mock:server',
      },
    ],
    security: [{ redcapToken: [] }],
    tags: [{ name: 'REDCap API', description: 'One path, many methods: see the request body.' }],
    paths: {
      '/api/': {
        post: {
          operationId: 'redcapApi',
          tags: ['REDCap API'],
          summary:
            methods.length === 1
              ? `${methods[0]!.label} (${methods[0]!.id})`
              : 'Call a REDCap API method',
          description: methodTable(methods),
          requestBody: {
            required: true,
            description:
              'One schema per method. REDCap tells the methods apart by `content`, `action`, whether `data` is sent, and the kind of token, not by one field, so OpenAPI’s discriminator (one property) cannot say it: each schema fixes `content` and `action` with `const`, and leaves out `data` where sending it would call another method.',
            content: {
              ...(urlencoded.length > 0 && {
                [URLENCODED]: { schema: { oneOf: urlencoded }, examples: urlencodedExamples },
              }),
              [MULTIPART]: { schema: { oneOf: multipart }, examples: multipartExamples },
            },
          },
          responses,
        },
      },
    },
    components: {
      securitySchemes: {
        redcapToken: {
          type: 'apiKey',
          in: 'header',
          name: 'token',
          description:
            'Your REDCap API token (32 hexadecimal characters; 64 for a super token). REDCap reads it only from the POST body field `token`, never from a header or the URL. OpenAPI 3.1 has no `in: body` for an API key, so this scheme only names the value you fill in: put the same value in the body’s `token` field. A tool that sends it as this header sends it where REDCap does not look.',
        },
      },
      schemas: { ...schemas, ...ERROR_COMPONENTS },
      examples,
    },
  };
}

function oneSchema(found: JsonSchema[]): JsonSchema {
  const unique = [...new Map(found.map((s) => [JSON.stringify(s), s])).values()];
  return unique.length === 1 ? unique[0]! : { anyOf: unique };
}

function redcapVersion(recording: Recording): string {
  const answer = Object.hasOwn(recording, 'exp_rc_v') ? recording['exp_rc_v'] : undefined;
  return answer?.body ? `REDCap ${answer.body} (as the playground's mock answers)` : 'REDCap';
}
