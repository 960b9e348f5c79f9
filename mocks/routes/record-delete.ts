import { scalarField } from '../../src/lib/redcap/decode.ts';
import { DEFAULT_400, respond } from '../render.ts';
import { fieldsOfForm, formNames, recordIdField, repeatingForms } from '../store/dictionary.ts';
import { clearForm, deleteInstance, deleteRecord, findRecord, mainSlot } from '../store/records.ts';
import { listParam } from './params.ts';
import { badRequest, type Route } from './types.ts';

/**
 * Delete Records (§2.5): whole records, or one instrument of them; on a repeating instrument
 * one instance (`repeat_instance`, default 1). All records must exist, else nothing happens.
 * The answer is the number of records that lost something.
 */
export const deleteRecords: Route = {
  right: 'delete',
  handle(ctx) {
    const f = ctx.fields;
    const { project } = ctx;
    // `records` must be an array (§1.4, §2.5): a plain string is refused.
    if (!Array.isArray(f['records'])) throw badRequest(DEFAULT_400);
    const ids = [...new Set(listParam(f, 'records'))];
    if (ids.length === 0) throw badRequest(DEFAULT_400);
    const missing = ids.filter((id) => !findRecord(project, id));
    if (missing.length > 0) {
      throw badRequest(
        `One or more of the records provided cannot be deleted because they do not exist in the project. The following records do not exist: ${missing.join(', ')}`,
      );
    }
    const instrument = scalarField(f, 'instrument') ?? '';
    if (instrument !== '' && !formNames(project).includes(instrument)) {
      throw badRequest('The value of the parameter "instrument" is not valid');
    }
    const raw = scalarField(f, 'repeat_instance') ?? '';
    const instance = /^[1-9]\d*$/.test(raw) ? Number(raw) : 1;
    const repeating = repeatingForms(project).has(instrument);
    const idField = recordIdField(project);
    const names = fieldsOfForm(project, instrument).map((field) => field.field_name);
    let count = 0;
    for (const id of ids) {
      if (instrument === '') {
        deleteRecord(project, id);
        ctx.log(`Delete record ${ctx.apiTag} ${id}`, `${idField} = '${id}'`, id);
        count++;
        continue;
      }
      const record = findRecord(project, id)!;
      const deleted = repeating
        ? deleteInstance(record, instrument, instance)
        : clearForm(project, mainSlot(record), instrument, names);
      if (!deleted) continue;
      const where = repeating && instance > 1 ? ` [instance = ${instance}]` : '';
      ctx.log(
        `Update record ${ctx.apiTag} ${id}`,
        `Delete all record data for single form (${instrument})${where}`,
        id,
      );
      count++;
    }
    return respond(200, ctx.returnFormat, String(count));
  },
};
