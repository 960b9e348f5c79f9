import { choicesOf, type Choice } from '../choices/choices.ts';
import type { ProjectModel } from './model.ts';
import { suggest } from '../suggest.ts';
import { FUNCTIONS } from '../logic/parse.ts';
import {
  byPosition,
  logicSyntaxError,
  mask,
  syntaxProblems,
  type LogicProblem,
} from '../logic/syntax.ts';

/**
 * Editor help for REDCap logic, pure and framework-free: completion at a cursor and a check
 * of the whole text against the project's own fields and events. Reuses the shared parser,
 * so what the editor calls a syntax error is exactly what the mock answers 400 for.
 */

/** The parts of the project model the logic editor reads. */
export type LogicModel = Pick<
  ProjectModel,
  'fields' | 'instruments' | 'events' | 'mappings' | 'longitudinal'
>;

export interface CompletionItem {
  /** What the list shows. */
  readonly label: string;
  /** What replaces the text between `from` and `to`. */
  readonly insert: string;
  /** A field's label, an event's name, a choice's label, a function's signature. */
  readonly detail: string;
  readonly kind: 'event' | 'field' | 'choice' | 'function';
}

export interface Completion {
  readonly from: number;
  readonly to: number;
  readonly items: readonly CompletionItem[];
}

const STATUS_SUFFIX = '_complete';

/** Field labels may hold HTML and newlines; the list shows one line of text. */
function plain(label: string): string {
  return label
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function fieldNamed(model: LogicModel, name: string) {
  return model.fields.find((f) => f.field_name === name);
}

function statusForms(model: LogicModel): { form: string; name: string; label: string }[] {
  const forms = model.instruments.length
    ? model.instruments.map((i) => ({ form: i.instrument_name, label: i.instrument_label }))
    : [...new Set(model.fields.map((f) => f.form_name))].map((form) => ({ form, label: form }));
  return forms.map(({ form, label }) => ({
    form,
    name: `${form}${STATUS_SUFFIX}`,
    label: `Form status of ${plain(label)}`,
  }));
}

/** The lexical state at a position: inside a quoted value, inside [ ], or neither. */
function stateAt(text: string, end: number): { quote: number | null; bracket: number | null } {
  let quote: number | null = null;
  let bracket: number | null = null;
  for (let i = 0; i < end; i++) {
    const ch = text[i]!;
    if (quote !== null) {
      if (ch === text[quote]) quote = null;
    } else if (bracket !== null) {
      if (ch === ']') bracket = null;
      else if (ch === '[') bracket = i;
    } else if (ch === "'" || ch === '"') quote = i;
    else if (ch === '[') bracket = i;
  }
  return { quote, bracket };
}

function rank<T extends { label: string; detail: string }>(
  items: readonly T[],
  typed: string,
): T[] {
  const q = typed.toLowerCase();
  if (q === '') return [...items];
  const starts = items.filter((i) => i.label.toLowerCase().startsWith(q));
  const inside = items.filter(
    (i) =>
      !starts.includes(i) &&
      (i.label.toLowerCase().includes(q) || i.detail.toLowerCase().includes(q)),
  );
  return [...starts, ...inside];
}

/** The forms designated for an event, or null when the mapping is unknown. */
function formsOfEvent(model: LogicModel, event: string): ReadonlySet<string> | null {
  if (!model.longitudinal || model.mappings.length === 0) return null;
  if (!model.events.some((e) => e.unique_event_name === event)) return null;
  return new Set(model.mappings.filter((m) => m.unique_event_name === event).map((m) => m.form));
}

function fieldItems(model: LogicModel, forms: ReadonlySet<string> | null): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const f of model.fields) {
    if (f.field_type === 'descriptive' || (forms && !forms.has(f.form_name))) continue;
    const label = plain(f.field_label);
    if (f.field_type === 'checkbox') {
      for (const c of choicesOf('checkbox', f.select_choices_or_calculations) ?? []) {
        const name = `${f.field_name}(${c.code})`;
        items.push({
          label: name,
          insert: `${name}]`,
          detail: `${label}: ${c.label}`,
          kind: 'field',
        });
      }
      continue;
    }
    items.push({ label: f.field_name, insert: `${f.field_name}]`, detail: label, kind: 'field' });
  }
  for (const s of statusForms(model)) {
    if (forms && !forms.has(s.form)) continue;
    items.push({ label: s.name, insert: `${s.name}]`, detail: s.label, kind: 'field' });
  }
  return items;
}

function eventItems(model: LogicModel): CompletionItem[] {
  return model.events.map((e) => ({
    label: e.unique_event_name,
    insert: `${e.unique_event_name}]`,
    detail: `${e.event_name} (Arm ${e.arm_num})`,
    kind: 'event',
  }));
}

