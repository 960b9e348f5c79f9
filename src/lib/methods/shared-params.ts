import * as z from 'zod/mini';
import { logicSyntaxError } from '../logic/syntax.ts';
import {
  attachMeta,
  type FilePart,
  type ParamMeta,
  type ParamType,
  type ParamValues,
} from './define-method.ts';

/** Builders for parameter schemas: each returns a zod schema that carries its ParamMeta. */

interface ParamOptions {
  readonly help: string;
  readonly label?: string;
  readonly required?: boolean;
  readonly wireDefault?: string;
  readonly initial?: ParamMeta['initial'];
  readonly picker?: ParamMeta['picker'];
  readonly placeholder?: string;
  readonly relevant?: ParamMeta['relevant'];
  readonly relevantNote?: string;
  /** The first REDCap version with the parameter, from a source cited in the method file. */
  readonly since?: string;
}

const requiredMessage = 'is required';

function register<T extends z.ZodMiniType>(
  schema: T,
  type: ParamType,
  options: ParamOptions,
  extra: Partial<ParamMeta> = {},
): z.ZodMiniType {
  const final = options.required ? schema : z.optional(schema);
  return attachMeta(final, {
    type,
    label: options.label ?? '',
    help: options.help,
    ...(options.wireDefault !== undefined && { wireDefault: options.wireDefault }),
    ...(options.initial !== undefined && { initial: options.initial }),
    ...(options.picker !== undefined && { picker: options.picker }),
    ...(options.placeholder !== undefined && { placeholder: options.placeholder }),
    ...(options.relevant !== undefined && { relevant: options.relevant }),
    ...(options.relevantNote !== undefined && { relevantNote: options.relevantNote }),
    ...(options.since !== undefined && { since: options.since }),
    ...extra,
  });
}

function text(invalid: string) {
  return z.string({
    error: (issue) => (issue.input === undefined ? requiredMessage : invalid),
  });
}

export function selectParam(
  values: readonly [string, ...string[]],
  options: ParamOptions & { readonly valueLabels?: Readonly<Record<string, string>> },
) {
  const schema = z.enum(values, {
    error: (issue) =>
      issue.input === undefined ? requiredMessage : `must be one of: ${values.join(', ')}`,
  });
  return register(
    schema,
    'select',
    options,
    options.valueLabels ? { valueLabels: options.valueLabels } : {},
  );
}

export function booleanParam(
  options: ParamOptions & { readonly wire?: readonly [string, string] },
) {
  const schema = z.boolean({
    error: (issue) => (issue.input === undefined ? requiredMessage : 'must be true or false'),
  });
  return register(schema, 'boolean', options, { booleanWire: options.wire ?? ['true', 'false'] });
}

export function arrayParam(options: ParamOptions) {
  const schema = z
    .array(text('each entry must be text'), {
      error: (issue) => (issue.input === undefined ? requiredMessage : 'must be a list'),
    })
    .check(z.minLength(1, 'needs at least one entry'));
  return register(schema, 'array', options);
}

export function textParam(options: ParamOptions & { readonly maxLength?: number }) {
  // zod/mini's check() returns a new schema: the limit must be part of the one registered.
  const schema = options.maxLength
    ? text('must be text').check(
        z.minLength(1, requiredMessage),
        z.maxLength(options.maxLength, `must be at most ${options.maxLength} characters`),
      )
    : text('must be text').check(z.minLength(1, requiredMessage));
  return register(schema, 'text', options);
}

export function numberParam(
  options: ParamOptions & { readonly min?: number; readonly max?: number },
) {
  const { min, max } = options;
  const range =
    min !== undefined && max !== undefined
      ? `from ${min} to ${max}`
      : min !== undefined
        ? `of ${min} or more`
        : max !== undefined
          ? `up to ${max}`
          : '';
  const schema = text('must be a whole number').check(
    z.regex(/^\d+$/, `must be a whole number${range ? ` ${range}` : ''}, e.g. ${min ?? 1}`),
    z.refine(
      // Digits only here (the regex says so first); compared as numbers past 2^53 too.
      (v) =>
        !/^\d+$/.test(v) ||
        ((min === undefined || BigInt(v) >= BigInt(min)) &&
          (max === undefined || BigInt(v) <= BigInt(max))),
      `must be a whole number ${range}`,
    ),
  );
  return register(schema, 'number', options, {
    ...(min !== undefined && { min }),
    ...(max !== undefined && { max }),
  });
}

