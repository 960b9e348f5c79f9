import { describe, expect, it } from 'vitest';
import { client, CT, DEFAULT_400, XML_HEAD, type Target } from './client.ts';
import { FIELD_NAMES } from './structure.ts';

/** Repeating setup (§2.14), Import Project Info (§2.19), Import Metadata (§2.9). */
export function structureWriteSuite(target: Target) {
  const api = client(target);

  describe('Export Repeating Instruments and Events (§2.14)', () => {
    it('lists the repeating visit with its label, without event_name (classic)', async () => {
      const json = await api.call('exp_repeating_forms_events', { format: 'json' });
      expect([json.contentType, json.text]).toEqual([
        CT.json,
        '[{"form_name":"visit","custom_form_label":"[visit_date]"}]',
      ]);
      const csv = await api.call('exp_repeating_forms_events', { format: 'csv' });
      expect(csv.text).toBe('form_name,custom_form_label\nvisit,[visit_date]\n');
      const xml = await api.call('exp_repeating_forms_events', {});
      expect(xml.text).toBe(
        `${XML_HEAD}\n<records>\n<item><form_name><![CDATA[visit]]></form_name><custom_form_label><![CDATA[[visit_date]]]></custom_form_label></item>\n</records>`,
      );
    });
  });

  describe('Import Project Information (§2.19)', () => {
    const info = () => api.json<Record<string, unknown>>('exp_proj', {});

    it('changes importable attributes only and answers how many it processed', async () => {
      const data = JSON.stringify({
        project_title: 'Renamed demo',
        project_irb_number: 'IRB-7',
        purpose: '2',
        project_id: '99',
        in_production: '1',
        nonsense: 'x',
      });
      const r = await api.call('imp_proj_sett', { format: 'json', data, returnFormat: 'json' });
      expect([r.status, r.contentType, r.text]).toEqual([200, CT.json, '3']);
      expect(await info()).toMatchObject({
        project_id: 14,
        project_title: 'Renamed demo',
        project_irb_number: 'IRB-7',
        purpose: 2,
        in_production: 0,
      });
      const csv = 'project_title,project_irb_number,purpose\n"Classic demo (mock)",,0\n';
      const back = await api.call('imp_proj_sett', {
        format: 'csv',
        data: csv,
        returnFormat: 'csv',
      });
      expect([back.status, back.text]).toEqual([200, '3']);
      expect(await info()).toMatchObject({
        project_title: 'Classic demo (mock)',
        project_irb_number: '',
        purpose: 0,
      });
    });

    it('refuses flags other than 0/1 and changes nothing', async () => {
      const data = '[{"project_title":"X","surveys_enabled":"yes"}]';
      const r = await api.call('imp_proj_sett', { format: 'json', data, returnFormat: 'json' });
      expect([r.status, r.text]).toEqual([
        400,
        '{"error":"The value of \\"surveys_enabled\\" must be 0 or 1"}',
      ]);
      expect((await info())['project_title']).toBe('Classic demo (mock)');
    });

    it('answers two rows with the default 400 text', async () => {
      const r = await api.call('imp_proj_sett', {
        format: 'json',
        data: '[{"project_title":"A"},{"project_title":"B"}]',
        returnFormat: 'json',
      });
      expect([r.status, JSON.parse(r.text)]).toEqual([400, { error: DEFAULT_400 }]);
    });
  });

  describe('Import Metadata (§2.9)', () => {
    const dictionary = () => api.json('exp_metadata', {});
    const importRows = (rows: readonly object[]) =>
      api.call('imp_metadata', {
        format: 'json',
        data: JSON.stringify(rows),
        returnFormat: 'json',
      });

    it('replaces the dictionary, answers the number of fields, and takes the original back', async () => {
      const original = await dictionary();
      const extra = {
        ...original[1]!,
        field_name: 'nickname',
        form_name: 'extra_notes',
        field_label: 'Nickname',
        section_header: '',
        identifier: '',
      };
      const r = await importRows([...original, extra]);
      expect([r.status, r.text]).toEqual([200, String(FIELD_NAMES.length + 1)]);
      expect((await dictionary()).map((m) => m['field_name'])).toEqual([
        ...FIELD_NAMES,
        'nickname',
      ]);
      expect(await api.json('exp_instr', {})).toEqual([
        { instrument_name: 'demographics', instrument_label: 'Demographics' },
        { instrument_name: 'health', instrument_label: 'Health' },
        { instrument_name: 'visit', instrument_label: 'Visit' },
        { instrument_name: 'extra_notes', instrument_label: 'Extra Notes' },
      ]);
      const [row] = await api.json('exp_records', { records: ['1'], forms: ['extra_notes'] });
      // A form without the record id: REDCap adds no column of its own.
      expect(row).toEqual({ nickname: '', extra_notes_complete: '0' });
      const back = await importRows(original);
      expect(back.text).toBe(String(FIELD_NAMES.length));
      expect(await dictionary()).toEqual(original);
      expect((await api.json('exp_instr', {})).map((i) => i['instrument_name'])).toEqual([
        'demographics',
        'health',
        'visit',
      ]);
    });

    it('takes CSV with the snake_case header, blank columns left out', async () => {
      const original = await dictionary();
      const csv =
        'field_name,form_name,field_type,field_label\nrecord_id,demographics,text,"Record ID"\nheight,health,text,Height\nvisit_date,visit,text,Date\n';
      const r = await api.call('imp_metadata', { format: 'csv', data: csv, returnFormat: 'csv' });
      expect([r.status, r.text]).toEqual([200, '3']);
      expect((await dictionary()).map((m) => m['field_name'])).toEqual([
        'record_id',
        'height',
        'visit_date',
      ]);
      await importRows(original);
      expect(await dictionary()).toEqual(original);
    });

    it('checks every row and lists the problems, changing nothing', async () => {
      const row = (
        field_name: string,
        form_name: string,
        field_type: string,
        more: object = {},
      ) => ({
        field_name,
        form_name,
        field_type,
        field_label: field_name,
        ...more,
      });
      const r = await importRows([
        row('id', 'one', 'radio', { select_choices_or_calculations: '1, A | 2, B' }),
        row('Bad-Name', 'one', 'text'),
        row('kind', 'one', 'textbox'),
        row('pick', 'two', 'dropdown'),
        row('when', 'two', 'text', { text_validation_type_or_show_slider_number: 'date_european' }),
        row('when', 'two', 'text', { required_field: 'yes' }),
        row('back', 'one', 'text'),
        row('sum', 'two', 'calc'),
      ]);
      expect(r.status).toBe(400);
      // The mock's words (§2.9: "Errors → 400 with a list of problems (wordings uncertain)").
      expect(JSON.parse(r.text).error).toBe(
        [
          'Row 1 (id): the first field is the record ID field and must be a text field',
          'Row 2 (Bad-Name): field_name must start with a lowercase letter and hold only a-z, 0-9 and _',
          'Row 3 (kind): "textbox" is not a field type (text, notes, dropdown, radio, checkbox, yesno, truefalse, file, calc, sql, descriptive, slider)',
          'Row 4 (pick): a dropdown field needs choices such as "1, Yes | 0, No"',
          'Row 5 (when): "date_european" is not a validation type for a text field',
          'Row 6 (when): required_field must be y or blank',
          'Row 6 (when): field_name is used twice',
          'Row 7 (back): the fields of form one must be together',
          'Row 8 (sum): a calc field needs its calculation',
          'Row 8 (sum): the fields of form two must be together',
        ].join('\n'),
      );
      expect((await dictionary()).map((m) => m['field_name'])).toEqual(FIELD_NAMES);
    });

    it('refuses a column that is not one of the 18', async () => {
      const r = await importRows([
        {
          field_name: 'record_id',
          form_name: 'a',
          field_type: 'text',
          field_label: 'ID',
          colour: 'red',
        },
      ]);
      expect(JSON.parse(r.text)).toEqual({
        error: 'Row 1: "colour" is not a data dictionary column',
      });
    });
  });
}
