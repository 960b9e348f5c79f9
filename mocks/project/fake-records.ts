import { checkboxExportName, parseChoices } from '../../src/lib/choices/choices.ts';
import { parseLogic, type LogicNode } from '../../src/lib/logic/parse.ts';
import {
  fieldChoices,
  formNames,
  formStatusName,
  isDataField,
  recordIdField,
  repeatingForms,
} from '../store/dictionary.ts';
import { evaluate, truthy, type LogicContext } from '../store/logic.ts';
import {
  formsOfEvent,
  orderedEvents,
  repeatingEvents,
  repeatingFormsOn,
} from '../store/longitudinal.ts';
import type { Cells, DataSlot, MetadataRow, ProjectData } from '../store/types.ts';

/**
 * Realistic fake records for any project structure, as Import Records rows (so the store's own
 * checks take them in): every value from one seeded generator (no Math.random, no clock), of
 * its field's type, validation, range and choices; dates in range and in order through a
 * record (a visit after enrolment); calc fields computed with the mock's logic evaluator;
 * fields whose branching logic is false left blank; repeat instances, events per arm and DAGs
 * as the project defines them; identifiers obviously fake (a short fixed list of names,
 * `@example.org` e-mails, 555 phone numbers).
 */

export interface FakeOptions {
  readonly records: number;
  /** Any text or number: the same seed gives the same records. */
  readonly seed: string | number;
  /** Called every few hundred records with how many are done. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface FakeRecords {
  readonly rows: Cells[];
  /** Record id → unique DAG name, for records put in a DAG. */
  readonly dags: Map<string, string>;
}

