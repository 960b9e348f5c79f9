import type { MethodDefinition, ParamValues } from '../methods/define-method.ts';
import { isLongitudinalOnly } from '../methods/longitudinal.ts';

/**
 * The calls the OpenAPI document shows answers for, planned from the catalog alone: each
 * method's first example (and, for exports that follow `format`, the same in the two other
 * formats), the example without a required parameter (REDCap's 400), and the failures every
 * method shares (403 for a token REDCap does not know, 403 for a super token on a project
 * method, 400 for an unknown content). The mock answers them (src/cli/openapi-record.ts).
 */

export type Format = 'json' | 'csv' | 'xml';
export const FORMATS: readonly Format[] = ['json', 'csv', 'xml'];

/** Which demo token the call is sent with; `unknown` is well-formed but no project's. */
export type TokenKind = 'classic' | 'longitudinal' | 'super' | 'unknown';

export interface Exchange {
  /** Unique; the key of its answer in the recording. */
  readonly key: string;
  /** The method whose example this is (also for the shared failures, which borrow one). */
  readonly methodId: string;
  readonly params: ParamValues;
  readonly token: TokenKind;
  /** Replaces the method's `content`, for the unknown-content failure. */
  readonly content?: string;
  readonly summary: string;
}

/** What the mock answered to one exchange. */
export interface Answer {
  readonly status: number;
  /** The media type, without parameters (`application/json`). */
  readonly mediaType: string;
  /** The body as text, or null for bytes that are not text (a PDF). */
  readonly body: string | null;
  readonly byteLength: number;
  /** Set when the body is cut to its first rows: how many the whole answer had. */
  readonly rows?: number;
}

/** Answers by exchange key: what the page ships and the CLI records afresh. */
export type Recording = Readonly<Record<string, Answer>>;

export function tokenKindFor(method: MethodDefinition): TokenKind {
  if (method.superToken) return 'super';
  return isLongitudinalOnly(method.id) ? 'longitudinal' : 'classic';
}

/** Whether the answer follows `format` (json, csv, xml) for a call that sends no data. */
export function followsFormat(method: MethodDefinition): boolean {
  return method.response.kind === 'format' && !method.sendsData && 'format' in method.params.shape;
}

export function okKey(method: MethodDefinition, format?: Format): string {
  return format ? `${method.id} ${format}` : method.id;
}
export const badRequestKey = (method: MethodDefinition): string => `${method.id} 400`;
export const SHARED_KEYS = {
  unknownToken: (format: Format) => `shared 403 unknown token ${format}`,
  superToken: 'shared 403 super token',
  unknownContent: (format: Format) => `shared 400 unknown content ${format}`,
} as const;

function firstRequired(method: MethodDefinition): string | undefined {
  return Object.entries(method.params.shape).find(
    ([, schema]) => schema._zod.def.type !== 'optional',
  )?.[0];
}

/**
 * The example made wrong: `data` that is not JSON for an import (left out, REDCap would call the
 * export instead), else without its first required parameter. None for a method without any.
 */
function failingParams(
  method: MethodDefinition,
  example: ParamValues,
): { params: ParamValues; summary: string } | null {
  if (method.sendsData && (example['format'] ?? 'xml') === 'json') {
    return { params: { ...example, data: '[{"record_id": ' }, summary: 'data that is not JSON' };
  }
  const missing = firstRequired(method);
  if (missing === undefined || missing === 'data') return null;
  const params: Record<string, ParamValues[string]> = { ...example };
  delete params[missing];
  return { params, summary: `without ${missing}` };
}

export function planExchanges(methods: readonly MethodDefinition[]): Exchange[] {
  const plan: Exchange[] = [];
  for (const method of methods) {
    const example = method.examples[0];
    if (!example) throw new Error(`${method.id} has no example to describe its answer with`);
    const token = tokenKindFor(method);
    plan.push({ key: okKey(method), methodId: method.id, params: example, token, summary: '' });
    if (followsFormat(method)) {
      for (const format of FORMATS) {
        if ((example['format'] ?? 'xml') === format) continue;
        plan.push({
          key: okKey(method, format),
          methodId: method.id,
          params: { ...example, format, returnFormat: format },
          token,
          summary: `as ${format}`,
        });
      }
    }
    const failing = failingParams(method, example);
    if (failing) {
      plan.push({ key: badRequestKey(method), methodId: method.id, token, ...failing });
    }
  }
  const borrowed = methods.find((m) => m.id === 'exp_records') ?? methods[0];
  if (borrowed) {
    const example = borrowed.examples[0] ?? {};
    for (const format of FORMATS) {
      plan.push({
        key: SHARED_KEYS.unknownToken(format),
        methodId: borrowed.id,
        params: { ...example, format, returnFormat: format },
        token: 'unknown',
        summary: `a token REDCap does not know (${format})`,
      });
      plan.push({
        key: SHARED_KEYS.unknownContent(format),
        methodId: borrowed.id,
        params: { ...example, format, returnFormat: format },
        token: tokenKindFor(borrowed),
        content: 'recrod',
        summary: `an unknown content (${format})`,
      });
    }
    plan.push({
      key: SHARED_KEYS.superToken,
      methodId: borrowed.id,
      params: example,
      token: 'super',
      summary: 'a super token on a project method',
    });
  }
  return plan;
}
