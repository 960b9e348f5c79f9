import { getMethod } from '../../src/lib/methods/index.ts';
import { isLongitudinal } from '../store/longitudinal.ts';
import { randomizeRecord } from '../store/randomize.ts';
import { nextRecordId, renameRecord } from '../store/records.ts';
import { paramsOf } from '../wire/params.ts';
import { payloadFormat, renderObject, respond, type Row } from '../wire/render.ts';
import { badRequest, RANDOMIZE_RIGHT, type Route } from '../wire/route.ts';

/**
 * Rename Record (§2.6) and Generate Next Record Name (§2.7): plain-text answers; Randomize
 * Record (§2.8).
 */

export const rename_record: Route = {
  right: 'import',
  module: { right: 'record_rename', message: 'You do not have Rename Record privileges' },
  handle(ctx) {
    const p = paramsOf(ctx, 'rename_record');
    const record = p.trimmed('record');
    const newName = p.trimmed('new_record_name');
    if (record === '') throw badRequest("The parameter 'record' is missing");
    if (newName === '') throw badRequest("The parameter 'new_record_name' is missing");
    renameRecord(ctx.project, record, newName);
    // REDCap's rename script logs the old and new names against the new one.
    ctx.log(
      `Rename Record ${ctx.apiTag} ${newName}`,
      `old_record = '${record}', new_record = '${newName}'`,
      newName,
    );
    return respond(200, ctx.returnFormat, '1');
  },
};

export const exp_next_id: Route = {
  right: 'export',
  handle(ctx) {
    ctx.log('Manage/Design', `Generate next record name ${ctx.apiTag}`);
    return respond(200, ctx.returnFormat, nextRecordId(ctx.project));
  },
};

/**
 * Randomize Record (§2.8): the store gives the record its allocation. The mock does not know
 * events here yet: on a longitudinal project it answers its own 400.
 */
export const randomize: Route = {
  right: 'import',
  module: RANDOMIZE_RIGHT,
  handle(ctx) {
    if (isLongitudinal(ctx.project)) {
      const label = getMethod('randomize')?.label ?? 'randomize';
      throw badRequest(
        `The mock REDCap does not implement ${label} (randomize) on longitudinal projects yet.`,
      );
    }
    const format = payloadFormat(ctx.format);
    const p = paramsOf(ctx, 'randomize');
    const recordId = p.text('record') ?? '';
    const rawId = p.text('randomization_id') ?? '';
    if (recordId === '') throw badRequest('The parameter "record" is missing.');
    const { table, allocation } = randomizeRecord(ctx.project, ctx.user, recordId, rawId);
    ctx.log(
      `Randomize record ${ctx.apiTag} ${recordId}`,
      `${table.target_field} = '${allocation.target}'`,
      recordId,
    );
    const row: Record<string, string | number> = {
      randomization_id: table.randomization_id,
      record: recordId,
      target_field: allocation.target,
    };
    if (p.flag('returnAlt')) row.target_field_alt = allocation.alt;
    return respond(200, format, renderObject(row as Row, format, 'randomization'));
  },
};
