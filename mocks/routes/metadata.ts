import { DICTIONARY_COLUMNS } from '../../src/lib/methods/dictionary.ts';
import { formNames } from '../store/dictionary.ts';
import { checkDictionaryEditable, importDictionary } from '../store/dictionary-import.ts';
import { readImportData } from '../wire/import-data.ts';
import { invalidValues, odmUnsupported, paramsOf } from '../wire/params.ts';
import { DEFAULT_400, renderTable, respond } from '../wire/render.ts';
import { badRequest, DESIGN_RIGHT, type Route } from '../wire/route.ts';

/** Metadata (§2.9): Export and Import Metadata (the data dictionary). */

/** Export Metadata (§2.9): the 18 data-dictionary columns, all strings, in dictionary order. */
export const exp_metadata: Route = {
  right: 'export',
  handle(ctx) {
    const format = odmUnsupported(ctx);
    // Array parameters only: a plain `fields=a,b` string is ignored here (§1.4).
    const p = paramsOf(ctx, 'exp_metadata');
    const fields = p.list('fields');
    const forms = p.list('forms');
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
    return respond(200, format, renderTable(DICTIONARY_COLUMNS, rows, format));
  },
};

/**
 * Import Metadata (§2.9): the whole data dictionary is replaced by the rows sent, after every
 * row is checked (`store/dictionary-import.ts`); development status only.
 */
export const imp_metadata: Route = {
  right: 'import',
  module: DESIGN_RIGHT,
  handle(ctx) {
    const format = odmUnsupported(ctx);
    checkDictionaryEditable(ctx.project);
    const p = paramsOf(ctx, 'imp_metadata');
    const input = readImportData(p.text('data') ?? '', format, p.csvDelimiter());
    if (input.length === 0) throw badRequest(DEFAULT_400);
    const count = importDictionary(ctx.project, input);
    ctx.log('Manage/Design', `Upload data dictionary ${ctx.apiTag}`);
    return respond(200, ctx.returnFormat, String(count));
  },
};
