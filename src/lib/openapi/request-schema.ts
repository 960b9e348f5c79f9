import * as z from 'zod/mini';
import {
  metaOf,
  type MethodDefinition,
  type ParamMeta,
  type ParamValues,
} from '../methods/define-method.ts';
import { SUPER_TOKEN_METHODS } from '../redcap/connection.ts';
import { buildRedcapRequest, TOKEN_FIELD } from '../redcap/request.ts';
import { DATE, DATETIME } from '../methods/shared-params.ts';

/**
 * A method's request as REDCap reads it: the form body (urlencoded or multipart) as a JSON Schema
 * object, one property per field name as sent. Built from zod 4's own JSON Schema of each
 * parameter, then moved to the wire: booleans are the texts the catalog sends, a list is
 * REDCap's PHP array keys (`records[0]`, `records[1]`, …), a file is a binary part.
 */

export type JsonSchema = Record<string, unknown>;

/** A method or parameter the generator cannot describe: named, never left out in silence. */
export class OpenApiError extends Error {
  override readonly name = 'OpenApiError';
}

export const PROJECT_TOKEN_PATTERN = '^[0-9A-Fa-f]{32}$';
export const SUPER_TOKEN_PATTERN = '^[0-9A-Fa-f]{64}$';

function tokenSchema(method: MethodDefinition): JsonSchema {
  const superOnly = method.superToken;
  const either = !superOnly && SUPER_TOKEN_METHODS.includes(method.id);
  const kind = superOnly
    ? 'a super API token (64 hexadecimal characters, granted to a user by an administrator)'
    : either
      ? 'a project API token (32 hexadecimal characters) or a super API token (64)'
      : 'a project API token (32 hexadecimal characters, from the project’s API page)';
  return {
    type: 'string',
    pattern: superOnly
      ? SUPER_TOKEN_PATTERN
      : either
        ? `^(?:[0-9A-Fa-f]{32}|[0-9A-Fa-f]{64})$`
        : PROJECT_TOKEN_PATTERN,
    writeOnly: true,
    format: 'password',
    description: `Your API token: ${kind}. REDCap reads it only from this body field (see the security scheme redcapToken) and answers 403 without it. A secret: no example in this document holds one, which is why it is not listed as required.`,
  };
}

/** zod's JSON Schema of one parameter, without its `$schema` line. */
function zodJsonSchema(methodId: string, name: string, schema: z.ZodMiniType): JsonSchema {
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;
  } catch (error) {
    throw new OpenApiError(
      `${methodId}: parameter "${name}" (${metaOf(schema).type}) has no JSON Schema: ${(error as Error).message}`,
    );
  }
  const { $schema: _ignored, ...rest } = json;
  return rest;
}

function describe(meta: ParamMeta): string {
  let text = meta.help;
  if (meta.valueLabels) {
    const labels = Object.entries(meta.valueLabels).map(([value, label]) => `${value}: ${label}`);
    text += ` Values: ${labels.join('; ')}.`;
  }
  if (meta.relevantNote)
    text += ` (${meta.relevantNote[0]!.toUpperCase()}${meta.relevantNote.slice(1)}.)`;
  return text;
}

function rangeText(meta: ParamMeta): string {
  const { min, max } = meta;
  if (min !== undefined && max !== undefined) return ` A whole number from ${min} to ${max}.`;
  if (min !== undefined) return ` A whole number of ${min} or more.`;
  if (max !== undefined) return ` A whole number up to ${max}.`;
  return ' A whole number.';
}

