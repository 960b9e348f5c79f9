import type { RedcapRequest } from '../redcap/request.ts';
import { bodyEntries, type BodyEntry } from './code-builder.ts';
import type { TargetOptions } from './types.ts';

/** How a request parameter becomes an argument of a client library's call. */
export type ArgType =
  'str' | 'list' | 'bool' | 'int' | 'datetime' | 'date' | 'overwrite' | 'data' | 'file';

export interface ArgSpec {
  readonly arg: string;
  readonly type: ArgType;
}

/** One method's call in a client library, with where the library defines it. */
export interface LibraryCall {
  readonly call: string;
  /** The file of the library's repository that defines the call (cited in the snippet). */
  readonly path: string;
  /** Request parameter → the call's argument. */
  readonly args: Readonly<Record<string, ArgSpec>>;
  /** Parameters the library always sends with values of its own choosing. */
  readonly own: readonly string[];
}

/**
 * A compact table row: `call path param>arg:type … !own1,own2`. `param` alone is an argument
 * of the same name; `:type` defaults to str.
 */
export function callSpec(row: string): LibraryCall {
  const [call, path, ...rest] = row.trim().split(/\s+/);
  const args: Record<string, ArgSpec> = {};
  const own: string[] = [];
  for (const word of rest) {
    if (word.startsWith('!')) {
      own.push(...word.slice(1).split(','));
      continue;
    }
    const [names, type = 'str'] = word.split(':');
    const [param, arg = param] = names!.split('>');
    args[param!] = { arg: arg!, type: type as ArgType };
  }
  return { call: call!, path: path!, args, own };
}

/** A parameter of the request with its value(s): PHP arrays folded back into lists. */
export interface FoldedParam {
  readonly name: string;
  readonly values: readonly string[];
  readonly file?: Extract<BodyEntry, { kind: 'file' }>;
}

/** The request's parameters by name, arrays (`records[0]`, `records[1]`…) as one list. */
export function foldedParams(request: RedcapRequest, options: TargetOptions): FoldedParam[] {
  const out: { name: string; values: string[]; file?: Extract<BodyEntry, { kind: 'file' }> }[] = [];
  for (const e of bodyEntries(request, options)) {
    if (e.kind === 'token') continue;
    const array = /^(.+)\[\d+\]$/.exec(e.name);
    const name = array ? array[1]! : e.name;
    const found = out.find((p) => p.name === name);
    if (e.kind === 'file') out.push({ name, values: [e.fileName], file: e });
    else if (found && array) found.values.push(e.value);
    else out.push({ name, values: [e.value] });
  }
  return out;
}

/** Parameters every call carries by itself: what to do, and the token. */
const IMPLIED = new Set(['token', 'content', 'action']);

/**
 * The call's arguments for the request, or the parameters it cannot carry (then the snippet
 * falls back to raw HTTP). Parameters in `own` are left to the library.
 */
export function planCall(
  call: LibraryCall,
  params: readonly FoldedParam[],
): { args: { spec: ArgSpec; param: FoldedParam }[]; missing: string[]; own: string[] } {
  const args: { spec: ArgSpec; param: FoldedParam }[] = [];
  const missing: string[] = [];
  const own: string[] = [];
  for (const param of params) {
    if (IMPLIED.has(param.name)) continue;
    const spec = call.args[param.name];
    if (spec) args.push({ spec, param });
    else if (call.own.includes(param.name)) own.push(param.name);
    else missing.push(param.name);
  }
  return { args, missing, own };
}

/** Whether a REDCap boolean parameter's text means true. */
export function isTrue(value: string): boolean {
  return value === 'true' || value === '1';
}
