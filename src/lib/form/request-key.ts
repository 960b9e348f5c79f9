import type { ParamValue, ParamValues } from '../methods/define-method.ts';

/** Where a request goes: the mock project and user, or the live API URL. */
export interface RequestTarget {
  readonly mode: 'mock' | 'live';
  /** `<slug>/<username>` in mock mode, the API URL in live mode. */
  readonly where: string;
  /** Bumped by every reset of the demo data. */
  readonly dataVersion: number;
}

function valueKey(value: ParamValue): unknown {
  if (value === undefined || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return [...(value as readonly string[])];
  const file = value as Exclude<ParamValue, string | boolean | readonly string[] | undefined>;
  // A file is told apart by name, type and size: its bytes are not copied into the key.
  return { file: file.name, type: file.type, size: file.bytes.byteLength };
}

/**
 * A key that changes whenever the request on screen would be a different call: another method,
 * another value, another project or user, or data reset since. An answer belongs to the request
 * on screen only while the keys match.
 */
export function requestKey(methodId: string, values: ParamValues, target: RequestTarget): string {
  const entries = Object.entries(values)
    .filter(
      ([, value]) =>
        value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0),
    )
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => [name, valueKey(value)]);
  return JSON.stringify([methodId, entries, target.mode, target.where, target.dataVersion]);
}
