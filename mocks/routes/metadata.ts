import { renderTable, respond } from '../wire/render.ts';
import { formNames } from '../store/dictionary.ts';
import { METADATA_COLUMNS } from '../store/types.ts';
import { invalidValues, listParam, odmUnsupported } from '../wire/params.ts';
import type { Route } from '../wire/route.ts';

/** Export Metadata (§2.9): the 18 data-dictionary columns, all strings, in dictionary order. */
export const exportMetadata: Route = {
  right: 'export',
  handle(ctx) {
    const format = odmUnsupported(ctx);
    // Array parameters only: a plain `fields=a,b` string is ignored here (§1.4).
    const fields = listParam(ctx.fields, 'fields');
    const forms = listParam(ctx.fields, 'forms');
    const { metadata } = ctx.project;
    const unknownFields = fields.filter((f) => !metadata.some((m) => m.field_name === f));
    if (unknownFields.length > 0) throw invalidValues('fields', unknownFields);
    const allForms = formNames(ctx.project);
    const unknownForms = forms.filter((f) => !allForms.includes(f));
    if (unknownForms.length > 0) throw invalidValues('forms', unknownForms);
    const rows =
      fields.length === 0 && forms.length === 0
        ? metadata
        : metadata.filter((m) => fields.includes(m.field_name) || forms.includes(m.form_name));
    ctx.log('Manage/Design', `Export metadata ${ctx.apiTag}`);
    return respond(200, format, renderTable(METADATA_COLUMNS, rows, format));
  },
};
