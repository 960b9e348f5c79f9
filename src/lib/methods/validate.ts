import {
  metaOf,
  type FilePart,
  type MethodDefinition,
  type ParamValue,
  type ParamValues,
} from './define-method.ts';
import { checkData } from './check-data.ts';

/** How REDCap will read `data`: the format sent, or xml when none is (§1.6). */
function dataFormat(values: ParamValues): 'json' | 'csv' | 'xml' | null {
  const format = values['format'] ?? 'xml';
  return format === 'json' || format === 'csv' || format === 'xml' ? format : null;
}

/** Params with every "not sent" value removed: undefined, '', and lists of blanks. */
export function cleanParams(params: ParamValues): Record<string, Exclude<ParamValue, undefined>> {
  const out: Record<string, Exclude<ParamValue, undefined>> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      const entries = (value as readonly string[]).map((v) => v.trim()).filter((v) => v !== '');
      if (entries.length > 0) out[name] = entries;
      continue;
    }
    out[name] = value as string | boolean | FilePart;
  }
  return out;
}

export type ValidationResult =
  | { readonly ok: true; readonly params: Record<string, Exclude<ParamValue, undefined>> }
  | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

/**
 * The values that will be sent: cleaned, limited to the method's parameters, and without those
 * that do not apply given the others (csvDelimiter when format is json…).
 */
export function applicableParams(
  method: MethodDefinition,
  params: ParamValues,
): Record<string, Exclude<ParamValue, undefined>> {
  const cleaned = cleanParams(params);
  const out: Record<string, Exclude<ParamValue, undefined>> = {};
  for (const [name, schema] of Object.entries(method.params.shape)) {
    const value = cleaned[name];
    if (value === undefined) continue;
    const relevant = metaOf(schema).relevant;
    if (relevant && !relevant(cleaned)) continue;
    out[name] = value;
  }
  return out;
}

/**
 * Checks params against the method's schema. Errors are keyed by parameter name, one message
 * each, worded as REDCap names things ("records needs at least one entry").
 */
export function validateParams(method: MethodDefinition, params: ParamValues): ValidationResult {
  const known = applicableParams(method, params);
  const result = method.params.safeParse(known);
  const errors: Record<string, string> = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? '');
      if (name && !(name in errors)) errors[name] = issue.message;
    }
  }
  for (const [name, schema] of Object.entries(method.params.shape)) {
    const value = known[name];
    // Only `data` is read in `format`; the other text area, Create Project's odm, is always XML.
    const format = name === 'data' ? dataFormat(known) : 'xml';
    if (errors[name] || typeof value !== 'string' || metaOf(schema).type !== 'data' || !format)
      continue;
    const problem = checkData(format, value, method.id);
    if (problem) errors[name] = problem;
  }
  for (const [name, message] of Object.entries(method.refine?.(known) ?? {})) {
    if (!(name in errors)) errors[name] = message;
  }
  return Object.keys(errors).length === 0 ? { ok: true, params: known } : { ok: false, errors };
}
