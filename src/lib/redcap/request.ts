import type {
  FilePart,
  MethodDefinition,
  ParamMeta,
  ParamValue,
  ParamValues,
} from '../methods/define-method.ts';
import { metaOf } from '../methods/define-method.ts';
import { applicableParams } from '../methods/applicable.ts';
import { normalizeApiUrl, type Connection } from './connection.ts';

export type { FilePart } from '../methods/define-method.ts';
export type BodyValue = string | FilePart;
export type BodyPair = readonly [name: string, value: BodyValue];

/**
 * One REDCap API call, fully encoded: the only thing executors, snippet targets and the mock
 * consume. Array keys are already flattened (`records[0]=1`).
 */
export interface RedcapRequest {
  readonly methodId: string;
  readonly url: string;
  readonly method: 'POST';
  readonly bodyKind: 'urlencoded' | 'multipart';
  readonly body: readonly BodyPair[];
}

export const TOKEN_FIELD = 'token';

function encodeParam(name: string, value: Exclude<ParamValue, undefined>, meta: ParamMeta) {
  const pairs: BodyPair[] = [];
  if (typeof value === 'boolean') {
    const [yes, no] = meta.booleanWire ?? ['true', 'false'];
    pairs.push([name, value ? yes : no]);
  } else if (Array.isArray(value)) {
    // PHP bracket syntax: the server reads records[0]=…&records[1]=… as an array (§1.4).
    (value as readonly string[]).forEach((item, i) => pairs.push([`${name}[${i}]`, item]));
  } else if (typeof value === 'string') {
    pairs.push([name, value]);
  } else {
    pairs.push([name, value as FilePart]);
  }
  return pairs;
}

/**
 * The one request builder. Params are assumed valid (see validateParams); empty values and
 * parameters that do not apply are left out, and parameters go in the method's own order after
 * token, content and action.
 */
export function buildRedcapRequest(
  method: MethodDefinition,
  params: ParamValues,
  connection: Connection,
): RedcapRequest {
  const cleaned = applicableParams(method, params);
  const body: BodyPair[] = [
    [TOKEN_FIELD, connection.token],
    ['content', method.content],
  ];
  if (method.action !== null) body.push(['action', method.action]);
  for (const [name, schema] of Object.entries(method.params.shape)) {
    const value = cleaned[name];
    if (value === undefined) continue;
    body.push(...encodeParam(name, value, metaOf(schema)));
  }
  const multipart = body.some(([, v]) => typeof v !== 'string');
  return {
    methodId: method.id,
    url: normalizeApiUrl(connection.apiUrl),
    method: 'POST',
    bodyKind: multipart ? 'multipart' : 'urlencoded',
    body,
  };
}

export const REDACTED_TOKEN = '[REDACTED]';

/** The request with its token replaced: what snippets, history, links and logs see by default. */
export function redactToken(request: RedcapRequest, replacement = REDACTED_TOKEN): RedcapRequest {
  return {
    ...request,
    body: request.body.map(([name, value]) =>
      name === TOKEN_FIELD ? ([name, replacement] as const) : ([name, value] as const),
    ),
  };
}

/** A string value of the body, for the first pair with that name. */
export function bodyValue(request: RedcapRequest, name: string): string | undefined {
  const pair = request.body.find(([n]) => n === name);
  return pair && typeof pair[1] === 'string' ? pair[1] : undefined;
}
