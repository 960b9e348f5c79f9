import type { MethodDefinition, ParamValues } from './define-method.ts';
import { checkData } from './check-data.ts';
import { validateWith, type ValidationResult } from './validate-core.ts';

export { applicableParams, cleanParams } from './applicable.ts';
export type { CheckData, ValidationResult } from './validate-core.ts';

/**
 * Checks params against the method's schema and reads `data` in its format (validate-core.ts).
 * Errors are keyed by parameter name, one message each, worded as REDCap names things.
 */
export function validateParams(method: MethodDefinition, params: ParamValues): ValidationResult {
  return validateWith(method, params, checkData);
}
