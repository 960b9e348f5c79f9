import type { JsonSchema } from './request-schema.ts';

/**
 * A JSON Schema that describes a value the mock answered: the shape of a method's JSON answer,
 * learnt from the answer itself. Lists merge their items; a key missing from some objects of a
 * list is not required.
 */
export function inferSchema(value: unknown): JsonSchema {
  if (value === null) return { type: 'null' };
  if (Array.isArray(value)) {
    const items = value.map(inferSchema);
    return items.length === 0
      ? { type: 'array' }
      : { type: 'array', items: items.reduce((a, b) => mergeSchemas(a, b)) };
  }
  switch (typeof value) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return { type: Number.isInteger(value) ? 'integer' : 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'object': {
      const properties: Record<string, JsonSchema> = {};
      for (const [key, item] of Object.entries(value as object)) {
        Object.defineProperty(properties, key, {
          value: inferSchema(item),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return { type: 'object', properties, required: Object.keys(properties) };
    }
    default:
      return {};
  }
}

function typesOf(schema: JsonSchema): string[] {
  const type = schema['type'];
  return Array.isArray(type) ? (type as string[]) : typeof type === 'string' ? [type] : [];
}

/** One schema that both values fit. */
export function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  const [ta, tb] = [typesOf(a), typesOf(b)];
  if (ta.length === 1 && tb.length === 1 && ta[0] === tb[0]) {
    if (ta[0] === 'object') return mergeObjects(a, b);
    if (ta[0] === 'array') {
      const [ia, ib] = [a['items'] as JsonSchema | undefined, b['items'] as JsonSchema | undefined];
      return ia && ib
        ? { type: 'array', items: mergeSchemas(ia, ib) }
        : { type: 'array', ...((ia ?? ib) && { items: ia ?? ib }) };
    }
    return a;
  }
  if (ta.length === 0 || tb.length === 0) return {};
  // integer fits number; otherwise a value may be either type (REDCap's "" or a number).
  const types = [...new Set([...ta, ...tb])];
  const merged = types.includes('number') ? types.filter((t) => t !== 'integer') : types;
  if (merged.some((t) => t === 'object' || t === 'array')) return {};
  return { type: merged.length === 1 ? merged[0] : merged };
}

function mergeObjects(a: JsonSchema, b: JsonSchema): JsonSchema {
  const pa = a['properties'] as Record<string, JsonSchema>;
  const pb = b['properties'] as Record<string, JsonSchema>;
  const properties: Record<string, JsonSchema> = {};
  const keys = [...new Set([...Object.keys(pa), ...Object.keys(pb)])];
  for (const key of keys) {
    const both = Object.hasOwn(pa, key) && Object.hasOwn(pb, key);
    const value = both
      ? mergeSchemas(pa[key]!, pb[key]!)
      : (Object.hasOwn(pa, key) ? pa[key] : pb[key])!;
    Object.defineProperty(properties, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const ra = new Set(a['required'] as string[]);
  const required = (b['required'] as string[]).filter((key) => ra.has(key));
  return { type: 'object', properties, required };
}
