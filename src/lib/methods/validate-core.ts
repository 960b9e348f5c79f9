import { applicableParams } from './applicable.ts';
import type { DataFormat } from './check-data.ts';
import {
  metaOf,
  type MethodDefinition,
  type ParamValue,
  type ParamValues,
} from './define-method.ts';

/** Checks `data` text in its format (check-data.ts's checkData); null when it reads. */
export type CheckData = (format: DataFormat, text: string, methodId: string) => string | null;

/** How REDCap will read `data`: the format sent, or xml when none is (§1.6). */
function dataFormat(values: ParamValues): 'json' | 'csv' | 'xml' | null {
  const format = values['format'] ?? 'xml';
  return format === 'json' || format === 'csv' || format === 'xml' ? format : null;
}

export type ValidationResult =
  | { readonly ok: true; readonly params: Record<string, Exclude<ParamValue, undefined>> }
  | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

/**
 * Checks params against the method's schema. Errors are keyed by parameter name, one message
 * each, worded as REDCap names things ("records needs at least one entry"). `checkData` reads
 * the text of `data` (and Create Project's odm) in its format; without it, that text is not read
 * (the page's entry does not carry the CSV, XML and JSON readers: the workspace gives it them).
 */
export function validateWith(
  method: MethodDefinition,
  params: ParamValues,
  checkData: CheckData | null,
): ValidationResult {
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
    if (
      !checkData ||
      errors[name] ||
      typeof value !== 'string' ||
      metaOf(schema).type !== 'data' ||
      !format
    )
      continue;
    const problem = checkData(format, value, method.id);
    if (problem) errors[name] = problem;
  }
  for (const [name, message] of Object.entries(method.refine?.(known) ?? {})) {
    if (!(name in errors)) errors[name] = message;
  }
  return Object.keys(errors).length === 0 ? { ok: true, params: known } : { ok: false, errors };
}
