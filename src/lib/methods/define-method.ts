import type * as z from 'zod/mini';

/** REDCap's Playground groups, in REDCap's order (redcap-api.md §4). */
export const METHOD_GROUPS = [
  'Arms',
  'Data Access Groups',
  'Events',
  'Field Names',
  'Files',
  'File Repository',
  'Instruments',
  'Logging',
  'Metadata',
  'Projects',
  'Records',
  'Repeating Instruments and Events',
  'Reports',
  'REDCap',
  'Surveys',
  'Users',
  'User Roles',
] as const;
export type MethodGroup = (typeof METHOD_GROUPS)[number];

/** The parameter types of the catalog (`npm run catalog`), one form kind each. */
export const PARAM_TYPES = [
  'select',
  'boolean',
  'array',
  'text',
  'number',
  'date',
  'datetime',
  'data',
  'file',
  'logic',
] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

/**
 * Where a picker takes its choices from, once the form knows the project. `fields`: the columns
 * of a data export (form status included); `dictionary-fields`: the data dictionary's fields;
 * `file-fields`: file-upload fields only.
 */
export type PickerSource =
  | 'fields'
  | 'dictionary-fields'
  | 'file-fields'
  | 'forms'
  | 'events'
  | 'records'
  | 'arms'
  | 'dags'
  | 'users'
  | 'roles'
  | 'reports';

/** A file chosen for upload: travels as a multipart part named after the parameter. */
export interface FilePart {
  readonly kind: 'file';
  readonly name: string;
  readonly type: string;
  readonly bytes: Uint8Array;
}

/** What a form field holds. Empty strings and empty lists mean "not sent". */
export type ParamValue = string | boolean | readonly string[] | FilePart | undefined;
export type ParamValues = Readonly<Record<string, ParamValue>>;

/** UI and wire hints attached to each parameter's zod schema. */
export interface ParamMeta {
  readonly type: ParamType;
  readonly label: string;
  readonly help: string;
  /** REDCap's own default as it would be sent on the wire (`format` → `xml`). */
  readonly wireDefault?: string;
  /** The form's starting value, where it differs from "not sent". */
  readonly initial?: ParamValue;
  /** Labels for select values, shown beside the raw value. */
  readonly valueLabels?: Readonly<Record<string, string>>;
  /** How true/false travel; REDCap accepts `true`/`1`, anything else is false. */
  readonly booleanWire?: readonly [string, string];
  readonly picker?: PickerSource;
  readonly placeholder?: string;
  /** A whole-number parameter's range as REDCap accepts it (`repeat_instance`: 1 to 32767). */
  readonly min?: number;
  readonly max?: number;
  /**
   * Whether the parameter applies given the other values (e.g. csvDelimiter only when
   * format=csv). When it does not, the form disables it and the request leaves it out.
   */
  readonly relevant?: (values: ParamValues) => boolean;
  /** Why it does not apply, shown beside the disabled field ("only for CSV"). */
  readonly relevantNote?: string;
  /**
   * The first REDCap version that has the parameter, where a cited source says so (the method
   * file names it); absent when not known.
   */
  readonly since?: string;
}

/**
 * Carries ParamMeta on each parameter schema. A WeakMap rather than z.registry: zod's registry
 * deep-readonlies its metadata type, which does not fit functions and byte arrays.
 */
const metaBySchema = new WeakMap<z.ZodMiniType, ParamMeta>();

export function attachMeta<T extends z.ZodMiniType>(schema: T, meta: ParamMeta): T {
  metaBySchema.set(schema, meta);
  return schema;
}

export type ParamsSchema = z.ZodMiniObject<Record<string, z.ZodMiniType>>;

export interface MethodRoute {
  readonly content: string;
  /** The exact `action` the playground sends, or null when it sends none. */
  readonly action: string | null;
  /** Whether the call carries `data`: REDCap picks many imports by its presence (§1.10). */
  readonly sendsData: boolean;
}

export interface MethodResponse {
  /** `format` (the body follows the format), `text` (plain text), or `file` (bytes). */
  readonly kind: 'format' | 'text' | 'file';
  readonly shape: string;
}

export interface MethodDefinition<Id extends string = string> extends MethodRoute {
  readonly id: Id;
  readonly group: MethodGroup;
  readonly label: string;
  readonly description: string;
  readonly destructive: boolean;
  /** True only where a 64-character super token is required (Create Project). */
  readonly superToken: boolean;
  readonly params: ParamsSchema;
  readonly response: MethodResponse;
  /**
   * Rules across parameters, as messages keyed by parameter name (e.g. returnContent=auto_ids
   * needs forceAutoNumber). Receives the values that will be sent.
   */
  readonly refine?: (values: ParamValues) => Readonly<Record<string, string>>;
  /** At least one example that passes the method's own schema. */
  readonly examples: readonly ParamValues[];
  /**
   * The first REDCap version that has the method, where a cited source says so (a comment in the
   * method file names it); absent when not known.
   */
  readonly since?: string;
}

/**
 * A catalog method. Its type keeps the parameter schema's shape, so that code reading a
 * request's parameters by name (the mock's `paramsOf`) is checked against the method's own
 * parameters at compile time.
 */
export function defineMethod<const Id extends string, const P extends ParamsSchema>(
  definition: MethodDefinition<Id> & { readonly params: P },
): Omit<MethodDefinition<Id>, 'params'> & { readonly params: P } {
  return Object.freeze(definition);
}

/** The parameter names a method's schema declares. */
export type ParamNameOf<M extends { readonly params: ParamsSchema }> = Extract<
  keyof M['params']['shape'],
  string
>;

export function metaOf(schema: z.ZodMiniType): ParamMeta {
  const meta = metaBySchema.get(schema);
  if (!meta) throw new Error('parameter schema without ParamMeta: define it with shared-params');
  return meta;
}