/** FNV-1a of the seed's text: the generator's starting state. */
export function seedNumber(seed: string | number): number {
  let h = 0x811c9dc5;
  for (const ch of String(seed)) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for fake data, and the same on every machine. */
export function prng(seed: string | number): () => number {
  let a = seedNumber(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export const FAKE_FIRST_NAMES = ['Ada', 'Ben', 'Cleo', 'Dan', 'Eva', 'Finn', 'Gus', 'Hana'];
export const FAKE_LAST_NAMES = ['Example', 'Sample', 'Testperson', 'Placeholder', 'Demo'];
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india'];

/** The fixed day the generator calls "today" (logic's today(), ranges without bounds). */
const TODAY = new Date(Date.UTC(2025, 0, 1));
const DAY = 86_400_000;

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})/;

function dayOf(text: string): number | null {
  const m = YMD.exec(text);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(t) ? null : Math.floor(t / DAY);
}

const days = new Map<number, string>();
function ymd(day: number): string {
  let text = days.get(day);
  if (text === undefined) days.set(day, (text = new Date(day * DAY).toISOString().slice(0, 10)));
  return text;
}
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A record's person and dates: the same through all its events and instances. */
interface Person {
  readonly n: number;
  readonly first: string;
  readonly last: string;
  /** Day number of enrolment; each later date field of the record comes after the one before. */
  next: number;
  readonly born: number;
}

/** What one field needs, worked out once. */
interface Plan {
  readonly field: MetadataRow;
  readonly branching: LogicNode | null;
  readonly calc: LogicNode | null;
  readonly codes: readonly string[];
}

class Generator {
  readonly #project: ProjectData;
  readonly #next: () => number;
  readonly #plans = new Map<string, Plan>();
  readonly #byForms = new Map<string, { plans: Plan[]; dynamic: Plan[] }>();
  readonly #statuses: ReadonlySet<string>;
  readonly #missing = new Set<string>();
  readonly #idField: string;
  /** Enrolment window (day numbers). */
  readonly #from: number;
  readonly #to: number;

  constructor(project: ProjectData, seed: string | number) {
    this.#project = project;
    this.#next = prng(seed);
    this.#idField = recordIdField(project);
    this.#statuses = new Set(formNames(project).map(formStatusName));
    for (const field of project.metadata) {
      if (!isDataField(field)) continue;
      const parse = (text: string) => {
        try {
          return text.trim() === '' ? null : parseLogic(text);
        } catch {
          return null;
        }
      };
      this.#plans.set(field.field_name, {
        field,
        branching: parse(field.branching_logic),
        calc: field.field_type === 'calc' ? parse(field.select_choices_or_calculations) : null,
        codes: codesOf(field),
      });
    }
    const enrolment = project.metadata.find(
      (f) => isDate(f) && /enrol|enroll|consent|screen|baseline|start/.test(f.field_name),
    );
    this.#from = dayOf(enrolment?.text_validation_min ?? '') ?? dayOf('2023-01-01')!;
    this.#to = dayOf(enrolment?.text_validation_max ?? '') ?? dayOf('2024-12-31')!;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.#next() * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.#next() * list.length)]!;
  }

  chance(p: number): boolean {
    return this.#next() < p;
  }

  person(n: number): Person {
    const start = this.int(this.#from, Math.max(this.#from, this.#to - 60));
    return {
      n,
      first: this.pick(FAKE_FIRST_NAMES),
      last: this.pick(FAKE_LAST_NAMES),
      next: start,
      born: start - this.int(18 * 365, 85 * 365),
    };
  }

  /** One slot's values (fields of `forms`), with branching and calcs applied. */
  slot(forms: readonly string[], person: Person, lookup: (event: string) => DataSlot | undefined) {
    const slot: DataSlot = {
      event: null,
      repeatInstrument: null,
      instance: null,
      values: Object.create(null) as Record<string, string>,
      checked: Object.create(null) as Record<string, string[]>,
    };
    const { plans, dynamic } = this.#plansOf(forms);
    const raw = new Map<string, string | string[]>();
    for (const plan of plans) raw.set(plan.field.field_name, this.#value(plan, person));
    const ctx: LogicContext = {
      row: slot,
      project: this.#project,
      lookup,
      now: TODAY,
      missingCodes: this.#missing,
      statusNames: this.#statuses,
    };
    const put = (name: string, value: string | string[] | undefined) => {
      if (Array.isArray(value)) {
        if (value.length > 0) slot.checked[name] = value;
        else delete slot.checked[name];
      } else if (value !== undefined && value !== '') slot.values[name] = value;
      else delete slot.values[name];
    };
    for (const [name, value] of raw) put(name, value);
    // Branching may look forward, and calcs read what branching left: settle in a few passes
    // over the fields that have either.
    for (let pass = 0; pass < 4; pass++) {
      let changed = false;
      for (const plan of dynamic) {
        const name = plan.field.field_name;
        const shown = plan.branching === null || truthy(safe(() => evaluate(plan.branching!, ctx)));
        let value: string | string[] | undefined = shown ? raw.get(name) : undefined;
        if (shown && plan.calc) value = calcText(safe(() => evaluate(plan.calc!, ctx)));
        const before = slot.checked[name] ?? slot.values[name];
        if (same(before, value)) continue;
        put(name, value);
        changed = true;
      }
      if (!changed) break;
    }
    return slot;
  }

  /** The fields of a set of forms (record id aside), and those with branching or a calc. */
  #plansOf(forms: readonly string[]): { plans: Plan[]; dynamic: Plan[] } {
    const key = forms.join('|');
    let found = this.#byForms.get(key);
    if (!found) {
      const wanted = new Set(forms);
      const plans = [...this.#plans.values()].filter(
        (p) => wanted.has(p.field.form_name) && p.field.field_name !== this.#idField,
      );
      found = { plans, dynamic: plans.filter((p) => p.branching !== null || p.calc !== null) };
      this.#byForms.set(key, found);
    }
    return found;
  }

  #value(plan: Plan, person: Person): string | string[] {
    const { field } = plan;
    const type = field.field_type;
    if (type === 'file' || type === 'sql') return '';
    if (type === 'checkbox') return plan.codes.filter(() => this.chance(0.3));
    const optional = field.required_field !== 'y' && field.identifier !== 'y';
    if (optional && type !== 'calc' && this.chance(0.08)) return '';
    const choices = fieldChoices(field);
    if (choices) return this.pick(choices).code;
    if (type === 'slider') return String(this.#number(field, 0, 100, 0));
    if (type === 'notes') return this.#words(6, 14) + '.';
    if (type === 'calc') return '';
    return this.#text(field, person);
  }

  #words(min: number, max: number): string {
    const n = this.int(min, max);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(this.pick(WORDS));
    const text = words.join(' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  #number(field: MetadataRow, low: number, high: number, decimals: number): number {
    const min = NUMBER.test(field.text_validation_min) ? Number(field.text_validation_min) : null;
    const max = NUMBER.test(field.text_validation_max) ? Number(field.text_validation_max) : null;
    const from = min ?? (max !== null ? max - (high - low) : low);
    const to = max ?? from + (high - low);
    const scale = 10 ** decimals;
    const lo = Math.ceil(from * scale);
    const hi = Math.floor(to * scale);
    return (hi < lo ? lo : this.int(lo, hi)) / scale;
  }

  #date(field: MetadataRow, person: Person): number {
    const min = dayOf(field.text_validation_min);
    const max = dayOf(field.text_validation_max);
    let day: number;
    if (/birth|dob/.test(field.field_name)) day = person.born;
    else {
      day = person.next;
      person.next += this.int(1, 30);
    }
    if (min !== null && day < min) day = min + this.int(0, 30);
    if (max !== null && day > max) day = max - this.int(0, 30);
    if (min !== null && day < min) day = min;
    return day;
  }

  #text(field: MetadataRow, person: Person): string {
    const v = field.text_validation_type_or_show_slider_number;
    const name = field.field_name;
    if (v.startsWith('date')) {
      const day = ymd(this.#date(field, person));
      const time = `${pad(this.int(8, 17))}:${pad(this.int(0, 59))}`;
      if (v.startsWith('datetime_seconds')) return `${day} ${time}:${pad(this.int(0, 59))}`;
      return v.startsWith('datetime') ? `${day} ${time}` : day;
    }
    if (v === 'time') return `${pad(this.int(8, 17))}:${pad(this.int(0, 59))}`;
    if (v === 'time_hh_mm_ss')
      return `${pad(this.int(8, 17))}:${pad(this.int(0, 59))}:${pad(this.int(0, 59))}`;
    if (v === 'time_mm_ss') return `${pad(this.int(0, 59))}:${pad(this.int(0, 59))}`;
    if (v === 'integer') return String(this.#number(field, 0, 100, 0));
    if (v.startsWith('number')) {
      const decimals = Number(/(\d)dp/.exec(v)?.[1] ?? 1);
      const n = this.#number(field, 0, 100, decimals).toFixed(decimals);
      return v.endsWith('comma_decimal') ? n.replace('.', ',') : n;
    }
    if (v === 'email') {
      return `${person.first}.${person.last}${person.n}@example.org`.toLowerCase();
    }
    if (v === 'phone') return `(615) 555-01${pad(this.int(0, 99))}`;
    if (v === 'phone_australia') return `04 0000 00${pad(this.int(0, 99))}`;
    if (v === 'zipcode' || v === 'postalcode_french' || v === 'postalcode_germany') {
      return pad(this.int(10000, 99999), 5);
    }
    if (v === 'postalcode_australia') return String(this.int(2000, 7999));
    if (v === 'postalcode_canada') return `K1A ${this.int(0, 9)}B${this.int(0, 9)}`;
    if (v === 'ssn') return `900-00-${pad(this.int(0, 9999), 4)}`;
    if (v === 'mrn_10d') return pad(this.int(0, 99_999) + person.n * 100_000, 10).slice(-10);
    if (v === 'mrn_generic' || v === 'vmrn') return `MRN${pad(person.n, 6)}`;
    if (v === 'alpha_only') return this.pick(WORDS);
    if (/first/.test(name)) return person.first;
    if (/last|surname|family/.test(name)) return person.last;
    if (/name/.test(name)) return `${person.first} ${person.last}`;
    if (/addr|street/.test(name)) return `${person.n} Example Street`;
    if (field.identifier === 'y') return `fake ${name} ${person.n}`;
    return this.#words(1, 3);
  }

  status(): string {
    return this.pick(['0', '1', '2', '2', '2']);
  }
}

