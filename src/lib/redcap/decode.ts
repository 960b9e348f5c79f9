import type { FilePart } from '../methods/define-method.ts';

/** A form field as PHP sees it: a string, or an array from bracket keys (`records[0]`). */
export type FormField = string | readonly string[];
export type FormFields = Readonly<Record<string, FormField>>;

export interface DecodedForm {
  readonly fields: FormFields;
  readonly files: Readonly<Record<string, FilePart>>;
}

const BRACKET = /^([^[\]]+)\[([^[\]]*)\]$/;

/**
 * Folds name/value pairs the way PHP builds $_POST: `a[]` appends, `a[k]` sets key k (later
 * wins, first position kept), a plain repeated name keeps only the last value (§1.4).
 */
export function foldPhpPairs(pairs: Iterable<readonly [string, string]>): FormFields {
  const scalars = new Map<string, string>();
  const arrays = new Map<string, Map<string, string>>();
  const order: string[] = [];
  for (const [rawName, value] of pairs) {
    const m = BRACKET.exec(rawName);
    const name = m ? m[1]! : rawName;
    if (!order.includes(name)) order.push(name);
    if (!m) {
      arrays.delete(name);
      scalars.set(name, value);
      continue;
    }
    scalars.delete(name);
    let entries = arrays.get(name);
    if (!entries) arrays.set(name, (entries = new Map()));
    let key = m[2]!;
    if (key === '') {
      const ints = [...entries.keys()].filter((k) => /^\d+$/.test(k)).map(Number);
      key = String(ints.length ? Math.max(...ints) + 1 : 0);
    }
    entries.set(key, value);
  }
  const out: Record<string, FormField> = {};
  for (const name of order) {
    const array = arrays.get(name);
    if (array) out[name] = [...array.values()];
    else if (scalars.has(name)) out[name] = scalars.get(name)!;
  }
  return out;
}

function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Reads a request body as REDCap does: only urlencoded and multipart bodies fill $_POST. Any
 * other body (JSON included) reads as no fields at all, so the token is missing (§1.3).
 */
export async function decodeBody(
  contentType: string | null,
  bytes: Uint8Array,
): Promise<DecodedForm> {
  const type = mediaType(contentType);
  if (type === 'application/x-www-form-urlencoded') {
    const text = new TextDecoder().decode(bytes);
    return { fields: foldPhpPairs(new URLSearchParams(text)), files: {} };
  }
  if (type === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Response(bytes as BodyInit, {
        headers: { 'content-type': contentType! },
      }).formData();
    } catch {
      return { fields: {}, files: {} };
    }
    const pairs: [string, string][] = [];
    const files: Record<string, FilePart> = {};
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') pairs.push([name, value]);
      else {
        files[name] = {
          kind: 'file',
          name: value.name,
          type: value.type || 'application/octet-stream',
          bytes: new Uint8Array(await value.arrayBuffer()),
        };
      }
    }
    return { fields: foldPhpPairs(pairs), files };
  }
  return { fields: {}, files: {} };
}

/** A scalar field's value; arrays read as absent, as PHP code expecting a string would. */
export function scalarField(fields: FormFields, name: string): string | undefined {
  const value = fields[name];
  return typeof value === 'string' ? value : undefined;
}
