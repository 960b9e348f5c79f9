import { scalarField } from '../../src/lib/redcap/decode.ts';
import { respond } from '../wire/render.ts';
import { recordIdField } from '../store/dictionary.ts';
import { findRecord, mainSlot, nextRecordId } from '../store/records.ts';
import { recordNameProblem } from '../wire/params.ts';
import { badRequest, type Route } from '../wire/route.ts';

/** Rename Record (§2.6) and Generate Next Record Name (§2.7): plain-text answers. */

export const renameRecord: Route = {
  right: 'import',
  module: { right: 'record_rename', message: 'You do not have Rename Record privileges' },
  handle(ctx) {
    const { project } = ctx;
    const record = (scalarField(ctx.fields, 'record') ?? '').trim();
    const newName = (scalarField(ctx.fields, 'new_record_name') ?? '').trim();
    if (record === '') throw badRequest("The parameter 'record' is missing");
    if (newName === '') throw badRequest("The parameter 'new_record_name' is missing");
    const stored = findRecord(project, record);
    if (!stored) throw badRequest(`The record '${record}' does not exist`);
    const nameProblem = recordNameProblem(newName);
    if (nameProblem) throw badRequest(nameProblem);
    if (newName !== record && findRecord(project, newName)) {
      throw badRequest(`The record '${newName}' already exists`);
    }
    stored.id = newName;
    for (const response of project.surveys?.responses ?? []) {
      if (response.record === record) response.record = newName;
    }
    mainSlot(stored).values[recordIdField(project)] = newName;
    // The log follows the record (so dateRangeBegin/End and Export Logging still find it).
    for (const row of project.log) if (row.record === record) row.record = newName;
    // REDCap's rename script logs the old and new names against the new one.
    ctx.log(
      `Rename Record ${ctx.apiTag} ${newName}`,
      `old_record = '${record}', new_record = '${newName}'`,
      newName,
    );
    return respond(200, ctx.returnFormat, '1');
  },
};

export const generateNextRecordName: Route = {
  right: 'export',
  handle(ctx) {
    ctx.log('Manage/Design', `Generate next record name ${ctx.apiTag}`);
    return respond(200, ctx.returnFormat, nextRecordId(ctx.project));
  },
};
