import { isRepeatInstance, REPEAT_INSTANCE_MESSAGE } from '../store/names.ts';
import type { Arm } from '../store/types.ts';
import type { ParamNameOf } from '../../src/lib/methods/define-method.ts';
import type { METHODS } from '../../src/lib/methods/index.ts';
import { scalarField, type FormField, type FormFields } from '../../src/lib/redcap/decode.ts';
import { DEFAULT_400, type Format } from './render.ts';
import { badRequest, type RouteContext } from './route.ts';

/** Parameter reading as REDCap's scripts do it (§1.4, §1.9). */

type Method = (typeof METHODS)[number];
export type MethodId = Method['id'];
/** The parameter names method `Id`'s schema declares (src/lib/methods). */
export type ParamName<Id extends MethodId> = ParamNameOf<Extract<Method, { readonly id: Id }>>;

/**
 * A request's parameters, read through the method's schema (issue #20): every reader takes only
 * a name that method `Id` declares, checked at compile time, so a route cannot read a parameter
 * the catalog (and so the form, the snippets and the docs) does not know. Names every request
 * carries (`token`, `format`, `returnFormat`…) are read once by the router (render.ts).
 */
export class Params<N extends string> {
  readonly #fields: FormFields;

  constructor(fields: FormFields) {
    this.#fields = fields;
  }

  /** The field as sent: a string, a bracket array, or undefined. */
  raw(name: N): FormField | undefined {
    return this.#fields[name];
  }

  /** A scalar value as sent (undefined when not sent or sent as an array). */
  text(name: N): string | undefined {
    return scalarField(this.#fields, name);
  }

  /** A scalar value without surrounding blanks; '' when not sent. */
  trimmed(name: N): string {
    return (this.text(name) ?? '').trim();
  }

  /** Sent with something in it (a bracket array counts). */
  sent(name: N): boolean {
    const value = this.#fields[name];
    return value !== undefined && value !== '';
  }

  /** True only for `1` or any-case `true`. */
  flag(name: N): boolean {
    const value = this.text(name);
    return value === '1' || value?.toLowerCase() === 'true';
  }

  /** An enum value, or the fallback for anything else (REDCap normalises, never rejects). */
  choice<const T extends string>(name: N, allowed: readonly T[], fallback: T): T {
    return choice(this.#fields, name, allowed, fallback);
  }

  /** An array parameter (see `listParam`). */
  list(name: N, options: { readonly commaString?: boolean } = {}): string[] {
    return listParam(this.#fields, name, options);
  }

  /** The array parameter of a delete (see `requiredNameList`). */
  requiredList(name: N, exists: (value: string) => boolean): string[] {
    return requiredNameList(this.#fields, name, exists);
  }

  /**
   * The delimiter of a CSV `data` payload. The catalog declares `csvDelimiter` on Import
   * Records only, but the mock reads it for every CSV payload (tests/mocks/route-params.test.ts
   * lists this one exception).
   */
  csvDelimiter(): string {
    return csvDelimiter(this.#fields);
  }
}

/** The parameters of method `id`, as its schema names them. */
export function paramsOf<Id extends MethodId>(
  ctx: { readonly fields: FormFields },
  id: Id,
): Params<ParamName<Id>> {
  void id;
  return new Params<ParamName<Id>>(ctx.fields);
}

/** An enum value, or the fallback for anything else (REDCap normalises, never rejects). */
function choice<const T extends string>(
  fields: FormFields,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = scalarField(fields, name);
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/**
 * An array parameter: bracket arrays always; a plain string only where REDCap splits comma
 * lists (Export Records), otherwise a scalar is ignored. Entries are trimmed, blanks dropped.
 */
function listParam(
  fields: FormFields,
  name: string,
  options: { readonly commaString?: boolean } = {},
): string[] {
  const value = fields[name];
  let items: readonly string[];
  if (Array.isArray(value)) items = value as readonly string[];
  else if (typeof value === 'string' && options.commaString) items = value.split(',');
  else return [];
  return items.map((v) => v.trim()).filter((v) => v !== '');
}

/** `,` (default), `tab`/`TAB` (a tab), `;`, `|`, `^` (§1.9). */
function csvDelimiter(fields: FormFields): string {
  const value = scalarField(fields, 'csvDelimiter') ?? ',';
  if (value.toLowerCase() === 'tab') return '\t';
  return [',', ';', '|', '^'].includes(value) ? value : ',';
}

/** 400 `The following values in the parameter "fields" are not valid: 'a', 'b'` (§1.8). */
export function invalidValues(param: string, values: readonly string[]) {
  return badRequest(
    `The following values in the parameter "${param}" are not valid: ${values.map((v) => `'${v}'`).join(', ')}`,
  );
}

/**
 * The array parameter of a delete (`arms`, `events`, `dags`, `users`, `roles`): it must be a
 * non-empty bracket array (§1.4) of values the project has; otherwise 400 and nothing changes.
 */
function requiredNameList(
  fields: FormFields,
  name: string,
  exists: (value: string) => boolean,
): string[] {
  if (!Array.isArray(fields[name])) throw badRequest(DEFAULT_400);
  const values = [...new Set(listParam(fields, name))];
  if (values.length === 0) throw badRequest(DEFAULT_400);
  const unknown = values.filter((v) => !exists(v));
  if (unknown.length > 0) throw invalidValues(name, unknown);
  return values;
}

/** The payload format of a method that REDCap also offers as CDISC ODM, which the mock lacks. */
export function odmUnsupported(ctx: RouteContext): Format {
  if (ctx.format === 'odm') {
    throw badRequest('The mock REDCap does not support format=odm yet; use json, csv or xml.');
  }
  return ctx.format;
}

/**
 * `repeat_instance`: 1 when not sent or blank; a whole number from 1 to MAX_REPEAT_INSTANCE;
 * anything else (`0`, `-1`, `1.5`, `2^53 + 1`, 20 digits) is a 400 before anything changes,
 * never read as instance 1.
 */
export function repeatInstanceParam(p: Params<'repeat_instance'>): number {
  const raw = p.trimmed('repeat_instance');
  if (raw === '') return 1;
  if (!isRepeatInstance(raw)) throw badRequest(REPEAT_INSTANCE_MESSAGE);
  return Number(raw);
}

/** The `arms` filter of the structure exports: arm numbers of the project (array, §1.4). */
export function armFilter(p: Params<'arms'>, arms: readonly Arm[]): Set<number> | null {
  const wanted = p.list('arms');
  if (wanted.length === 0) return null;
  const known = new Set(arms.map((a) => String(a.arm_num)));
  const unknown = wanted.filter((a) => !known.has(a));
  if (unknown.length > 0) throw invalidValues('arms', unknown);
  return new Set(wanted.map(Number));
}
