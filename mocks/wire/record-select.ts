import { compileFilter } from '../store/logic.ts';
import { mainSlot, sortedRecords } from '../store/records.ts';
import type { DataSlot, ProjectData, StoredRecord } from '../store/types.ts';
import type { Params } from './params.ts';
import { badRequest } from './route.ts';

/** Which records Export Records returns (§2.3): `records`, filterLogic, dateRangeBegin/End. */

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2})(?::(\d{2}))?)?$/;

/**
 * A `YYYY-MM-DD[ HH:MM[:SS]]` bound (`T` or `/` accepted) as a log timestamp; a date-only or
 * minute-only end reaches the end of that day or minute. Null when not sent.
 */
export function timeBound<N extends string>(p: Params<N>, name: N, end: boolean): string | null {
  const value = p.trimmed(name);
  if (value === '') return null;
  const m = DATE_TIME.exec(value.replace('T', ' ').replace(/\//g, '-'));
  if (!m) throw badRequest(`The value of the parameter "${name}" is not a valid date-time`);
  const time = m[2] ? `${m[2]}:${m[3] ?? (end ? '59' : '00')}` : end ? '23:59:59' : '00:00:00';
  return `${m[1]} ${time}`;
}

/** A repeat instance seen with its record's other values, as REDCap's logic sees a row. */
function rowView(main: DataSlot, slot: DataSlot): DataSlot {
  if (slot === main) return main;
  return {
    ...slot,
    values: { ...main.values, ...slot.values },
    checked: { ...main.checked, ...slot.checked },
  };
}

/** What selects the records of an export (§2.3), as the request gives it. */
export interface RecordCriteria {
  /** Record names; none → every record. */
  readonly records: readonly string[];
  readonly filterLogic: string;
  /** Log timestamps (`timeBound`), or null when not sent. */
  readonly begin: string | null;
  readonly end: string | null;
}

/** The criteria of Export Records and Export Project XML: `filterLogic`, `dateRangeBegin/End`. */
export function recordCriteria(
  p: Params<'filterLogic' | 'dateRangeBegin' | 'dateRangeEnd'>,
  records: readonly string[],
): RecordCriteria {
  return {
    records,
    filterLogic: p.text('filterLogic') ?? '',
    begin: timeBound(p, 'dateRangeBegin', false),
    end: timeBound(p, 'dateRangeEnd', true),
  };
}

/**
 * The records to export, in REDCap's order: `records` (unknown names skipped, single quotes
 * stripped), filterLogic (a record matches when one of its rows does), dateRangeBegin/End
 * (created or modified in the range, per the log).
 */
export function selectRecords(project: ProjectData, criteria: RecordCriteria): StoredRecord[] {
  const { records, begin, end } = criteria;
  let selected = sortedRecords(project);
  if (records.length > 0) {
    const wanted = new Set(records.map((r) => r.replace(/'/g, '')));
    selected = selected.filter((r) => wanted.has(r.id));
  }
  const logic = criteria.filterLogic;
  if (logic.trim() !== '') {
    const matches = compileFilter(logic, project);
    selected = selected.filter((r) => {
      if (project.info.is_longitudinal === 1) {
        // Each row on its own; `[event][field]` reads the record's row of that event.
        const lookup = (event: string) =>
          r.slots.find(
            (s) => s.event === event && s.repeatInstrument === null && (s.instance ?? 1) === 1,
          );
        return r.slots.some((slot) => matches(slot, lookup));
      }
      const main = mainSlot(r);
      return r.slots.some((slot) => matches(rowView(main, slot)));
    });
  }
  if (begin !== null || end !== null) {
    const from = begin ?? '2004-08-01 00:00:00';
    const to = end ?? '9999-12-31 23:59:59';
    const touched = new Set(
      project.log
        .filter((l) => l.record !== '' && l.timestamp >= from && l.timestamp <= to)
        .map((l) => l.record),
    );
    selected = selected.filter((r) => touched.has(r.id));
  }
  return selected;
}
