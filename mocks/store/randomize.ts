import { scalarField } from '../../src/lib/redcap/decode.ts';
import { renderObject, respond, type Row } from '../wire/render.ts';
import { findRecord, mainSlot } from '../store/records.ts';
import { flag } from '../wire/params.ts';
import { badRequest, type ModuleRight, type Route } from '../wire/route.ts';

/** §2.8: Randomize Record needs the Randomize right (REDCap's text). */
export const RANDOMIZE_RIGHT: ModuleRight = {
  right: 'random_perform',
  message: 'You do not have Randomize privileges',
};

/**
 * Randomize Record (§2.8): the record takes the next free allocation of the table
 * `randomization_id`; its value is written to the target field of the record's classic row.
 * No strata in the mock. Error texts are the mock's (§2.8 leaves them uncertain).
 */
export const randomizeRecord: Route = {
  right: 'import',
  module: RANDOMIZE_RIGHT,
  handle(ctx) {
    const format = ctx.format === 'odm' ? 'xml' : ctx.format;
    const recordId = scalarField(ctx.fields, 'record') ?? '';
    const rawId = scalarField(ctx.fields, 'randomization_id') ?? '';
    if (recordId === '') throw badRequest('The parameter "record" is missing.');
    const table = (ctx.project.randomizations ?? []).find(
      (r) => String(r.randomization_id) === rawId.trim(),
    );
    if (!table) throw badRequest(`The randomization_id "${rawId}" is not valid.`);
    const record = findRecord(ctx.project, recordId);
    if (
      !record ||
      (ctx.user.data_access_group !== '' && record.dag !== ctx.user.data_access_group)
    ) {
      throw badRequest(`The record "${recordId}" does not exist.`);
    }
    const taken = table.allocations.find((a) => a.record === recordId);
    if (taken) {
      throw badRequest(
        `The record "${recordId}" has already been randomized (randomization_id ${table.randomization_id}).`,
      );
    }
    const free = table.allocations.find((a) => a.record === '');
    if (!free) {
      throw badRequest(
        `The allocation table of randomization_id ${table.randomization_id} has no free allocation left.`,
      );
    }
    free.record = recordId;
    mainSlot(record).values[table.target_field] = free.target;
    ctx.log(
      `Randomize record ${ctx.apiTag} ${recordId}`,
      `${table.target_field} = '${free.target}'`,
      recordId,
    );
    const row: Record<string, string | number> = {
      randomization_id: table.randomization_id,
      record: recordId,
      target_field: free.target,
    };
    if (flag(ctx.fields, 'returnAlt')) row.target_field_alt = free.alt;
    return respond(200, format, renderObject(row as Row, format, 'randomization'));
  },
};
