import { describe, expect, it } from 'vitest';
import { client, XML_HEAD, type Target } from './client.ts';

const HEAD = 'record_id,redcap_repeat_instrument,redcap_repeat_instance';

/** Export Records (§2.3, §3.3): labels, checkbox labels, headers, decimals, EAV, filters. */
export function recordsValuesSuite(target: Target) {
  const api = client(target);
  const ids = async (params: Record<string, string | string[]>) =>
    (await api.json('exp_records', { fields: ['record_id'], ...params })).map(
      (r) => r['record_id'],
    );

  describe('Export Records: values (§2.3, §3.3)', () => {
    // With the record id, which REDCap adds only when asked for.
    const fields = [
      'record_id',
      'sex',
      'smoker',
      'symptoms',
      'visit_type',
      'consent',
      'demographics_complete',
    ];

    it('exports labels with rawOrLabel=label, the instrument label included', async () => {
      const rows = await api.json('exp_records', { records: ['1'], fields, rawOrLabel: 'label' });
      const others = {
        sex: '',
        demographics_complete: '',
        smoker: '',
        symptoms___1: '',
        symptoms___2: '',
        symptoms___3: '',
        symptoms___4: '',
      };
      expect(rows).toEqual([
        {
          record_id: '1',
          redcap_repeat_instrument: '',
          redcap_repeat_instance: '',
          sex: 'Female',
          demographics_complete: 'Complete',
          smoker: 'No',
          symptoms___1: 'Checked',
          symptoms___2: 'Checked',
          symptoms___3: 'Unchecked',
          symptoms___4: 'Unchecked',
          visit_type: '',
          consent: '',
        },
        {
          record_id: '1',
          redcap_repeat_instrument: 'Visit',
          redcap_repeat_instance: 1,
          ...others,
          visit_type: 'Screening',
          consent: 'True',
        },
        {
          record_id: '1',
          redcap_repeat_instrument: 'Visit',
          redcap_repeat_instance: 2,
          ...others,
          visit_type: 'Follow-up',
          consent: 'True',
        },
      ]);
    });

    it('exports checkbox labels or blanks with exportCheckboxLabel', async () => {
      const [row] = await api.json('exp_records', {
        records: ['1'],
        fields: ['record_id', 'symptoms'],
        rawOrLabel: 'label',
        exportCheckboxLabel: true,
      });
      expect(row).toEqual({
        record_id: '1',
        redcap_repeat_instrument: '',
        redcap_repeat_instance: '',
        symptoms___1: 'Fever',
        symptoms___2: 'Cough',
        symptoms___3: '',
        symptoms___4: '',
      });
    });

    it('writes field labels as CSV headers with rawOrLabelHeaders=label', async () => {
      const r = await api.call('exp_records', {
        format: 'csv',
        records: ['1'],
        fields: ['record_id', 'sex', 'symptoms'],
        rawOrLabelHeaders: 'label',
      });
      expect(r.text.split('\n')[0]).toBe(
        '"Record ID","Repeat Instrument","Repeat Instance",Sex,"Symptoms in the last week (choice=Fever)","Symptoms in the last week (choice=Cough)","Symptoms in the last week (choice=Headache)","Symptoms in the last week (choice=Fatigue)"',
      );
      expect(r.text.split('\n')[1]).toBe('1,,,0,1,1,0,0');
    });

    it('exports a never-saved form as 0, or blank with exportBlankForGrayFormStatus', async () => {
      // Record 6 never saved health (status '-' in the fixture).
      const params = { records: ['6'], fields: ['health_complete'] };
      expect((await api.json('exp_records', params))[0]?.['health_complete']).toBe('0');
      const blank = await api.json('exp_records', {
        ...params,
        exportBlankForGrayFormStatus: true,
      });
      expect(blank[0]?.['health_complete']).toBe('');
    });

    it('converts decimals of number and calc fields with decimalCharacter', async () => {
      const r = await api.call('exp_records', {
        format: 'csv',
        records: ['1'],
        fields: ['record_id', 'height', 'weight', 'bmi', 'age'],
        decimalCharacter: ',',
      });
      expect(r.text).toBe(`${HEAD},age,height,weight,bmi\n1,,,38,165,"58,5","21,5"\n`);
    });

    it('writes EAV rows of stored values, one per checked option (JSON and XML)', async () => {
      const params = { records: ['1'], fields: ['symptoms', 'age'], type: 'eav' };
      const main = { record: '1', redcap_repeat_instrument: '', redcap_repeat_instance: '' };
      expect(await api.json('exp_records', params)).toEqual([
        { ...main, field_name: 'record_id', value: '1' },
        { ...main, field_name: 'age', value: '38' },
        { ...main, field_name: 'symptoms', value: '1' },
        { ...main, field_name: 'symptoms', value: '2' },
      ]);
      const xml = await api.call('exp_records', { ...params, fields: ['age'], format: 'xml' });
      const item = (field: string, value: string) =>
        `<item><record><![CDATA[1]]></record><redcap_repeat_instrument></redcap_repeat_instrument><redcap_repeat_instance></redcap_repeat_instance><field_name><![CDATA[${field}]]></field_name><value><![CDATA[${value}]]></value></item>\n`;
      expect(xml.text).toBe(
        `${XML_HEAD}\n<records>\n${item('record_id', '1')}${item('age', '38')}</records>`,
      );
    });

    it('writes EAV rows of repeat instances with their instrument and instance', async () => {
      const r = await api.call('exp_records', {
        format: 'csv',
        type: 'eav',
        records: ['7'],
        fields: ['visit_type', 'visit_complete'],
      });
      expect(r.text).toBe(
        [
          'record,redcap_repeat_instrument,redcap_repeat_instance,field_name,value',
          '7,,,record_id,7',
          '7,visit,1,visit_type,2',
          '7,visit,1,visit_complete,2',
          '7,visit,2,visit_type,2',
          '7,visit,2,visit_complete,2',
          '',
        ].join('\n'),
      );
    });
  });

  describe('Export Records: filters (§2.3)', () => {
    it('keeps records matching filterLogic comparisons', async () => {
      expect(await ids({ filterLogic: "[age] > 50 and [sex] = '1'" })).toEqual([
        '2',
        '9',
        '13',
        '15',
        '21',
      ]);
    });

    it('understands or, parentheses and checkbox options', async () => {
      const logic = "[symptoms(1)] = '1' or ([weight] >= 80 and [smoker] = '1')";
      expect(await ids({ filterLogic: logic })).toEqual([
        '1',
        '4',
        '5',
        '9',
        '14',
        '18',
        '21',
        '24',
      ]);
    });

    it('matches a record when one of its visit rows does, seeing the main values too', async () => {
      // visit_type 3 (Follow-up) on some visit: records 1, 2, 4, 9, 16 and 18; women among them.
      expect(await ids({ filterLogic: "[visit_type] = '3' and [sex] = '0'" })).toEqual([
        '1',
        '4',
        '16',
        '18',
      ]);
    });

    it('returns nothing (not everything) when no record matches', async () => {
      expect(await ids({ filterLogic: '[age] > 200' })).toEqual([]);
    });

    it('answers logic it cannot read with 400', async () => {
      const r = await api.call('exp_records', { format: 'json', filterLogic: '[age] >' });
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text).error).toMatch(
        /^The value of the parameter "filterLogic" is not valid/,
      );
    });

    it('selects records created or modified in a date range, from the log', async () => {
      const range = { dateRangeBegin: '2024-01-15', dateRangeEnd: '2024-01-23' };
      expect(await ids(range)).toEqual(['1', '2', '3']);
      expect(
        await ids({ dateRangeBegin: '2024-01-23 10:04:01', dateRangeEnd: '2024-01-27' }),
      ).toEqual(['4']);
    });
  });
}