/** One scalar parameter on the wire (everything but lists). */
function wireSchema(methodId: string, name: string, schema: z.ZodMiniType): JsonSchema {
  const meta = metaOf(schema);
  const base: JsonSchema = { description: describe(meta) };
  if (meta.wireDefault !== undefined) base['default'] = meta.wireDefault;
  switch (meta.type) {
    case 'file':
      // Not JSON: a multipart file part (OpenAPI 3.1 §4.8.14.3 uses contentMediaType).
      return {
        type: 'string',
        format: 'binary',
        contentMediaType: 'application/octet-stream',
        ...base,
      };
    case 'boolean': {
      const json = zodJsonSchema(methodId, name, schema);
      if (json['type'] !== 'boolean') {
        throw new OpenApiError(`${methodId}: boolean parameter "${name}" is not a zod boolean`);
      }
      const [yes, no] = meta.booleanWire ?? ['true', 'false'];
      return {
        type: 'string',
        enum: [yes, no],
        ...base,
        description: `${base['description'] as string} Sent as ${yes} (true) or ${no} (false); REDCap reads anything else as false.`,
      };
    }
    case 'number':
      return {
        ...zodJsonSchema(methodId, name, schema),
        ...base,
        description: `${base['description'] as string}${rangeText(meta)}`,
        ...(meta.min !== undefined && { 'x-minimum': meta.min }),
        ...(meta.max !== undefined && { 'x-maximum': meta.max }),
      };
    case 'date':
      return { ...zodJsonSchema(methodId, name, schema), pattern: DATE.source, ...base };
    case 'datetime':
      return { ...zodJsonSchema(methodId, name, schema), pattern: DATETIME.source, ...base };
    case 'select':
    case 'text':
    case 'logic':
    case 'data': {
      const json = zodJsonSchema(methodId, name, schema);
      if (json['type'] !== 'string') {
        throw new OpenApiError(
          `${methodId}: parameter "${name}" (${meta.type}) is not text in JSON Schema`,
        );
      }
      return { ...json, ...base };
    }
    case 'array':
      throw new OpenApiError(`${methodId}: list parameter "${name}" is described by its keys`);
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface RequestSchema {
  readonly schema: JsonSchema;
  /** True when a parameter is a file: the method can only travel as multipart/form-data. */
  readonly multipartOnly: boolean;
}

/** The JSON Schema of one method's form body, as REDCap tells the methods apart. */
export function requestSchema(method: MethodDefinition): RequestSchema {
  const properties: Record<string, JsonSchema> = Object.create(null) as Record<string, JsonSchema>;
  const patternProperties: Record<string, JsonSchema> = Object.create(null) as Record<
    string,
    JsonSchema
  >;
  // REDCap needs the token (403 without it), but examples never hold one: not `required`, so
  // they stay valid for their schema; the security scheme says it is needed.
  const required: string[] = ['content'];
  properties[TOKEN_FIELD] = tokenSchema(method);
  properties['content'] = { type: 'string', const: method.content };
  if (method.action !== null) {
    properties['action'] = { type: 'string', const: method.action };
    required.push('action');
  }
  let multipartOnly = false;
  for (const [name, schema] of Object.entries(method.params.shape)) {
    const meta = metaOf(schema);
    const isRequired = schema._zod.def.type !== 'optional';
    if (meta.type === 'array') {
      const json = zodJsonSchema(method.id, name, schema);
      const items = json['items'];
      if (json['type'] !== 'array' || typeof items !== 'object' || items === null) {
        throw new OpenApiError(`${method.id}: list parameter "${name}" is not a zod array`);
      }
      properties[`${name}[0]`] = {
        ...(items as JsonSchema),
        description: `${describe(meta)} A list: REDCap reads PHP array keys, so the entries are sent as ${name}[0], ${name}[1], ${name}[2], …`,
      };
      patternProperties[`^${escapeRegex(name)}\\[[1-9][0-9]*\\]$`] = items as JsonSchema;
      if (isRequired) required.push(`${name}[0]`);
      continue;
    }
    if (meta.type === 'file') multipartOnly = true;
    properties[name] = wireSchema(method.id, name, schema);
    if (isRequired) required.push(name);
  }
  const schema: JsonSchema = {
    title: `${method.label} (${method.id})`,
    description: `${method.description}\n\n${howRedcapPicksIt(method)}`,
    type: 'object',
    properties: { ...properties },
    ...(Object.keys(patternProperties).length > 0 && {
      patternProperties: { ...patternProperties },
    }),
    required,
    additionalProperties: false,
    'x-redcap-method': method.id,
  };
  return { schema, multipartOnly };
}

/** REDCap's router (redcap-api.md §1.10), in words, for the one method. */
export function howRedcapPicksIt(method: MethodDefinition): string {
  const parts = [`content=${method.content}`];
  parts.push(method.action === null ? 'no action' : `action=${method.action}`);
  parts.push(method.sendsData ? 'data sent' : 'no data');
  parts.push(
    method.superToken
      ? 'a super token'
      : SUPER_TOKEN_METHODS.includes(method.id)
        ? 'a project or super token'
        : 'a project token',
  );
  return `REDCap picks this method by: ${parts.join(', ')}.`;
}

/** A method's example as the form body it sends, without the token: name → text. */
export function exampleBody(
  method: MethodDefinition,
  example: ParamValues,
): Record<string, string> {
  const request = buildRedcapRequest(method, example, {
    apiUrl: 'https://redcap.example.edu/api/',
    token: '',
  });
  const body: Record<string, string> = {};
  for (const [name, value] of request.body) {
    if (name === TOKEN_FIELD) continue;
    body[name] = typeof value === 'string' ? value : new TextDecoder().decode(value.bytes);
  }
  return body;
}
