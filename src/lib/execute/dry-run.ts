import { readCsv } from '../csv/csv.ts';
import type { ParamValues } from '../methods/define-method.ts';
import { getMethod, type MethodId } from '../methods/index.ts';
import { buildProjectModel, type ProjectModel } from '../project/model.ts';
import type { RedcapClient } from './client.ts';
import { explainReadFailure } from './explain.ts';

/**
 * What a write would do, found out with read-only calls before it runs (REDCap has no dry-run
 * parameter): which records exist, which are new, how many stored values blanks would erase.
 */
export interface DryRunDeps {
  readonly client: Pick<RedcapClient, 'json'>;
  /** The project's model when it is known already: its record id field is used as is. */
  readonly model?: ProjectModel;
  readonly signal?: AbortSignal;
}

type Row = Record<string, string>;

async function exportJson(deps: DryRunDeps, id: MethodId, values: ParamValues): Promise<Row[]> {
  const answer = await deps.client.json(id, values, deps.signal);
  if (!answer.ok) {
    throw new Error(
      answer.result ? explainReadFailure(getMethod(id).label, answer.result) : answer.why,
    );
  }
  if (!Array.isArray(answer.value))
    throw new Error(`${getMethod(id).label} did not return a list.`);
  return answer.value as Row[];
}

/** The record id field, as the project model defines it (read from the dictionary if needed). */
export async function recordIdField(deps: DryRunDeps): Promise<string> {
  const model =
    deps.model ??
    buildProjectModel({
      metadata: await exportJson(deps, 'exp_metadata', { format: 'json', returnFormat: 'json' }),
    });
  if (model.fields.length === 0) throw new Error('The project has no fields.');
  return model.recordIdField;
}

/** Which of `ids` exist, from an id-only export (exp_records with fields[0]=<id field>). */
export async function existingRecords(
  deps: DryRunDeps,
  idField: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await exportJson(deps, 'exp_records', {
    format: 'json',
    type: 'flat',
    records: [...ids],
    fields: [idField],
    returnFormat: 'json',
  });
  return new Set(rows.map((row) => String(row[idField] ?? '')));
}

/** The rows of an import's `data`, for JSON and CSV (flat); null when it cannot be read. */
export function importRows(values: ParamValues): Row[] | null {
  const data = typeof values['data'] === 'string' ? values['data'] : '';
  if (values['type'] === 'eav') return null;
  try {
    if (values['format'] === 'json') {
      const parsed: unknown = JSON.parse(data);
      return Array.isArray(parsed) ? (parsed as Row[]) : null;
    }
    if (values['format'] === 'csv') {
      const [header = [], ...rows] = readCsv(data);
      return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])));
    }
  } catch {
    return null;
  }
  return null;
}

const list = (ids: readonly string[]): string => (ids.length ? ids.join(', ') : 'none');
const distinct = (ids: readonly string[]): string[] => [...new Set(ids)];

async function dryRunImport(values: ParamValues, deps: DryRunDeps): Promise<string[]> {
  const rows = importRows(values);
  if (!rows) return ['No dry run: only flat JSON or CSV data can be checked beforehand.'];
  if (values['forceAutoNumber'] === true) {
    return [`Creates ${rows.length} new record(s), numbered by REDCap (forceAutoNumber).`];
  }
  const idField = await recordIdField(deps);
  const key = Object.hasOwn(rows[0] ?? {}, idField)
    ? idField
    : (Object.keys(rows[0] ?? {})[0] ?? idField);
  const ids = distinct(rows.map((row) => String(row[key] ?? '')));
  const existing = await existingRecords(deps, idField, ids);
  const fresh = ids.filter((id) => !existing.has(id));
  const old = ids.filter((id) => existing.has(id));
  const lines = [
    `Imports ${ids.length} record(s): ${fresh.length} new (${list(fresh)}), ${old.length} existing (${list(old)}) whose values will be updated.`,
  ];
  if (values['overwriteBehavior'] === 'overwrite' && old.length > 0) {
    const erased = await countErased(deps, idField, key, rows, old);
    lines.push(
      erased === 0
        ? 'Overwrite is on, but no blank value would erase a stored one.'
        : `Overwrite is on: blank values would erase ${erased} stored value(s).`,
    );
  }
  return lines;
}

/** How many stored, non-blank values the import's blanks would replace (overwrite). */
async function countErased(
  deps: DryRunDeps,
  idField: string,
  key: string,
  rows: readonly Row[],
  ids: readonly string[],
): Promise<number> {
  const columns = Object.keys(rows[0] ?? {});
  const fields = distinct(
    columns.filter((c) => !c.startsWith('redcap_')).map((c) => c.replace(/___.+$/, '')),
  );
  const stored = await exportJson(deps, 'exp_records', {
    format: 'json',
    type: 'flat',
    records: [...ids],
    fields: distinct([idField, ...fields]),
    returnFormat: 'json',
  });
  const where = (row: Row): string =>
    ['redcap_event_name', 'redcap_repeat_instrument', 'redcap_repeat_instance']
      .map((c) => String(row[c] ?? ''))
      .join('|');
  let erased = 0;
  for (const row of rows) {
    const match = stored.find(
      (s) => String(s[idField]) === String(row[key]) && where(s) === where(row),
    );
    if (!match) continue;
    for (const column of columns) {
      if (row[column] === '' && (match[column] ?? '') !== '') erased += 1;
    }
  }
  return erased;
}

async function dryRunDelete(values: ParamValues, deps: DryRunDeps): Promise<string[]> {
  const ids = distinct(Array.isArray(values['records']) ? (values['records'] as string[]) : []);
  const idField = await recordIdField(deps);
  const existing = await existingRecords(deps, idField, ids);
  const found = ids.filter((id) => existing.has(id));
  const missing = ids.filter((id) => !existing.has(id));
  const what = values['instrument'] ? `the ${String(values['instrument'])} data of` : '';
  const lines = [
    `Deletes ${what} ${found.length} record(s) that exist: ${list(found)}.`.replace('  ', ' '),
  ];
  if (missing.length > 0) {
    lines.push(
      `Not found: ${list(missing)}. REDCap refuses the whole call when a record does not exist, so nothing would be deleted.`,
    );
  }
  return lines;
}

/** Plain sentences saying what the write will do; a fallback line when REDCap allows no check. */
export async function dryRun(
  methodId: MethodId,
  values: ParamValues,
  deps: DryRunDeps,
): Promise<string[]> {
  if (methodId === 'imp_records') return dryRunImport(values, deps);
  if (methodId === 'del_records') return dryRunDelete(values, deps);
  return ['No dry run: REDCap offers no way to check this change beforehand.'];
}
