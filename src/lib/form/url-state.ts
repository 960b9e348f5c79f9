import type { MethodDefinition, ParamValue } from '../methods/define-method.ts';
import { nearest } from '../suggest.ts';
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
  /** Mock links: the demo project and user (`<slug>/<username>`), public demo identities. */
  readonly mock?: string;
}

export interface UrlStateOptions {
  /** `data` can hold patient data: only in the URL when the user asks. */
  readonly includeData?: boolean;
  readonly mode?: 'mock' | 'live';
  /** Written for live mode only: the server the request is meant for. */
  readonly apiUrl?: string;
  /** Written for mock mode only: the chosen demo project and user, `<slug>/<username>`. */
  readonly mock?: string;
}

/**
 * The names of the playground's own entries in the hash: REDCap's parameters never start with
 * an underscore, so they cannot clash.
 */
export const MODE_KEY = '_mode';
export const API_URL_KEY = '_api';
export const MOCK_KEY = '_mock';

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
  } else if (options.mock) search.append(MOCK_KEY, options.mock);
  const query = search.toString();
  return `#/${encodeURIComponent(method.id)}${query ? `?${query}` : ''}`;
}

/** The method id a hash names, decoded; null when the hash names none. */
function hashMethodId(hash: string): { id: string; query: string } | null {
  const m = /^#\/([^?]+)(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  try {
    return { id: decodeURIComponent(m[1]!), query: m[2] ?? '' };
  } catch {
    return null;
  }
}

/**
 * The method id a hash names when the catalog has no such method (`#/create_projekt`), so the
 * page can say so instead of silently showing another method; null otherwise.
 */
export function unknownMethodIn(
  hash: string,
  lookup: (id: string) => MethodDefinition | undefined,
): string | null {
  const named = hashMethodId(hash);
  return named && named.id.trim() && !lookup(named.id) ? named.id : null;
}

/**
 * The request a hash describes, or null when it names no known method. Values of parameters the
 * method does not have are ignored; so is anything named token.
 */
export function fromHash(
  hash: string,
  lookup: (id: string) => MethodDefinition | undefined,
): UrlState | null {
  const named = hashMethodId(hash);
  if (!named) return null;
  const method = lookup(named.id);
  if (!method) return null;
  const search = new URLSearchParams(named.query);
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
  if (search.get(MODE_KEY) !== 'live') {
    const mock = search.get(MOCK_KEY);
    return { methodId: method.id, values, ...(mock ? { mock } : {}) };
  }
  const apiUrl = search.get(API_URL_KEY);
  return { methodId: method.id, values, mode: 'live', ...(apiUrl ? { apiUrl } : {}) };
}

/**
 * The methods nearest to a mistyped id, by their ids and by their labels written as ids
 * (`create_projekt` → Create Project, whose id is `imp_proj`), nearest first, at most `count`.
 */
export function nearestMethods<M extends Pick<MethodDefinition, 'id' | 'label'>>(
  name: string,
  methods: readonly M[],
  count: number,
): M[] {
  const names: string[] = [];
  const owner: M[] = [];
  for (const method of methods) {
    for (const alias of [method.id, method.label.toLowerCase().replace(/[^a-z0-9]+/g, '_')]) {
      names.push(alias);
      owner.push(method);
    }
  }
  const found: M[] = [];
  for (const alias of nearest(
    name.toLowerCase().replace(/[^a-z0-9]+/g, '_'),
    names,
    names.length,
  )) {
    const method = owner[names.indexOf(alias)]!;
    if (!found.includes(method)) found.push(method);
    if (found.length >= count) break;
  }
  return found;
}
