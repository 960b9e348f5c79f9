import { formStatusName } from './dictionary.ts';
import type { DataSlot } from './types.ts';

/**
 * A form's status in one slot. REDCap shows a form that was never saved in gray: no
 * `<form>_complete` value is stored, even when the form's fields hold data (entered by an
 * import, a calculation or a data copy rather than by saving the form). Import Records gives such
 * a form the status Incomplete (`import.ts`); a seed that keeps a form gray takes it off again.
 */

/** Makes `form` gray again in `slot` (its status removed, its values kept). True if it had one. */
export function clearFormStatus(slot: DataSlot, form: string): boolean {
  const status = formStatusName(form);
  if (!Object.hasOwn(slot.values, status)) return false;
  delete slot.values[status];
  return true;
}
