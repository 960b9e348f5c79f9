import {
  COLLECTION_VARIABLES,
  URL_VARIABLE,
  variable,
  type CollectionRequest,
  type Expectation,
} from './requests.ts';

/** Postman collection format v2.1 (https://schema.getpostman.com/json/collection/v2.1.0/). */
export const POSTMAN_SCHEMA =
  'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

interface PostmanBodyField {
  readonly key: string;
  readonly type: 'text' | 'file';
  readonly value?: string;
  readonly src?: string;
  readonly contentType?: string;
}

export interface PostmanRequestItem {
  readonly id: string;
  readonly name: string;
  readonly request: {
    readonly method: 'POST';
    readonly header: readonly { key: string; value: string }[];
    readonly url: string;
    readonly description: string;
    readonly body:
      | { readonly mode: 'urlencoded'; readonly urlencoded: readonly PostmanBodyField[] }
      | { readonly mode: 'formdata'; readonly formdata: readonly PostmanBodyField[] };
  };
  readonly event: readonly {
    readonly listen: 'test';
    readonly script: { readonly type: 'text/javascript'; readonly exec: readonly string[] };
  }[];
}

export interface PostmanFolder {
  readonly name: string;
  readonly item: readonly PostmanRequestItem[];
}

export interface PostmanCollection {
  readonly info: { readonly name: string; readonly description: string; readonly schema: string };
  readonly item: readonly (PostmanFolder | PostmanRequestItem)[];
  readonly variable: readonly { key: string; value: string; type: 'string' }[];
}

/** The test script: the status and the Content-Type the request should get. */
export function postmanTests(expect: Expectation): string[] {
  const lines = [
    `pm.test('status is ${expect.status}', function () {`,
    `  pm.response.to.have.status(${expect.status});`,
    '});',
  ];
  if (expect.contentTypes.length > 0) {
    lines.push(
      `pm.test('Content-Type is ${expect.contentTypes.join(' or ')}', function () {`,
      "  var type = String(pm.response.headers.get('Content-Type') || '');",
      "  type = type.split(';')[0].trim().toLowerCase();",
      `  pm.expect(${JSON.stringify(expect.contentTypes)}).to.include(type);`,
      '});',
    );
  }
  if (expect.namedFile) {
    lines.push(
      "pm.test('a file, named in its Content-Type', function () {",
      "  pm.expect(String(pm.response.headers.get('Content-Type') || '')).to.match(/name=\"[^\"]+\"/);",
      '});',
    );
  }
  return lines;
}

export function postmanItem(request: CollectionRequest): PostmanRequestItem {
  const fields = request.pairs.map((pair): PostmanBodyField =>
    pair.kind === 'text'
      ? { key: pair.key, value: pair.value, type: 'text' }
      : { key: pair.key, type: 'file', src: pair.fileName, contentType: pair.type },
  );
  return {
    id: request.methodId,
    name: request.name,
    request: {
      method: 'POST',
      header: [],
      url: variable(URL_VARIABLE),
      description: request.description,
      body:
        request.bodyKind === 'multipart'
          ? { mode: 'formdata', formdata: fields }
          : { mode: 'urlencoded', urlencoded: fields },
    },
    event: [
      {
        listen: 'test',
        script: { type: 'text/javascript', exec: postmanTests(request.expect) },
      },
    ],
  };
}

const DESCRIPTION = [
  'REDCap API requests from the REDCap API Playground: one request per method, with its example as the body.',
  `Set the collection variables ${COLLECTION_VARIABLES.map((v) => `{{${v}}}`).join(', ')} before sending:`,
  'the API URL ends in /api/ (the playground mock: http://127.0.0.1:8787/api/); a token is never stored here.',
  'Requests marked as writes change the project.',
].join('\n');

/**
 * A Postman v2.1 collection: requests grouped in folders by catalog group (in catalog order),
 * or a flat list when `grouped` is false (a single request).
 */
export function toPostman(
  requests: readonly CollectionRequest[],
  options: { readonly name: string; readonly grouped?: boolean },
): PostmanCollection {
  const items: (PostmanFolder | PostmanRequestItem)[] = [];
  if (options.grouped ?? true) {
    const folders = new Map<string, PostmanRequestItem[]>();
    for (const request of requests) {
      const folder = folders.get(request.group) ?? [];
      folder.push(postmanItem(request));
      folders.set(request.group, folder);
    }
    for (const [name, item] of folders) items.push({ name, item });
  } else {
    items.push(...requests.map(postmanItem));
  }
  return {
    info: { name: options.name, description: DESCRIPTION, schema: POSTMAN_SCHEMA },
    item: items,
    variable: COLLECTION_VARIABLES.map((key) => ({ key, value: '', type: 'string' as const })),
  };
}
