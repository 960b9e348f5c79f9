import { payloadFormat, renderTable, respond, type Row } from '../wire/render.ts';
import { allDataColumns } from '../store/dictionary.ts';
import { invalidValues, paramsOf } from '../wire/params.ts';
import type { Route } from '../wire/route.ts';

const COLUMNS = ['original_field_name', 'choice_value', 'export_field_name'] as const;

/**
 * Export List of Export Field Names (§2.10): one row per export column (checkbox options
 * expanded, each form's `<form>_complete` after its fields); descriptive and file fields are
 * left out, calc fields kept.
 */
export const exp_field_names: Route = {
  right: 'export',
  handle(ctx) {
    const format = payloadFormat(ctx.format);
    const only = paramsOf(ctx, 'exp_field_names').text('field') ?? '';
    const rows: Row[] = [];
    for (const column of allDataColumns(ctx.project)) {
      if (column.kind !== 'status' && column.field.field_type === 'file') continue;
      const original = column.kind === 'status' ? column.name : column.field.field_name;
      if (only !== '' && original !== only) continue;
      rows.push({
        original_field_name: original,
        choice_value: column.kind === 'checkbox' ? column.choice.code : '',
        export_field_name: column.name,
      });
    }
    const known =
      only === '' || rows.length > 0 || ctx.project.metadata.some((m) => m.field_name === only);
    if (!known) throw invalidValues('field', [only]);
    ctx.log('Manage/Design', `Export field names ${ctx.apiTag}`);
    return respond(200, format, renderTable(COLUMNS, rows, format));
  },
};