/** A stored value against a new one (undefined, '' and [] are all blank). */
function same(
  before: string | string[] | undefined,
  value: string | string[] | undefined,
): boolean {
  const a = Array.isArray(before) ? before.join(',') : (before ?? '');
  const b = Array.isArray(value) ? value.join(',') : (value ?? '');
  return a === b;
}

function isDate(field: MetadataRow): boolean {
  return field.text_validation_type_or_show_slider_number.startsWith('date');
}

function safe<T>(run: () => T): T | '' {
  try {
    return run();
  } catch {
    return '';
  }
}

/** A calc's result as stored text: plain decimals (Import Records refuses 1e-7), else blank. */
function calcText(value: unknown): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  const n = typeof value === 'number' ? value : NUMBER.test(String(value)) ? Number(value) : NaN;
  if (!Number.isFinite(n) || Math.abs(n) >= 1e15) return '';
  const text = n.toFixed(4).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/** One import row of a slot: the record id, where it goes, then its columns in dictionary order. */
function rowOf(
  project: ProjectData,
  id: string,
  slot: DataSlot,
  forms: readonly string[],
  where: Cells,
  status: () => string,
): Cells {
  const cells: Cells = [[recordIdField(project), id], ...where];
  const wanted = new Set(forms);
  for (const field of project.metadata) {
    if (!wanted.has(field.form_name) || !isDataField(field)) continue;
    const name = field.field_name;
    if (name === recordIdField(project)) continue;
    if (field.field_type === 'checkbox') {
      const checked = new Set(slot.checked[name] ?? []);
      for (const code of codesOf(field)) {
        cells.push([checkboxExportName(name, code), checked.has(code) ? '1' : '0']);
      }
    } else cells.push([name, slot.values[name] ?? '']);
  }
  for (const form of forms) cells.push([formStatusName(form), status()]);
  return cells;
}

