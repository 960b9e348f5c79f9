import { findDag } from './access.ts';
import { recordIdField } from './dictionary.ts';
import { badRequest } from './errors.ts';
import { importRows, type ImportOptions, type ImportResult } from './import.ts';
import { importLongitudinalRows } from './import-longitudinal.ts';
import { isLongitudinal } from './longitudinal.ts';
import { findRecord } from './records.ts';
import type { Cells, ProjectData, ProjectUser } from './types.ts';

/**
 * Import Records (§2.4) as one user does it: the rows' `redcap_data_access_group` checked and
 * taken out, every row checked by the classic or the longitudinal rules, then all of them
 * saved or none; records then join the DAG their rows asked for.
 */

const DAG_COLUMN = 'redcap_data_access_group';

/**
 * Takes `redcap_data_access_group` out of the imported rows (§3.3: "also accepted on import")
 * and checks it: a DAG user's column is ignored (their new records go into their DAG) and
 * their rows may not name another DAG's records; other users' values must be unique group
 * names. Returns, per row, the DAG it asks for (null: none asked).
 */
function takeDagColumn(
  project: ProjectData,
  user: ProjectUser,
  rows: Cells[],
  forceAutoNumber: boolean,
): (string | null)[] {
  const idField = recordIdField(project);
  const wanted = rows.map((cells) => {
    const i = cells.findIndex(([n]) => n === DAG_COLUMN);
    if (i < 0) return null;
    const value = cells[i]![1].trim();
    cells.splice(i, 1);
    return value;
  });
  if (user.data_access_group !== '') {
    if (!forceAutoNumber) {
      const foreign = rows
        .map((cells) => cells.find(([n]) => n === idField)?.[1].trim() ?? '')
        .filter((id) => {
          const record = findRecord(project, id);
          return record !== undefined && record.dag !== user.data_access_group;
        });
      if (foreign.length > 0) {
        throw badRequest(
          `You cannot modify the following records because they belong to another Data Access Group: ${[...new Set(foreign)].join(', ')}`,
        );
      }
    }
    return rows.map(() => user.data_access_group);
  }
  const unknown = wanted.filter((w): w is string => w !== null && w !== '' && !findDag(project, w));
  if (unknown.length > 0) {
    throw badRequest(
      `The following values of redcap_data_access_group are invalid: ${[...new Set(unknown)].join(', ')}`,
    );
  }
  return wanted;
}

/**
 * Imports `rows` (taken apart: the DAG column is removed from them) for `user`. The
 * `forceAutoNumber` asked for renames records only where record auto-numbering is on;
 * elsewhere the ids stay and `autoIds` is `<id>,<id>` (PHPCap's
 * tests/integration/RecordsTest.php, testImportAndDeleteRecordsCsvFormatWithForceAutoNumber).
 * Refusals are ApiErrors with REDCap's texts, and then nothing changed.
 */
export function importRecords(
  project: ProjectData,
  user: ProjectUser,
  rows: Cells[],
  options: ImportOptions,
): ImportResult {
  const forceAutoNumber =
    options.forceAutoNumber && project.info.record_autonumbering_enabled === 1;
  const idField = recordIdField(project);
  const sentIds = rows.map((cells) => cells.find(([n]) => n === idField)?.[1].trim() ?? '');
  const dags = takeDagColumn(project, user, rows, forceAutoNumber);
  const importer = isLongitudinal(project) ? importLongitudinalRows : importRows;
  const result = importer(project, rows, { ...options, forceAutoNumber });
  const finalId = new Map(
    forceAutoNumber
      ? result.autoIds.map((pair) => {
          const [id = '', sent = ''] = pair.split(',');
          return [sent, id];
        })
      : sentIds.map((id) => [id, id]),
  );
  dags.forEach((dag, i) => {
    // Only rows that name a DAG look their record up: a lookup per row of a large import
    // without the column made it quadratic (100,000 rows: 102 s, against 8.5 s without).
    if (dag === null || (dag === '' && !options.overwrite)) return;
    const record = findRecord(project, finalId.get(sentIds[i]!) ?? '');
    if (record) record.dag = dag;
  });
  return result;
}
