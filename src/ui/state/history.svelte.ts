import type { ParamValue } from '../../lib/methods/define-method.ts';
import { getMethod, type MethodId } from '../../lib/methods/index.ts';
import { describeSchema, initialValues } from '../../lib/form/describe-schema.ts';

/** One request of this session, as History lists it. Never holds a token. */
export interface HistoryEntry {
  readonly id: number;
  readonly at: Date;
  readonly methodId: MethodId;
  readonly values: Readonly<Record<string, ParamValue>>;
  readonly mode: 'mock' | 'live';
  /** Live mode's API URL; '' in mock mode. */
  readonly apiUrl: string;
  /** HTTP status, or null when no answer came (cancelled, network). */
  readonly status: number | null;
  /** "HTTP 200", "Cancelled", "No answer"… */
  readonly outcome: string;
  readonly timeMs: number | null;
}

/** Most entries kept: the oldest go first. */
export const HISTORY_LIMIT = 100;

function valueText(value: ParamValue): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return (value as readonly string[]).join(',');
  if (typeof value === 'string') return value;
  return 'file';
}

/**
 * The parameters worth showing in a list: those that differ from the form's defaults; `data`
 * and files by size only (they can hold patient data).
 */
export function keyParameters(
  methodId: MethodId,
  values: Readonly<Record<string, ParamValue>>,
): string {
  const method = getMethod(methodId);
  const initial = initialValues(method);
  const parts: string[] = [];
  for (const field of describeSchema(method.params)) {
    const value = values[field.name];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
      continue;
    if (valueText(value) === valueText(initial[field.name] ?? '')) continue;
    if (field.type === 'data' && typeof value === 'string')
      parts.push(`${field.name}: ${value.length} characters`);
    else if (field.type === 'file') parts.push(`${field.name}: a file`);
    else {
      const text = valueText(value);
      parts.push(`${field.name}=${text.length > 40 ? `${text.slice(0, 39)}…` : text}`);
    }
  }
  return parts.join(' · ');
}

/**
 * This tab's requests, newest first, in memory only: a reload or another tab starts empty, and
 * nothing reaches any storage (the values may hold patient data; the token is never here).
 */
export class HistoryState {
  entries = $state.raw<readonly HistoryEntry[]>([]);
  #next = 1;

  add(entry: Omit<HistoryEntry, 'id'>): void {
    this.entries = [{ ...entry, id: this.#next++ }, ...this.entries].slice(0, HISTORY_LIMIT);
  }

  clear(): void {
    this.entries = [];
  }
}
