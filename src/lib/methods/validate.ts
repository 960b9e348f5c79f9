import type { FilePart, MethodDefinition, ParamValue, ParamValues } from './define-method.ts';

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
 * Checks params against the method's schema. Errors are keyed by parameter name, one message
 * each, worded as REDCap names things ("records needs at least one entry").
 */
export function validateParams(method: MethodDefinition, params: ParamValues): ValidationResult {
  const cleaned = cleanParams(params);
  const known = Object.fromEntries(
    Object.entries(cleaned).filter(([name]) => name in method.params.shape),
  );
  const result = method.params.safeParse(known);
  if (result.success) return { ok: true, params: known };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? '');
    if (name && !(name in errors)) errors[name] = issue.message;
  }
  return { ok: false, errors };
}