/** Choices offered after `[field] =`: a checkbox option reads 1/0. */
function choicesFor(
  model: LogicModel,
  field: string,
  code: string | undefined,
): readonly Choice[] | null {
  const f = fieldNamed(model, field);
  if (!f) return null;
  if (code !== undefined) {
    return [
      { code: '1', label: 'Checked' },
      { code: '0', label: 'Unchecked' },
    ];
  }
  if (f.field_type === 'checkbox') return null;
  return choicesOf(f.field_type, f.select_choices_or_calculations);
}

const AFTER_COMPARISON =
  /\[([a-z][a-z0-9_]*)(?:\(([^()\]]*)\))?\]\s*(?:=|<>|!=)\s*(?:(['"])([^'"]*))?$/;

function completeChoice(text: string, cursor: number, model: LogicModel): Completion | null {
  const m = AFTER_COMPARISON.exec(text.slice(0, cursor));
  if (!m) return null;
  const choices = choicesFor(model, m[1]!, m[2]);
  if (!choices || choices.length === 0) return null;
  const quote = m[3] ?? "'";
  const typed = m[4] ?? '';
  const from = m[3] === undefined ? cursor : cursor - typed.length - 1;
  let to = cursor;
  while (to < text.length && !/['"\s)\]]/.test(text[to]!)) to++;
  if (m[3] !== undefined && text[to] === quote) to++;
  const items = choices.map((c) => ({
    label: `${quote}${c.code}${quote}`,
    insert: `${quote}${c.code}${quote}`,
    detail: c.label,
    kind: 'choice' as const,
  }));
  const q = typed.toLowerCase();
  return {
    from,
    to,
    items:
      q === ''
        ? items
        : items.filter(
            (i) =>
              i.insert.slice(1).toLowerCase().startsWith(q) || i.detail.toLowerCase().includes(q),
          ),
  };
}

/**
 * What can be typed at the cursor: after `[` the events (longitudinal projects, first) and
 * fields, a checkbox as `field(code)`; after `[field] =` or `<>` the field's codes in quotes
 * with their labels; after a letter the functions. Null when there is nothing to offer.
 */
export function complete(text: string, cursor: number, model: LogicModel): Completion | null {
  const at = Math.max(0, Math.min(cursor, text.length));
  const state = stateAt(text, at);
  if (state.bracket !== null) {
    const start = state.bracket;
    const typed = text.slice(start + 1, at);
    let to = at;
    while (to < text.length && /[A-Za-z0-9_()]/.test(text[to]!)) to++;
    if (text[to] === ']') to++;
    // `[event][` → the fields of that event's forms; a first `[` in a longitudinal project →
    // events too.
    const afterEvent = start > 0 && text[start - 1] === ']';
    const previous = afterEvent ? text.slice(text.lastIndexOf('[', start - 2) + 1, start - 1) : '';
    const forms = afterEvent ? formsOfEvent(model, previous.trim()) : null;
    const events = model.longitudinal && !afterEvent ? rank(eventItems(model), typed) : [];
    const items = [...events, ...rank(fieldItems(model, forms), typed)];
    return items.length ? { from: start + 1, to, items } : null;
  }
  const choice = completeChoice(text, at, model);
  if (choice) return choice.items.length ? choice : null;
  if (state.quote !== null) return null;
  const word = /[A-Za-z_]+$/.exec(text.slice(0, at));
  if (!word) return null;
  const from = at - word[0].length;
  if (from > 0 && /[A-Za-z0-9_\]]/.test(text[from - 1]!)) return null;
  const typed = word[0].toLowerCase();
  const items: CompletionItem[] = Object.entries(FUNCTIONS)
    .filter(([name]) => name.startsWith(typed))
    .map(([name, f]) => ({
      label: `${name}()`,
      insert: `${name}(`,
      detail: f.signature,
      kind: 'function',
    }));
  return items.length ? { from, to: at, items } : null;
}

/* ---- The check ---- */

function describeChoices(choices: readonly Choice[]): string {
  return choices.map((c) => `${c.code} (${c.label})`).join(', ');
}

const COMPARED_VALUE = /^\s*(?:=|<>|!=)\s*(?:'([^']*)'|"([^"]*)"|(-?\d+(?:\.\d+)?)(?![\d.]))/;

/** Unknown events and fields (with a suggestion), checkbox codes, and codes compared to. */
function names(text: string, model: LogicModel): LogicProblem[] {
  const problems: LogicProblem[] = [];
  const masked = mask(text, false);
  const eventNames = model.events.map((e) => e.unique_event_name);
  const statuses = statusForms(model).map((s) => s.name);
  const fieldNames = model.fields
    .filter((f) => f.field_type !== 'descriptive')
    .map((f) => f.field_name)
    .concat(statuses);
  const warn = (from: number, to: number, message: string) =>
    problems.push({ from, to, message, severity: 'warning' });
  const didYouMean = (name: string, candidates: readonly string[]) => {
    const s = suggest(name, candidates);
    return s !== null && s !== name ? `; did you mean \`${s}\`?` : '';
  };

  for (const group of masked.matchAll(/(?:\[[^[\]]*\])+/g)) {
    const parts = [...group[0].matchAll(/\[([^[\]]*)\]/g)].map((p) => ({
      name: p[1]!.trim(),
      from: group.index + p.index,
      to: group.index + p.index + p[0].length,
    }));
    if (parts.length > 2) continue; // a syntax error, reported by the parser
    const fieldPart = parts[parts.length - 1]!;
    if (parts.length === 2) {
      const ev = parts[0]!;
      if (!model.longitudinal) {
        warn(
          ev.from,
          ev.to,
          `This project is not longitudinal, so \`${ev.name}\` cannot be an event`,
        );
      } else if (eventNames.length > 0 && !eventNames.includes(ev.name)) {
        warn(
          ev.from,
          ev.to,
          `\`${ev.name}\` is not an event in this project${didYouMean(ev.name, eventNames)}`,
        );
      }
    }
    const m = /^([A-Za-z0-9_]+)(?:\(([^()]*)\))?$/.exec(fieldPart.name);
    if (!m) continue; // the parser says what is wrong
    const [, name, code] = m as unknown as [string, string, string | undefined];
    const { from, to } = fieldPart;
    if (
      parts.length === 1 &&
      model.longitudinal &&
      eventNames.includes(name) &&
      !fieldNames.includes(name)
    ) {
      warn(from, to, `\`${name}\` is an event: follow it with a field, e.g. [${name}][field]`);
      continue;
    }
    const field = fieldNamed(model, name);
    if (!fieldNames.includes(name)) {
      const what =
        field?.field_type === 'descriptive'
          ? 'a descriptive field: it holds no data'
          : 'not a field in this project';
      warn(from, to, `\`${name}\` is ${what}${field ? '' : didYouMean(name, fieldNames)}`);
      continue;
    }
    if (parts.length === 2) {
      const event = parts[0]!.name;
      const forms = formsOfEvent(model, event);
      const form = field?.form_name ?? name.slice(0, -STATUS_SUFFIX.length);
      if (forms && !forms.has(form)) {
        warn(
          from,
          to,
          `\`${name}\` is not collected in \`${event}\`: its form \`${form}\` is not designated for that event`,
        );
        continue;
      }
    }
    if (field?.field_type === 'checkbox') {
      const options = choicesOf('checkbox', field.select_choices_or_calculations) ?? [];
      if (code === undefined) {
        const first = options[0]?.code ?? '1';
        warn(
          from,
          to,
          `[${name}] is a checkbox: name one option, e.g. [${name}(${first})] (${describeChoices(options)})`,
        );
      } else if (options.length > 0 && !options.some((o) => o.code === code.trim())) {
        warn(
          from,
          to,
          `\`${code.trim()}\` is not an option of [${name}]: ${describeChoices(options)}`,
        );
      }
      continue;
    }
    if (code !== undefined) {
      warn(from, to, `[${name}] is not a checkbox, so it takes no (${code})`);
      continue;
    }
    // `[sex] = '3'` where 3 is not one of the field's codes.
    const choices = field
      ? choicesOf(field.field_type, field.select_choices_or_calculations)
      : null;
    const compared = COMPARED_VALUE.exec(text.slice(group.index + group[0].length));
    if (choices && choices.length > 0 && compared) {
      const value = compared[1] ?? compared[2] ?? compared[3] ?? '';
      if (value !== '' && !choices.some((c) => c.code === value)) {
        const start = group.index + group[0].length + compared[0].length;
        const length = compared[3] !== undefined ? value.length : value.length + 2;
        warn(
          start - length,
          start,
          `\`${value}\` is not a code of [${name}]: ${describeChoices(choices)}`,
        );
      }
    }
  }
  return problems;
}

/**
 * Problems of a logic text: those of syntaxProblems (balance, habits, the parser's error) and,
 * with a model, unknown events and fields with a suggestion, checkbox options, and codes that
 * a field with choices does not have. Sorted by position. Errors are what REDCap refuses;
 * warnings are advice.
 */
export function checkLogic(text: string, model: LogicModel | null): LogicProblem[] {
  const problems = syntaxProblems(text);
  if (text.trim() === '' || !model || model.fields.length === 0) return problems;
  return [...problems, ...names(text, model)].sort(byPosition);
}

export { logicSyntaxError, type LogicProblem };

/** What the logic editor takes from this module once it has loaded. */
export interface LogicAssist {
  readonly complete: typeof complete;
  readonly checkLogic: typeof checkLogic;
}
