import { ALICE_TOKEN } from '../../../mocks/fixtures/index.ts';
import type { ParamValues } from '../../../src/lib/methods/define-method.ts';
import { getMethod, type MethodId } from '../../../src/lib/methods/index.ts';
import { encodeBody } from '../../../src/lib/redcap/encode.ts';
import { buildRedcapRequest } from '../../../src/lib/redcap/request.ts';

/** Where a conformance run sends its requests: msw/node, or the real `mock:server`. */
export interface Target {
  readonly apiUrl: () => string;
}

export interface Reply {
  readonly status: number;
  readonly contentType: string | null;
  readonly headers: Headers;
  readonly text: string;
  readonly bytes: Uint8Array;
}

/** Hand-written from redcap-api.md §1.6 and §1.8. */
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" ?>';
export const CT = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
} as const;
export const NO_PERMISSION = 'You do not have permissions to use the API';
export const DEFAULT_400 =
  'There were errors with your request. If you are sending data, then it might be due to the data being misformatted.';

async function reply(response: Response): Promise<Reply> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    headers: response.headers,
    text: new TextDecoder().decode(bytes),
    bytes,
  };
}

export function client(target: Target) {
  /** A catalog method, built and encoded by the spine exactly as the app sends it. */
  async function call(id: MethodId, params: ParamValues, token = ALICE_TOKEN): Promise<Reply> {
    const request = buildRedcapRequest(getMethod(id), params, { apiUrl: target.apiUrl(), token });
    const { body, contentType } = encodeBody(request);
    return reply(
      await fetch(request.url, {
        method: request.method,
        body,
        headers: contentType ? { 'content-type': contentType } : {},
      }),
    );
  }

  /** Hand-made urlencoded pairs (for what the catalog would never send). */
  async function form(pairs: readonly (readonly [string, string])[]): Promise<Reply> {
    return reply(
      await fetch(target.apiUrl(), {
        method: 'POST',
        body: new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
  }

  /** Hand-made multipart fields and files (a file part's name is the form field's name). */
  async function multipart(
    pairs: readonly (readonly [string, string])[],
    files: readonly (readonly [string, string, string, Uint8Array])[] = [],
  ): Promise<Reply> {
    const body = new FormData();
    for (const [k, v] of pairs) body.append(k, v);
    for (const [field, name, type, bytes] of files) {
      body.append(field, new Blob([bytes as BlobPart], { type }), name);
    }
    return reply(await fetch(target.apiUrl(), { method: 'POST', body }));
  }

  async function raw(init: RequestInit, query = ''): Promise<Reply> {
    return reply(await fetch(`${target.apiUrl()}${query}`, init));
  }

  /** A successful JSON export, parsed. */
  async function json<T = Record<string, string>[]>(id: MethodId, params: ParamValues) {
    const r = await call(id, { format: 'json', returnFormat: 'json', ...params });
    if (r.status !== 200) throw new Error(`${id}: HTTP ${r.status} ${r.text}`);
    return JSON.parse(r.text) as T;
  }

  return { call, form, multipart, raw, json };
}

export type Client = ReturnType<typeof client>;
