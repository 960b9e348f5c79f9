import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { validate } from '@scalar/openapi-parser';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { recordExchanges, TOKEN_MASK } from '../../../src/cli/openapi-record.ts';
import {
  attachMeta,
  defineMethod,
  metaOf,
  type FilePart,
  type MethodDefinition,
  type ParamValue,
  type ParamValues,
} from '../../../src/lib/methods/define-method.ts';
import { METHODS } from '../../../src/lib/methods/index.ts';
import { validateParams } from '../../../src/lib/methods/validate.ts';
import { buildOpenApi, type OpenApiDocument } from '../../../src/lib/openapi/document.ts';
import { OpenApiError } from '../../../src/lib/openapi/request-schema.ts';
import RECORDING from '../../../src/lib/openapi/recording.json' with { type: 'json' };
import type { Recording } from '../../../src/lib/openapi/exchanges.ts';
import { foldPhpPairs } from '../../../src/lib/redcap/decode.ts';
import { buildRedcapRequest, TOKEN_FIELD } from '../../../src/lib/redcap/request.ts';
import { ALICE_SUPER_TOKEN, FIXTURE_TOKENS } from '../../../mocks/fixtures/index.ts';

/**
 * The OpenAPI document (issue #25 item 1): valid for a well-kept validator, every catalog method
 * in it exactly once, its requests the ones the playground sends, its answers the mock's, and
 * never a token.
 */

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
type Json = Record<string, unknown>;
const recording = RECORDING as Recording;
const doc = buildOpenApi(METHODS, recording) as Json;
const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], value);
const components = (kind: string) => at(doc, 'components', kind) as Json;
const body = (mediaType: string) =>
  at(doc, 'paths', '/api/', 'post', 'requestBody', 'content', mediaType) as Json;
const refs = (list: unknown) => (list as { $ref: string }[]).map((r) => r.$ref.split('/').pop()!);

/** A 32-hex project token for the round trip: any well-formed one, never a fixture's. */
const SOME_TOKEN = 'ABCDEF0123456789ABCDEF0123456789';
const SOME_SUPER_TOKEN = SOME_TOKEN.repeat(2);

function fileText(part: FilePart): string {
  return new TextDecoder().decode(part.bytes);
}

/** A request as the form fields it sends (a file as its text), what the schemas describe. */
function sentFields(method: MethodDefinition, example: ParamValues | undefined = {}): Json {
  const token = method.superToken ? SOME_SUPER_TOKEN : SOME_TOKEN;
  const request = buildRedcapRequest(method, example, { apiUrl: 'https://r.test/api/', token });
  return Object.fromEntries(
    request.body.map(([name, value]) => [
      name,
      typeof value === 'string' ? value : fileText(value),
    ]),
  );
}

const converted = new Map<string, z.ZodType>();
/** A schema of the document as a zod validator, converted once (55 × 55 checks below). */
function schemaOf(name: string): z.ZodType {
  let schema = converted.get(name);
  if (!schema) {
    schema = z.fromJSONSchema(components('schemas')[name] as z.core.JSONSchema.JSONSchema);
    converted.set(name, schema);
  }
  return schema;
}

