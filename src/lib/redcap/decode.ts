import type { FilePart } from '../methods/define-method.ts';

/** A form field as PHP sees it: a string, or an array from bracket keys (`records[0]`). */
export type FormField = string | readonly string[];
export type FormFields = Readonly<Record<string, FormField>>;

export interface DecodedForm {
  readonly fields: FormFields;
  readonly files: Readonly<Record<string, FilePart>>;
}

/**
 * `name[key]` → where the `[` is and the key (`''` for `name[]`); null for a plain name or
 * any other use of brackets. The same as /^([^[\]]+)\[([^[\]]*)\]$/, without a regex per pair.
 */
function arrayKey(raw: string): { open: number; key: string } | null {
  const open = raw.indexOf('[');
  const last = raw.length - 1;
  if (open <= 0 || raw.charCodeAt(last) !== 93 /* ] */) return null;
  if (raw.indexOf(']') !== last || raw.indexOf('[', open + 1) !== -1) return null;
  return { open, key: raw.slice(open + 1, last) };
}

/** One name of $_POST while folding: a scalar, or an array with its next `[]` index. */
interface Slot {
  scalar: string | undefined;
  array: Map<string, string> | undefined;
  /** One past the largest integer key so far: where `a[]` appends. */
  next: number;
}

const INTEGER_KEY = /^\d+$/;

/**
 * Folds name/value pairs the way PHP builds $_POST: `a[]` appends, `a[k]` sets key k (later
 * wins, first position kept), a plain repeated name keeps only the last value (§1.4). Linear in
 * the number of pairs (100,000 `records[]` fold in milliseconds); the result has no prototype,
 * so a parameter named `__proto__` or `constructor` is data like any other.
 */
export function foldPhpPairs(pairs: Iterable<readonly [string, string]>): FormFields {
  const slots = new Map<string, Slot>();
  for (const [rawName, value] of pairs) {
    const bracket = arrayKey(rawName);
    const name = bracket ? rawName.slice(0, bracket.open) : rawName;
    let slot = slots.get(name);
    if (!slot) slots.set(name, (slot = { scalar: undefined, array: undefined, next: 0 }));
    if (!bracket) {
      slot.array = undefined;
      slot.next = 0;
      slot.scalar = value;
      continue;
    }
    slot.scalar = undefined;
    if (!slot.array) slot.array = new Map();
    let key = bracket.key;
    if (key === '') key = String(slot.next++);
    else if (INTEGER_KEY.test(key)) slot.next = Math.max(slot.next, Number(key) + 1);
    slot.array.set(key, value);
  }
  const out = Object.create(null) as Record<string, FormField>;
  for (const [name, slot] of slots) {
    if (slot.array) out[name] = [...slot.array.values()];
    else if (slot.scalar !== undefined) out[name] = slot.scalar;
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
    const files = Object.create(null) as Record<string, FilePart>;
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
  const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}