/** `records` fake records of `project` as Import Records rows, and the DAG of each. */
export function fakeRecords(project: ProjectData, options: FakeOptions): FakeRecords {
  const g = new Generator(project, options.seed);
  const rows: Cells[] = [];
  const dags = new Map<string, string>();
  const dagNames = (project.dags ?? []).map((d) => d.unique_group_name);
  const repeating = repeatingForms(project);
  const longitudinal = project.info.is_longitudinal === 1;
  const events = longitudinal ? orderedEvents(project) : [];
  const arms = [...new Set(events.map((e) => e.arm_num))];
  const repeatEvents = repeatingEvents(project);
  const instances = () => (g.chance(0.3) ? 1 : g.int(1, 3));
  const total = Math.max(0, Math.floor(options.records));
  for (let n = 1; n <= total; n++) {
    const id = String(n);
    const person = g.person(n);
    const slots = new Map<string, DataSlot>();
    const lookup = (event: string) => slots.get(event);
    const status = () => g.status();
    if (!longitudinal) {
      const main = formNames(project).filter((f) => !repeating.has(f));
      rows.push(rowOf(project, id, g.slot(main, person, lookup), main, [], status));
      for (const form of formNames(project).filter((f) => repeating.has(f))) {
        if (g.chance(0.2)) continue;
        const count = instances();
        for (let i = 1; i <= count; i++) {
          const where: Cells = [
            ['redcap_repeat_instrument', form],
            ['redcap_repeat_instance', String(i)],
          ];
          rows.push(rowOf(project, id, g.slot([form], person, lookup), [form], where, status));
        }
      }
    } else {
      const arm = arms.length > 0 ? g.pick(arms) : 1;
      for (const event of events.filter((e) => e.arm_num === arm)) {
        const name = event.unique_event_name;
        const forms = formsOfEvent(project, name);
        if (forms.length === 0) continue;
        const at: Cells = [['redcap_event_name', name]];
        if (repeatEvents.has(name)) {
          const count = instances();
          for (let i = 1; i <= count; i++) {
            const slot = g.slot(forms, person, lookup);
            if (i === 1) slots.set(name, slot);
            const where: Cells = [
              ...at,
              ['redcap_repeat_instrument', ''],
              ['redcap_repeat_instance', String(i)],
            ];
            rows.push(rowOf(project, id, slot, forms, where, status));
          }
          continue;
        }
        const onEvent = repeatingFormsOn(project, name);
        const main = forms.filter((f) => !onEvent.has(f));
        const slot = g.slot(main, person, lookup);
        slots.set(name, slot);
        if (main.length > 0) rows.push(rowOf(project, id, slot, main, at, status));
        for (const form of forms.filter((f) => onEvent.has(f))) {
          const count = instances();
          for (let i = 1; i <= count; i++) {
            const where: Cells = [
              ...at,
              ['redcap_repeat_instrument', form],
              ['redcap_repeat_instance', String(i)],
            ];
            rows.push(rowOf(project, id, g.slot([form], person, lookup), [form], where, status));
          }
        }
      }
    }
    if (dagNames.length > 0) {
      const dag = g.pick(['', ...dagNames]);
      if (dag !== '') dags.set(id, dag);
    }
    if (n % 250 === 0 || n === total) options.onProgress?.(n, total);
  }
  return { rows, dags };
}

/** Codes of a checkbox field (none for other types). */
function codesOf(field: MetadataRow): string[] {
  return field.field_type === 'checkbox'
    ? parseChoices(field.select_choices_or_calculations).map((c) => c.code)
    : [];
}