export const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** True for a real calendar date (and time) in REDCap's Y-M-D order. */
export function isValidDateTime(value: string, withTime: boolean): boolean {
  const m = (withTime ? DATETIME : DATE).exec(value);
  if (!m) return false;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((v) => v ?? '0');
  const date = new Date(Date.UTC(+y!, +mo! - 1, +d!));
  const dateOk =
    date.getUTCFullYear() === +y! && date.getUTCMonth() === +mo! - 1 && date.getUTCDate() === +d!;
  return dateOk && +h <= 23 && +mi <= 59 && +s <= 59;
}

export function dateParam(options: ParamOptions) {
  const schema = text('must be a date').check(
    z.refine((v) => isValidDateTime(v, false), 'must be a date as YYYY-MM-DD, e.g. 2024-01-31'),
  );
  return register(schema, 'date', options);
}

export function datetimeParam(options: ParamOptions) {
  const schema = text('must be a date-time').check(
    z.refine(
      (v) => isValidDateTime(v, true),
      'must be a date-time as YYYY-MM-DD HH:MM:SS (time optional), e.g. 2024-01-31 13:45',
    ),
  );
  return register(schema, 'datetime', options);
}

/**
 * REDCap logic (filterLogic): text the form edits with completion and a check against the
 * project. Only what REDCap would refuse (a syntax error) makes it invalid; the rest is advice.
 */
export function logicParam(options: ParamOptions) {
  const schema = text('must be text').check(
    z.minLength(1, requiredMessage),
    z.refine((v) => logicSyntaxError(v) === null, {
      error: (issue) =>
        `is not valid REDCap logic: ${logicSyntaxError(String(issue.input)) ?? 'syntax error'}`,
    }),
  );
  return register(schema, 'logic', options);
}

export function dataParam(options: ParamOptions) {
  const schema = text('must be text').check(z.minLength(1, requiredMessage));
  return register(schema, 'data', { ...options, required: options.required ?? true });
}

const filePart = z.custom<FilePart>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    (v as FilePart).kind === 'file' &&
    typeof (v as FilePart).name === 'string' &&
    (v as FilePart).bytes instanceof Uint8Array,
  { error: (issue) => (issue.input === undefined ? requiredMessage : 'must be a chosen file') },
);

export function fileParam(options: ParamOptions) {
  return register(filePart, 'file', options);
}

/* ---- Parameters shared by many methods ---- */

export const FORMATS = ['json', 'csv', 'xml'] as const;

/** For parameters that only apply to CSV (csvDelimiter, decimalCharacter…). */
export const onlyForCsv = {
  relevant: (values: ParamValues) => (values['format'] ?? 'xml') === 'csv',
  relevantNote: 'only applies when format is csv',
} as const;

export function formatParam(help = 'The format of the response body.') {
  return selectParam(FORMATS, {
    help: `${help} REDCap's own default is xml; the playground starts with json, as REDCap's Playground does.`,
    wireDefault: 'xml',
    initial: 'json',
  });
}

export function dataFormatParam() {
  return formatParam('The format of the data you send in `data`.');
}

export function returnFormatParam() {
  return selectParam(FORMATS, {
    help: 'The format of errors (and of the small answer of writes). If not sent, REDCap uses `format`, then xml.',
    initial: 'json',
  });
}

/** CSV column delimiter (§1.9): anything else becomes a comma. */
export function csvDelimiterParam() {
  return selectParam([',', 'tab', ';', '|', '^'], {
    help: 'Delimiter between CSV columns. REDCap uses a comma when not sent.',
    wireDefault: ',',
    ...onlyForCsv,
  });
}

export function decimalCharacterParam() {
  return selectParam(['.', ','], {
    help: 'Decimal separator for number fields in the output. Not sent: values as stored.',
    ...onlyForCsv,
  });
}

/** rawOrLabel / rawOrLabelHeaders: anything but `label` means raw (§1.9). */
export function rawOrLabelParam(what: string, since?: string) {
  return selectParam(['raw', 'label'], {
    help: `raw: ${what} as stored codes; label: as their labels.`,
    wireDefault: 'raw',
    ...(since !== undefined && { since }),
  });
}

/** The instance of a repeating instrument or event; REDCap assumes 1 when not sent. */
/** The mock refuses instances past this (REDCap keeps them in a SMALLINT column). */
export const MAX_REPEAT_INSTANCE = 32767;

export function repeatInstanceParam(help: string) {
  return numberParam({
    help: `${help} Only for repeating instruments or events; REDCap uses 1 when not sent.`,
    wireDefault: '1',
    min: 1,
    max: MAX_REPEAT_INSTANCE,
  });
}

/** A unique event name; REDCap needs it in longitudinal projects and ignores it otherwise. */
export function eventParam(help: string, options: Omit<ParamOptions, 'help' | 'picker'> = {}) {
  return textParam({
    ...options,
    help: `${help} Unique event name, e.g. baseline_arm_1 (longitudinal projects only).`,
    picker: 'events',
  });
}