// Under a loaded machine's full run, seconds: the validator and 55 × 55 schema checks.
describe('the OpenAPI document', { timeout: 30_000 }, () => {
  it('passes the OpenAPI 3.1 validator with no errors', async () => {
    const result = await validate(doc);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc['openapi']).toBe('3.1.0');
  });

  it('is refused by the validator when broken (a dangling $ref), so the test above can fail', async () => {
    const broken = structuredClone(doc);
    (
      at(
        broken,
        'paths',
        '/api/',
        'post',
        'requestBody',
        'content',
        'multipart/form-data',
        'schema',
      ) as Json
    )['oneOf'] = [{ $ref: '#/components/schemas/no_such_method' }];
    expect((await validate(broken)).valid).toBe(false);
    const wrongType = structuredClone(doc);
    (wrongType['info'] as Json)['title'] = 42;
    expect((await validate(wrongType)).valid).toBe(false);
  });

  it('has one path, POST /api/, as REDCap answers, and no query string', () => {
    expect(Object.keys(doc['paths'] as Json)).toEqual(['/api/']);
    expect(Object.keys(at(doc, 'paths', '/api/') as Json)).toEqual(['post']);
    expect(at(doc, 'paths', '/api/', 'post', 'parameters')).toBeUndefined();
  });

  it('has every catalog method exactly once as a schema and once as an example', () => {
    const ids = METHODS.map((m) => m.id);
    const tagged = Object.values(components('schemas')).map((s) => (s as Json)['x-redcap-method']);
    expect(tagged.filter(Boolean).sort()).toEqual([...ids].sort());
    for (const method of METHODS) {
      expect((components('schemas')[method.id] as Json)['title']).toBe(
        `${method.label} (${method.id})`,
      );
      expect((components('examples')[method.id] as Json)['summary']).toBe(
        `${method.label} (${method.id})`,
      );
    }
    const multipart = body('multipart/form-data');
    expect(refs((multipart['schema'] as Json)['oneOf'])).toEqual(ids);
    expect(Object.keys(multipart['examples'] as Json)).toEqual(ids);
    // A file travels only in multipart: the two uploads are not urlencoded.
    const urlencoded = body('application/x-www-form-urlencoded');
    const uploads = ['imp_file', 'imp_file_repo'];
    expect(refs((urlencoded['schema'] as Json)['oneOf'])).toEqual(
      ids.filter((id) => !uploads.includes(id)),
    );
    expect(Object.keys(urlencoded['examples'] as Json)).toEqual(
      ids.filter((id) => !uploads.includes(id)),
    );
  });

  it('keeps the descriptions, defaults, enums and ranges of the zod schemas', () => {
    const props = (id: string) => (components('schemas')[id] as Json)['properties'] as Json;
    const format = props('exp_records')['format'] as Json;
    expect(format).toMatchObject({ type: 'string', enum: ['json', 'csv', 'xml'], default: 'xml' });
    expect(format['description']).toContain('The format of the response body.');
    expect(props('exp_records')['exportCheckboxLabel']).toMatchObject({
      enum: ['true', 'false'],
      default: 'false',
    });
    expect(props('del_records')['delete_logging']).toMatchObject({ enum: ['1', '0'] });
    expect(props('del_records')['repeat_instance']).toMatchObject({
      pattern: '^\\d+$',
      default: '1',
      'x-minimum': 1,
      'x-maximum': 32767,
    });
    expect((props('del_records')['repeat_instance'] as Json)['description']).toContain(
      'from 1 to 32767',
    );
    expect(props('del_records')['records[0]']).toMatchObject({ type: 'string' });
    expect((components('schemas')['del_records'] as Json)['required']).toContain('records[0]');
    expect(props('imp_file')['file']).toMatchObject({ type: 'string', format: 'binary' });
    expect(props('exp_records')['content']).toEqual({ type: 'string', const: 'record' });
  });

  it('round trip: every example, as buildRedcapRequest sends it, is valid for its method’s schema and for no other', () => {
    const schemas = new Map<string, z.ZodType>(METHODS.map((m) => [m.id, schemaOf(m.id)]));
    for (const method of METHODS) {
      for (const example of method.examples) {
        const fields = sentFields(method, example);
        const matches = [...schemas]
          .filter(([, s]) => s.safeParse(fields).success)
          .map(([id]) => id);
        expect(matches, `${method.id} ${JSON.stringify(example).slice(0, 80)}`).toEqual([
          method.id,
        ]);
      }
    }
  });

  it('drifts from the catalog → the round trip fails (a parameter the document does not know)', () => {
    const fields = sentFields(METHODS[0], METHODS[0].examples[0]);
    expect(schemaOf(METHODS[0].id).safeParse({ ...fields, notAParam: '1' }).success).toBe(false);
    expect(schemaOf(METHODS[0].id).safeParse({ ...fields, content: 'event' }).success).toBe(false);
    expect(schemaOf(METHODS[0].id).safeParse({ ...fields, token: 'abc' }).success).toBe(false);
  });

  it('gives each method an example body that its zod schema accepts, read back as REDCap reads it', () => {
    for (const method of METHODS) {
      const value = (components('examples')[method.id] as Json)['value'] as Record<string, string>;
      expect(Object.keys(value)).not.toContain(TOKEN_FIELD);
      expect(value['content']).toBe(method.content);
      // What OpenAPI tools check: the named example fits its method's schema, and only that one.
      const fits = METHODS.filter((m) => schemaOf(m.id).safeParse(value).success).map((m) => m.id);
      expect(fits, method.id).toEqual([method.id]);
      const fields = foldPhpPairs(Object.entries(value));
      const params: Record<string, ParamValue> = {};
      for (const [name, schema] of Object.entries(method.params.shape)) {
        const field = fields[name];
        if (field === undefined) continue;
        const meta = metaOf(schema);
        if (meta.type === 'boolean') params[name] = field === (meta.booleanWire ?? ['true'])[0];
        else if (meta.type === 'file') {
          params[name] = {
            kind: 'file',
            name: 'example',
            type: 'application/octet-stream',
            bytes: new TextEncoder().encode(String(field)),
          };
        } else params[name] = field;
      }
      const result = validateParams(method, params);
      expect(result, method.id).toMatchObject({ ok: true });
    }
  });

  it('never holds a token: no fixture token, no 32- or 64-hex value, the token field writeOnly', () => {
    const text = JSON.stringify(doc);
    for (const { token } of FIXTURE_TOKENS) expect(text).not.toContain(token);
    expect(text).not.toContain(ALICE_SUPER_TOKEN);
    expect(text).not.toMatch(/(?<![0-9A-Fa-f])[0-9A-Fa-f]{32}(?![0-9A-Fa-f])/);
    for (const method of METHODS) {
      const token = ((components('schemas')[method.id] as Json)['properties'] as Json)[
        'token'
      ] as Json;
      expect(token).toMatchObject({ type: 'string', writeOnly: true, format: 'password' });
      expect(token).not.toHaveProperty('example');
      expect(token).not.toHaveProperty('default');
    }
    expect(components('securitySchemes')['redcapToken']).toMatchObject({ type: 'apiKey' });
    expect(doc['security']).toEqual([{ redcapToken: [] }]);
  });

  it('answers as the mock does: JSON, CSV and XML at 200, REDCap’s error shapes at 400 and 403, the web server’s page at 404', () => {
    const responses = at(doc, 'paths', '/api/', 'post', 'responses') as Json;
    expect(Object.keys(responses)).toEqual(['200', '400', '403', '404']);
    const ok = at(responses, '200', 'content') as Json;
    for (const type of ['application/json', 'text/csv', 'text/xml'])
      expect(ok).toHaveProperty([type]);
    const exampleOf = (name: string) => (components('examples')[name] as Json)['value'];
    expect(exampleOf('answer.exp_arms')).toEqual([
      { arm_num: 1, name: 'Drug A' },
      { arm_num: 2, name: 'Drug B' },
    ]);
    expect(exampleOf('answer.exp_arms_csv')).toBe('arm_num,name\n1,"Drug A"\n2,"Drug B"\n');
    expect(String(exampleOf('answer.exp_arms_xml'))).toMatch(
      /^<\?xml[\s\S]*<records>[\s\S]*<\/records>$/,
    );
    for (const code of ['400', '403']) {
      const content = at(responses, code, 'content') as Json;
      expect(Object.keys(content).sort()).toEqual(['application/json', 'text/csv', 'text/xml']);
      for (const [type, media] of Object.entries(content)) {
        for (const example of Object.values((media as Json)['examples'] as Json)) {
          const value = exampleOf(refs([example])[0]!);
          if (type === 'application/json') expect(Object.keys(value as Json)).toEqual(['error']);
          if (type === 'text/csv') expect(value).toMatch(/^ERROR: /);
          if (type === 'text/xml') expect(value).toMatch(/<hash><error>.+<\/error><\/hash>$/);
        }
      }
    }
    expect(exampleOf('answer.shared_403_unknown_token_json')).toEqual({
      error: 'You do not have permissions to use the API',
    });
    expect(exampleOf('answer.exp_reports_400')).toEqual({
      error: "The parameter 'report_id' is missing",
    });
    expect(Object.keys(at(responses, '404', 'content') as Json)).toEqual(['text/html']);
  });

  it('learns each JSON answer’s schema from the mock, and the answer fits it', () => {
    const anyOf = at(
      doc,
      'paths',
      '/api/',
      'post',
      'responses',
      '200',
      'content',
      'application/json',
      'schema',
    ) as Json;
    expect(JSON.stringify(anyOf)).toContain('exp_records.response');
    const schema = schemaOf('exp_records.response');
    expect(
      schema.safeParse((components('examples')['answer.exp_records'] as Json)['value']).success,
    ).toBe(true);
    expect(schema.safeParse([{ record_id: 1 }]).success).toBe(false);
    // Every JSON example fits its media type's schema, as OpenAPI tools check (Redocly's
    // no-invalid-media-type-examples).
    const responses = at(doc, 'paths', '/api/', 'post', 'responses') as Json;
    let checked = 0;
    for (const response of Object.values(responses)) {
      const json = at(response, 'content', 'application/json') as Json | undefined;
      if (!json) continue;
      // zod resolves $defs, not OpenAPI's components: the same schemas, moved there.
      const moved = JSON.stringify({ ...(json['schema'] as Json), $defs: components('schemas') });
      const fits = z.fromJSONSchema(
        JSON.parse(
          moved.replaceAll('#/components/schemas/', '#/$defs/'),
        ) as z.core.JSONSchema.JSONSchema,
      );
      for (const example of Object.values(json['examples'] as Json)) {
        const value = (components('examples')[refs([example])[0]!] as Json)['value'];
        expect(fits.safeParse(value).success, JSON.stringify(value).slice(0, 80)).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(METHODS.length);
  });

  it('describes one method alone ("this method as OpenAPI"), still valid', async () => {
    const one = buildOpenApi([METHODS.find((m) => m.id === 'exp_records')!], recording) as Json;
    expect((await validate(one)).valid).toBe(true);
    expect(
      refs(
        at(
          one,
          'paths',
          '/api/',
          'post',
          'requestBody',
          'content',
          'multipart/form-data',
          'schema',
          'oneOf',
        ),
      ),
    ).toEqual(['exp_records']);
    expect(at(one, 'paths', '/api/', 'post', 'summary')).toBe('Export Records (exp_records)');
  });
});

describe('the generator on a method it cannot describe', () => {
  const base = {
    id: 'exp_broken',
    group: 'Records',
    label: 'Broken',
    description: 'A parameter kind with no JSON Schema.',
    content: 'record',
    action: 'export',
    sendsData: false,
    destructive: false,
    superToken: false,
    response: { kind: 'format', shape: '' },
  } as const;

  it('fails by name on a parameter with no JSON Schema (never left out in silence)', () => {
    // A text parameter whose schema zod cannot write as JSON Schema.
    const odd = attachMeta(
      zm.custom<string>((v) => typeof v === 'string'),
      { type: 'text', label: '', help: 'odd' },
    );
    const broken = defineMethod({ ...base, params: zm.object({ odd }), examples: [{}] });
    expect(() => buildOpenApi([broken as MethodDefinition], recording)).toThrow(OpenApiError);
    expect(() => buildOpenApi([broken as MethodDefinition], recording)).toThrow(
      /exp_broken: parameter "odd" \(text\) has no JSON Schema/,
    );
  });

  it('fails by name on a method without an example', () => {
    const method = defineMethod({ ...base, params: zm.object({}), examples: [] });
    expect(() => buildOpenApi([method as MethodDefinition], recording)).toThrow(/exp_broken/);
  });
});

// Each records 138 calls to a fresh mock, the last in a Node of its own: seconds on a loaded machine.
describe('the recording the page ships', { timeout: 60_000 }, () => {
  it('is what the mock answers today (else: npm run -s catalog -- --openapi-recording > src/lib/openapi/recording.json)', async () => {
    const fresh = await recordExchanges(METHODS);
    expect(fresh).toEqual(recording);
  });

  it('masks a token the mock answers (Create Project’s new token)', () => {
    expect(recording['imp_proj']?.body).toBe(TOKEN_MASK);
  });

  it('gives the page the same document as npm run -s catalog -- --openapi prints', async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['src/cli/catalog.ts', '--openapi'],
        { cwd: ROOT, maxBuffer: 64 << 20 },
        (error, out) => (error ? reject(error) : resolve(out)),
      ),
    );
    expect(JSON.parse(stdout) as OpenApiDocument).toEqual(doc);
  });
});
