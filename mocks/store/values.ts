import { isValidDateTime } from '../../src/lib/methods/shared-params.ts';
import { fieldChoices, type DataColumn } from './dictionary.ts';

/** Import Records (§2.4): one cell's stored form, or why REDCap refuses it (§1.8). */

export type DateFormat = 'YMD' | 'MDY' | 'DMY';

/** `M/D/Y` or `D/M/Y` (with `/` or `-`) as stored Y-M-D; anything else is left as sent. */
function toYmd(value: string, dateFormat: DateFormat): string {
  if (dateFormat === 'YMD') return value;
  const m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(.*)$/.exec(value);
  if (!m) return value;
  const [a, b, year, rest] = [m[1]!, m[2]!, m[3]!, m[4]!];
  const [month, day] = dateFormat === 'MDY' ? [a, b] : [b, a];
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}${rest}`;
}

const DATE_VALIDATION = /^date(time)?(_seconds)?_(ymd|mdy|dmy)$/;
const INTEGER = /^[-+]?\d+$/;
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
/** number_comma_decimal and number_Ndp_comma_decimal: `1,54` (REDCapR's decimal-comma-and-dot test project). */
const COMMA_NUMBER = /^[-+]?(\d+(,\d*)?|,\d+)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type CellCheck = { value: string } | { reason: string };

/** Choice codes per field, parsed once (an import checks thousands of cells). */
const codesCache = new WeakMap<object, ReadonlySet<string> | null>();
function choiceCodes(column: DataColumn & { kind: 'value' }): ReadonlySet<string> | null {
  let codes = codesCache.get(column.field);
  if (codes === undefined) {
    const choices = fieldChoices(column.field);
    codes = choices ? new Set(choices.map((c) => c.code)) : null;
    codesCache.set(column.field, codes);
  }
  return codes;
}

/**
 * A non-blank cell's stored form, or the reason REDCap rejects it. Choice fields (radio,
 * dropdown, yesno, truefalse), checkbox options (0/1) and form statuses (0/1/2) take their
 * codes; validated text its type; a slider a whole number 0–100; a calc field a number.
 */
export function checkCell(column: DataColumn, value: string, dateFormat: DateFormat): CellCheck {
  const name = column.name;
  const category = { reason: `The value is not a valid category for ${name}` };
  if (column.kind === 'checkbox') return value === '0' || value === '1' ? { value } : category;
  if (column.kind === 'status') return ['0', '1', '2'].includes(value) ? { value } : category;
  const codes = choiceCodes(column);
  if (codes) return codes.has(value) ? { value } : category;
  const trimmed = value.trim();
  if (column.field.field_type === 'slider') {
    return INTEGER.test(trimmed) && Number(trimmed) >= 0 && Number(trimmed) <= 100
      ? { value: String(Number(trimmed)) }
      : { reason: `The value is not a valid slider value (0 to 100) for ${name}` };
  }
  if (column.field.field_type === 'calc') {
    return NUMBER.test(trimmed)
      ? { value: trimmed }
      : { reason: `The value is not a valid number for ${name}` };
  }
  const validation = column.field.text_validation_type_or_show_slider_number;
  if (DATE_VALIDATION.test(validation)) {
    const ymd = toYmd(trimmed, dateFormat);
    return isValidDateTime(ymd, validation.startsWith('datetime'))
      ? { value: ymd }
      : { reason: `The value is not a valid date for ${name}` };
  }
  if (validation === 'integer') {
    return INTEGER.test(trimmed)
      ? { value: trimmed }
      : { reason: `The value is not a valid integer for ${name}` };
  }
  if (validation.startsWith('number') && validation.endsWith('_comma_decimal')) {
    return COMMA_NUMBER.test(trimmed)
      ? { value: trimmed }
      : { reason: `The value is not a valid number for ${name}` };
  }
  if (validation.startsWith('number')) {
    return NUMBER.test(trimmed)
      ? { value: trimmed }
      : { reason: `The value is not a valid number for ${name}` };
  }
  if (validation === 'email') {
    return EMAIL.test(trimmed)
      ? { value: trimmed }
      : { reason: `The value is not a valid e-mail address for ${name}` };
  }
  return { value };
}
