import type { ParamValue } from '../../lib/methods/define-method.ts';
import { getMethod, isMethodId, METHODS, type MethodId } from '../../lib/methods/index.ts';
import type { UrlState } from '../../lib/form/url-state.ts';
import {
  validateWith,
  type CheckData,
  type ValidationResult,
} from '../../lib/methods/validate-core.ts';
import {
  describeSchema,
  initialValues,
  type FieldDescriptor,
} from '../../lib/form/describe-schema.ts';

export type FormValues = Record<string, ParamValue>;

/**
 * The request being composed: which method, and the values typed for every method visited, so
 * switching methods and back loses nothing.
 */
export class PlaygroundState {
  methodId = $state<MethodId>('exp_records');
  /** `data` can hold patient data: it goes into the address only when the user asks. */
  includeDataInUrl = $state(false);
  /** A method id the address named that the catalog does not have, until another is chosen. */
  unknownMethodId = $state<string | null>(null);
  #values = $state<Partial<Record<MethodId, FormValues>>>({});
  /** Fields whose error may show: touched ones, or all after an Execute attempt. */
  #revealed = $state<Partial<Record<MethodId, Record<string, true>>>>({});
  #revealAll = $state<Partial<Record<MethodId, boolean>>>({});

  readonly method = $derived(getMethod(this.methodId));
  readonly fields: readonly FieldDescriptor[] = $derived(describeSchema(this.method.params));
  readonly values: FormValues = $derived(this.#values[this.methodId] ?? initialValues(this.method));
  /** Reads `data` in its format: given by the workspace (useDataCheck), not carried by the entry. */
  #checkData = $state.raw<CheckData | null>(null);
  readonly validation: ValidationResult = $derived(
    validateWith(this.method, this.values, this.#checkData),
  );

  constructor(methodId?: MethodId) {
    if (methodId) this.methodId = methodId;
  }

  /** The workspace gives the form its `data` reader (src/lib/methods/check-data.ts). */
  useDataCheck(checkData: CheckData): void {
    this.#checkData = checkData;
  }

  select(id: MethodId): void {
    this.methodId = id;
    this.unknownMethodId = null;
  }

  setValue(name: string, value: ParamValue): void {
    const current = this.#values[this.methodId] ?? initialValues(this.method);
    this.#values[this.methodId] = { ...current, [name]: value };
  }

  /**
   * Takes the method and parameters a URL carries. What URLs never carry (data, files) is kept
   * from what was typed, so nothing typed is lost.
   */
  restore(state: UrlState): void {
    if (!isMethodId(state.methodId)) return;
    const method = getMethod(state.methodId);
    const current = this.#values[state.methodId] ?? {};
    const kept: FormValues = {};
    for (const field of describeSchema(method.params)) {
      if ((field.type === 'data' || field.type === 'file') && current[field.name] !== undefined) {
        kept[field.name] = current[field.name];
      }
    }
    const fromUrl = Object.keys(state.values).length > 0 ? state.values : initialValues(method);
    this.#values[state.methodId] = { ...fromUrl, ...kept };
    this.methodId = state.methodId;
    this.unknownMethodId = null;
  }

  touch(name: string): void {
    const revealed = this.#revealed[this.methodId] ?? {};
    if (!revealed[name]) this.#revealed[this.methodId] = { ...revealed, [name]: true };
  }

  /** The message to show next to a field, if any. */
  errorFor(name: string): string | undefined {
    if (this.validation.ok) return undefined;
    const shown = this.#revealAll[this.methodId] || this.#revealed[this.methodId]?.[name];
    return shown ? this.validation.errors[name] : undefined;
  }

  /** Before sending: reveal every message; true when the form is valid. */
  revealErrors(): boolean {
    this.#revealAll[this.methodId] = true;
    return this.validation.ok;
  }

  static readonly methods = METHODS;
}
