import type { FieldDescriptor } from '../../../lib/form/describe-schema.ts';
import type { ParamValue } from '../../../lib/methods/define-method.ts';

/** The props every form kind takes: one field, its value, and how to report changes. */
export interface KindProps {
  field: FieldDescriptor;
  id: string;
  value: ParamValue;
  invalid: boolean;
  describedby: string;
  onchange: (value: ParamValue) => void;
  onblur: () => void;
}
