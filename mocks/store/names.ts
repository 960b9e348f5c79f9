import { MAX_REPEAT_INSTANCE } from '../../src/lib/methods/shared-params.ts';

/** REDCap's rules for record names and repeat instances, whatever the request that names them. */

/**
 * The largest repeat instance the mock accepts: REDCap keeps instances in a SMALLINT column
 * (the notes give no limit; refusing past it is safer than rounding a 20-digit number).
 */
export { MAX_REPEAT_INSTANCE };

/** A repeat instance as text: a whole number from 1 to MAX_REPEAT_INSTANCE, no sign, no zeros first. */
export function isRepeatInstance(text: string): boolean {
  return /^[1-9]\d{0,4}$/.test(text) && Number(text) <= MAX_REPEAT_INSTANCE;
}

export const REPEAT_INSTANCE_MESSAGE = `The value of the parameter "repeat_instance" is not valid: it must be a whole number from 1 to ${MAX_REPEAT_INSTANCE}`;

/** REDCap stores record names in a 100-character column. */
export const MAX_RECORD_NAME = 100;

/**
 * Why REDCap would refuse a new record name, or null: `+ & # '` (§2.3, REDCap's words); control
 * characters (NUL, tab, line breaks…) and names past 100 characters (the mock's words, refused
 * rather than stored, since the notes say nothing).
 */
export function recordNameProblem(name: string): string | null {
  if (/[+&#']/.test(name)) {
    return `The record name (${name}) cannot contain a plus sign (+), ampersand (&), pound sign (#), or apostrophe.`;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) {
    return 'A record name cannot contain control characters (NUL, tab, line breaks and the like).';
  }
  if ([...name].length > MAX_RECORD_NAME) {
    return `The record name (${name.slice(0, 20)}…) is longer than ${MAX_RECORD_NAME} characters.`;
  }
  return null;
}
