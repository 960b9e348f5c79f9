import { describeSchema } from './describe-schema.ts';
import type { MethodDefinition, MethodGroup, ParamType } from '../methods/define-method.ts';

/** One parameter as `npm run catalog` lists it. */
export interface CatalogParam {
  readonly name: string;
  readonly required: boolean;
  readonly type: ParamType;
  /** The allowed values, for selects only. */
  readonly values?: readonly string[];
  /** REDCap's own default as sent on the wire; absent when REDCap has none. */
  readonly default?: string;
}

/** One method as `npm run catalog` lists it. */
export interface CatalogEntry {
  readonly id: string;
  readonly group: MethodGroup;
  readonly label: string;
  readonly content: string;
  readonly action: string | null;
  readonly destructive: boolean;
  readonly superToken: boolean;
  readonly params: readonly CatalogParam[];
}

/** Sent by every call, so not listed as a method's parameters. */
const ROUTING = new Set(['token', 'content', 'action']);

/** The catalog, derived from the same definitions the form, the snippets and the mock use. */
export function buildCatalog(methods: readonly MethodDefinition[]): CatalogEntry[] {
  return methods.map((method) => ({
    id: method.id,
    group: method.group,
    label: method.label,
    content: method.content,
    action: method.action,
    destructive: method.destructive,
    superToken: method.superToken,
    params: describeSchema(method.params)
      .filter((field) => !ROUTING.has(field.name))
      .map((field) => ({
        name: field.name.replace(/\[.*$/, ''),
        required: field.required,
        type: field.type,
        ...(field.type === 'select' && field.values && { values: field.values }),
        ...(field.wireDefault !== undefined && { default: field.wireDefault }),
      })),
  }));
}
