import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { bruValue, brunoRequest, toBruno } from '../../../src/lib/collections/bruno.ts';
import {
  POSTMAN_SCHEMA,
  toPostman,
  type PostmanFolder,
} from '../../../src/lib/collections/postman.ts';
import {
  catalogRequests,
  CollectionError,
  collectionRequest,
  type CollectionRequest,
} from '../../../src/lib/collections/requests.ts';
import { METHOD_GROUPS } from '../../../src/lib/methods/define-method.ts';
import { getMethod, METHODS } from '../../../src/lib/methods/index.ts';
import { buildRedcapRequest } from '../../../src/lib/redcap/request.ts';

/**
 * The Postman and Bruno collections, read back: every catalog method once, in its group, with
 * its example's body exactly as buildRedcapRequest encodes it (Bruno's files parsed by Bruno's
 * own parser), the URL and token as variables, and values no collection can carry refused by
 * name. That they run is tests/lib/collections/run.test.ts.
 */

const require = createRequire(import.meta.url);
interface BruPair {
  readonly name: string;
  readonly value: string | readonly string[];
  readonly type?: string;
}
interface BruJson {
  readonly meta: { readonly name: string; readonly seq: string };
  readonly http: { readonly method: string; readonly url: string; readonly body: string };
  readonly body: {
    readonly formUrlEncoded?: readonly BruPair[];
    readonly multipartForm?: readonly BruPair[];
  };
  readonly tests?: string;
}
const { bruToJsonV2 } = require('@usebruno/lang') as { bruToJsonV2: (text: string) => BruJson };

const TOKEN = 'C0FFEE00C0FFEE00C0FFEE00C0FFEE00';
const requests = catalogRequests(METHODS);

/** What the playground sends for the method's first example, the token a variable. */
function expectedPairs(request: CollectionRequest): [string, string][] {
  const method = getMethod(request.methodId)!;
  const token = method.superToken ? '{{redcap_super_token}}' : '{{redcap_token}}';
  const built = buildRedcapRequest(method, method.examples[0]!, { apiUrl: 'x', token });
  return built.body.map(([k, v]) => [k, typeof v === 'string' ? v : `file:${v.name}`]);
}

