import type { MethodDefinition, ParamValue } from '../methods/define-method.ts';
import { describeSchema } from './describe-schema.ts';

/**
 * What a URL can carry of a request: the method and its parameters, and in live mode the API
 * URL; never the token.
 */
export interface UrlState {
  readonly methodId: string;
  readonly values: Record<string, ParamValue>;
  /** Only for live links: mock is the default. */
  readonly mode?: 'live';
  readonly apiUrl?: string;
}

export interface UrlStateOptions {
  /** `data` can hold patient data: only in the URL when the user asks. */
  readonly includeData?: boolean;
  readonly mode?: 'mock' | 'live';
  /** Written for live mode only: the server the request is meant for. */
  readonly apiUrl?: string;
}

/**
 * The names of the playground's own entries in the hash: REDCap's parameters never start with
 * an underscore, so they cannot clash.
 */
export const MODE_KEY = '_mode';
export const API_URL_KEY = '_api';

/**
 * The hash for a request: `#/<method id>?name=value&…`. Lists repeat their name, booleans are
 * true/false. Files are never included; `data` only when asked.
 */
export function toHash(
  method: MethodDefinition,
  values: Readonly<Record<string, ParamValue>>,
  options: UrlStateOptions = {},
): string {
  const search = new URLSearchParams();
  for (const field of describeSchema(method.params)) {
    const value = values[field.name];
    if (value === undefined || field.type === 'file') continue;
    if (field.type === 'data' && !options.includeData) continue;
    if (typeof value === 'boolean') search.append(field.name, String(value));
    else if (Array.isArray(value)) {
      for (const item of value as readonly string[]) search.append(field.name, item);
    } else if (typeof value === 'string') search.append(field.name, value);
  }
  if (options.mode === 'live') {
    search.append(MODE_KEY, 'live');
    if (options.apiUrl) search.append(API_URL_KEY, options.apiUrl);
  }
  const query = search.toString();
  return `#/${encodeURIComponent(method.id)}${query ? `?${query}` : ''}`;
}

/**
 * The request a hash describes, or null when it names no known method. Values of parameters the
 * method does not have are ignored; so is anything named token.
 */
export function fromHash(
  hash: string,
  lookup: (id: string) => MethodDefinition | undefined,
): UrlState | null {
  const m = /^#\/([^?]+)(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  let id: string;
  try {
    id = decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
  const method = lookup(id);
  if (!method) return null;
  const search = new URLSearchParams(m[2] ?? '');
  const values: Record<string, ParamValue> = {};
  for (const field of describeSchema(method.params)) {
    if (field.type === 'file') continue;
    const all = search.getAll(field.name);
    if (all.length === 0) continue;
    if (field.type === 'array') values[field.name] = all;
    else if (field.type === 'boolean') {
      if (all[0] === 'true' || all[0] === 'false') values[field.name] = all[0] === 'true';
    } else values[field.name] = all[0]!;
  }
  if (search.get(MODE_KEY) !== 'live') return { methodId: method.id, values };
  const apiUrl = search.get(API_URL_KEY);
  return { methodId: method.id, values, mode: 'live', ...(apiUrl ? { apiUrl } : {}) };
}
