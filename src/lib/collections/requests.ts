import type { FilePart, MethodDefinition, ParamValues } from '../methods/define-method.ts';
import { buildRedcapRequest, TOKEN_FIELD } from '../redcap/request.ts';
import { responseShape } from '../snippets/index.ts';

/**
 * One REDCap call as a collection (Postman, Bruno) holds it: the body pairs exactly as the
 * playground sends them (`buildRedcapRequest`: array keys `records[0]`, booleans as REDCap reads
 * them), the URL and token as collection variables, never values, and what a run should get.
 */

/** The collection variables: the API URL and the tokens are filled in by the user, never here. */
export const URL_VARIABLE = 'redcap_url';
export const TOKEN_VARIABLE = 'redcap_token';
/** Create Project only: a 64-character super token (an administrator grants it). */
export const SUPER_TOKEN_VARIABLE = 'redcap_super_token';
export const COLLECTION_VARIABLES = [URL_VARIABLE, TOKEN_VARIABLE, SUPER_TOKEN_VARIABLE] as const;

export const variable = (name: string): string => `{{${name}}}`;

export type CollectionPair =
  | { readonly kind: 'text'; readonly key: string; readonly value: string }
  /** A file part: sent from a local file of this name (the user points it at theirs). */
  | {
      readonly kind: 'file';
      readonly key: string;
      readonly fileName: string;
      readonly type: string;
    };

/** The media types a successful answer may have, lower case, without parameters. */
export interface Expectation {
  readonly status: number;
  /** One of these media types; empty when the answer is a file of any type. */
  readonly contentTypes: readonly string[];
  /** A file download: REDCap names the file in its Content-Type (`; name="…"`). */
  readonly namedFile: boolean;
}

export interface CollectionRequest {
  readonly methodId: string;
  readonly name: string;
  readonly group: string;
  readonly description: string;
  readonly destructive: boolean;
  readonly bodyKind: 'urlencoded' | 'multipart';
  readonly pairs: readonly CollectionPair[];
  readonly expect: Expectation;
}

/** A request a collection cannot carry as it is: the message says which parameter and why. */
export class CollectionError extends Error {
  override readonly name = 'CollectionError';
}

const MEDIA_TYPES = {
  json: 'application/json',
  csv: 'text/csv',
  xml: 'text/xml',
} as const;

/**
 * Answers whose type the response kind does not say (redcap-api.md §1.6, mocks/README.md):
 * Export Project XML is always XML; Export PDF comes as `application/pdf`, or `text/html` on the
 * versions REDCapR captured.
 */
const FIXED_TYPES = new Map<string, readonly string[]>([
  ['exp_proj_xml', ['text/xml']],
  ['exp_instr_pdf', ['application/pdf', 'text/html']],
]);

function expectation(method: MethodDefinition, shape: ReturnType<typeof responseShape>) {
  const fixed = FIXED_TYPES.get(method.id);
  if (fixed) return { status: 200, contentTypes: fixed, namedFile: false };
  if (shape.kind === 'file') return { status: 200, contentTypes: [], namedFile: true };
  // Text answers (a token, a link, a count) come in returnFormat's Content-Type (§1.6).
  const format = shape.kind === 'format' && shape.format ? shape.format : shape.errorFormat;
  return { status: 200, contentTypes: [MEDIA_TYPES[format]], namedFile: false };
}

/** A variable reference: both runners replace `{{name}}` in bodies with the variable's value. */
const VARIABLE_SYNTAX = /\{\{[^{}]*\}\}/;

/**
 * The method's request with the given values (an example, or what the user typed), the token
 * a collection variable. The values are assumed valid (validateParams); the token is never read
 * from anywhere, so no export can carry one.
 */
export function collectionRequest(
  method: MethodDefinition,
  params: ParamValues,
): CollectionRequest {
  const tokenVariable = method.superToken ? SUPER_TOKEN_VARIABLE : TOKEN_VARIABLE;
  const request = buildRedcapRequest(method, params, {
    apiUrl: variable(URL_VARIABLE),
    token: variable(tokenVariable),
  });
  const pairs = request.body.map(([key, value]): CollectionPair => {
    if (typeof value !== 'string') {
      return {
        kind: 'file',
        key,
        fileName: value.name,
        type: value.type || 'application/octet-stream',
      };
    }
    if (key !== TOKEN_FIELD && VARIABLE_SYNTAX.test(value)) {
      throw new CollectionError(
        `${key}: {{…}} marks a variable in Postman and Bruno, which would replace it; this value cannot travel in a collection as it is.`,
      );
    }
    return { kind: 'text', key, value };
  });
  return {
    methodId: method.id,
    name: method.label,
    group: method.group,
    description: method.description,
    destructive: method.destructive,
    bodyKind: request.bodyKind,
    pairs,
    expect: expectation(method, responseShape(request)),
  };
}

/** Each method's first example, in catalog order: what the downloadable collections hold. */
export function catalogRequests(methods: readonly MethodDefinition[]): CollectionRequest[] {
  return methods.map((method) => {
    const example = method.examples[0];
    if (!example) throw new CollectionError(`${method.id} has no example to put in a collection`);
    return collectionRequest(method, example);
  });
}

/** The media type of a Content-Type header: lower case, without parameters. */
export function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** The files the examples upload, by name (newman's --working-dir, Bruno's collection folder). */
export function exampleFiles(methods: readonly MethodDefinition[]): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const method of methods) {
    for (const value of Object.values(method.examples[0] ?? {})) {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const part = value as FilePart;
        if (part.kind === 'file') files.set(part.name, part.bytes);
      }
    }
  }
  return files;
}
