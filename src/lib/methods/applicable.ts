import {
  metaOf,
  type FilePart,
  type MethodDefinition,
  type ParamValue,
  type ParamValues,
} from './define-method.ts';

// Which values a request sends. Apart from validate.ts, so that building a request
// (src/lib/redcap/request.ts) never loads the CSV, JSON and XML checks.

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