describe('Postman collection v2.1', () => {
  const collection = toPostman(requests, { name: 'REDCap' });
  const folders = collection.item as readonly PostmanFolder[];

  it('has the v2.1 schema and the URL and tokens as empty collection variables', () => {
    expect(collection.info.schema).toBe(POSTMAN_SCHEMA);
    expect(collection.variable).toEqual([
      { key: 'redcap_url', value: '', type: 'string' },
      { key: 'redcap_token', value: '', type: 'string' },
      { key: 'redcap_super_token', value: '', type: 'string' },
    ]);
  });

  it('holds every method once, in the folder of its group, groups in catalog order', () => {
    expect(folders.map((f) => f.name)).toEqual([...METHOD_GROUPS]);
    const ids = folders.flatMap((f) => f.item.map((i) => i.id));
    expect(ids).toEqual(METHODS.map((m) => m.id));
    for (const folder of folders) {
      for (const item of folder.item) expect(getMethod(item.id)!.group).toBe(folder.name);
    }
  });

  it('sends each example exactly as the playground does, to {{redcap_url}}', () => {
    for (const [i, request] of requests.entries()) {
      const item = folders.flatMap((f) => f.item)[i]!;
      expect(item.request.url).toBe('{{redcap_url}}');
      const body = item.request.body;
      const fields = body.mode === 'urlencoded' ? body.urlencoded : body.formdata;
      expect(body.mode, request.methodId).toBe(
        request.bodyKind === 'multipart' ? 'formdata' : 'urlencoded',
      );
      const pairs = fields.map((f) => [f.key, f.type === 'file' ? `file:${f.src}` : f.value]);
      expect(pairs, request.methodId).toEqual(expectedPairs(request));
    }
  });

  it('asserts the status and the Content-Type in every request', () => {
    for (const item of folders.flatMap((f) => f.item)) {
      const script = item.event[0]!.script.exec.join('\n');
      expect(script, item.id).toContain('pm.response.to.have.status(200)');
      expect(script, item.id).toMatch(/Content-Type/);
    }
    const exp = folders.flatMap((f) => f.item).find((i) => i.id === 'exp_records')!;
    expect(exp.event[0]!.script.exec.join('\n')).toContain('["application/json"]');
  });

  it('is read by the Postman SDK newman runs on, item for item', () => {
    const { Collection } = require('postman-collection') as {
      Collection: new (json: unknown) => {
        forEachItem(
          fn: (item: { name: string; request: { body: { mode: string } } }) => void,
        ): void;
      };
    };
    const names: string[] = [];
    new Collection(collection).forEachItem((item) => names.push(item.name));
    expect(names).toEqual(METHODS.map((m) => m.label));
  });

  it('holds no token: the token pairs are variables', () => {
    const text = JSON.stringify(collection);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toMatch(/"key":\s*"token",\s*"value":\s*"(?!\{\{redcap_(super_)?token\}\})/);
  });
});

describe('Bruno collection', () => {
  const files = toBruno(requests, { name: 'REDCap' });
  const requestFiles = files.filter(
    (f) => f.path.endsWith('.bru') && !f.path.endsWith('folder.bru') && f.path !== 'collection.bru',
  );

  it('has bruno.json, the collection variables, and one folder per group', () => {
    expect(JSON.parse(files.find((f) => f.path === 'bruno.json')!.content)).toMatchObject({
      version: '1',
      type: 'collection',
    });
    const collection = files.find((f) => f.path === 'collection.bru')!.content;
    expect(collection).toMatch(
      /vars:pre-request \{\n {2}redcap_url: \n {2}redcap_token: \n {2}redcap_super_token: \n\}/,
    );
    const folders = files.filter((f) => f.path.endsWith('/folder.bru'));
    expect(folders.map((f) => bruToJsonV2(f.content).meta.name)).toEqual([...METHOD_GROUPS]);
  });

  it('holds every method once, and Bruno reads back each example exactly', () => {
    expect(requestFiles.map((f) => f.path.replace(/^.*\/|\.bru$/g, ''))).toEqual(
      METHODS.map((m) => m.id),
    );
    for (const [i, request] of requests.entries()) {
      const parsed = bruToJsonV2(requestFiles[i]!.content);
      expect(parsed.meta.name).toBe(request.name);
      expect(parsed.http).toMatchObject({ method: 'post', url: '{{redcap_url}}' });
      const pairs = (parsed.body.formUrlEncoded ?? parsed.body.multipartForm ?? []).map((p) => [
        p.name,
        p.type === 'file' ? `file:${String(p.value)}` : p.value,
      ]);
      // Bru trims values: the one example that ends in a line break loses it (and says so).
      const expected = expectedPairs(request).map(([k, v]) => [k, v.replace(/\n+$/, '')]);
      expect(pairs, request.methodId).toEqual(expected);
      expect(parsed.tests, request.methodId).toContain('expect(res.getStatus()).to.equal(200)');
    }
  });

  it('says where it dropped a trailing line break', () => {
    const csv = collectionRequest(getMethod('imp_records'), getMethod('imp_records').examples[1]!);
    expect(brunoRequest(csv, 1)).toContain('dropped from data');
    expect(
      brunoRequest(
        requests.find((r) => r.methodId === 'exp_records')!,
        1,
      ),
    ).not.toContain('dropped');
  });

  it('holds no token', () => {
    expect(files.map((f) => f.content).join('\n')).not.toContain(TOKEN);
  });
});

describe('values a collection cannot carry', () => {
  it('refuses, by parameter, what Bruno would change, and keeps what it can', () => {
    expect(bruValue('data', 'a\nb')).toEqual({ text: "'''\n  a\n  b\n'''", trimmed: false });
    expect(bruValue('data', 'a\n\n')).toEqual({ text: 'a', trimmed: true });
    expect(() => bruValue('filterLogic', ' [age] > 3')).toThrow(/filterLogic: Bruno trims/);
    expect(() => bruValue('data', 'a\r\nb')).toThrow(CollectionError);
    expect(() => bruValue('data', "x'''y")).toThrow(/data: a carriage return or '''/);
  });

  it('Bruno reads back every value it accepts', () => {
    const samples = [
      '[age] > 30',
      'a: b',
      '{"a":"}"}',
      'x\n  indented\ny',
      '  \ttab'.trim(),
      'ü 🙂',
    ];
    for (const value of samples) {
      const request = collectionRequest(getMethod('exp_records'), { filterLogic: '[age] > 30' });
      const withValue: CollectionRequest = {
        ...request,
        pairs: [{ kind: 'text', key: 'data', value }],
      };
      const parsed = bruToJsonV2(brunoRequest(withValue, 1));
      expect(parsed.body.formUrlEncoded![0]!.value, JSON.stringify(value)).toBe(value);
    }
  });

  it('refuses a {{variable}} in a value, which both runners would replace', () => {
    const method = getMethod('imp_records');
    expect(() =>
      collectionRequest(method, { ...method.examples[0]!, data: '[{"record_id":"{{id}}"}]' }),
    ).toThrow(/data: \{\{…\}\} marks a variable/);
    // JSON's own closing braces are not variables.
    expect(() =>
      collectionRequest(method, { ...method.examples[0]!, data: '[{"a":{"b":"1"}}]' }),
    ).not.toThrow();
  });

  it('refuses a file name or a text part Bruno would misread', () => {
    const method = getMethod('imp_file');
    const example = method.examples[0]!;
    const file = example['file'] as { kind: 'file'; name: string; type: string; bytes: Uint8Array };
    const odd = collectionRequest(method, { ...example, file: { ...file, name: 'a(1).pdf' } });
    expect(() => brunoRequest(odd, 1)).toThrow(/file: the file name "a\(1\)\.pdf"/);
    const at = collectionRequest(method, { ...example, record: '@file(x)' });
    expect(() => brunoRequest(at, 1)).toThrow(/record: Bruno would read this value as a file/);
  });
});
