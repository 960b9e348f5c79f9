import { listChoices } from '../../src/lib/project/choices.ts';
import { describe, expect, it } from 'vitest';
import {
  batchesOf,
  estimateExport,
  exportColumns,
  exportParams,
  isLargeExport,
  suggestBatchSize,
} from '../../src/lib/execute/batching.ts';
import { buildProjectModel } from '../../src/lib/project/model.ts';

const field = (field_name: string, form_name: string, field_type = 'text') => ({
  field_name,
  form_name,
  field_type,
  field_label: field_name,
});

// record_id, age (demographics); symptoms checkbox with 3 choices, a descriptive note and a
// file (health). Export field names list each form's _complete, but not the file field.
const model = buildProjectModel({
  info: { project_id: '1', is_longitudinal: '0' },
  metadata: [
    field('record_id', 'demographics'),
    field('age', 'demographics'),
    field('symptoms', 'health', 'checkbox'),
    field('intro', 'health', 'descriptive'),
    field('scan', 'health', 'file'),
  ],
  instruments: [
    { instrument_name: 'demographics', instrument_label: 'Demographics' },
    { instrument_name: 'health', instrument_label: 'Health' },
  ],
  exportFieldNames: [
    { original_field_name: 'record_id', choice_value: '', export_field_name: 'record_id' },
    { original_field_name: 'age', choice_value: '', export_field_name: 'age' },
    ...['1', '2', '3'].map((c) => ({
      original_field_name: 'symptoms',
      choice_value: c,
      export_field_name: `symptoms___${c}`,
    })),
    ...['demographics', 'health'].map((form) => ({
      original_field_name: `${form}_complete`,
      choice_value: '',
      export_field_name: `${form}_complete`,
    })),
  ],
});

describe('exportColumns', () => {
  it('counts exported names (a checkbox per choice, <form>_complete, no descriptive) and files', () => {
    expect(exportColumns(model, {})).toBe(5 + 2 + 1);
  });

  it('counts only the chosen fields or forms, the record id only when asked (as REDCap)', () => {
    expect(exportColumns(model, { fields: ['age'] })).toBe(1);
    expect(exportColumns(model, { fields: ['record_id', 'age'] })).toBe(2);
    expect(exportColumns(model, { forms: ['health'] })).toBe(3 + 1 + 1);
    expect(exportColumns(model, { forms: ['demographics'] })).toBe(2 + 1);
  });

  it('counts from the dictionary when the export field names could not be read', () => {
    const bare = { ...model, exportFieldNames: [] };
    expect(exportColumns(bare, {})).toBe(4 + 2);
  });
});

describe('estimateExport and the batch suggestion', () => {
  it('calls 100,000 records × 7 columns large and suggests round batches near 500,000 values', () => {
    const estimate = estimateExport(model, {}, 400_000);
    expect(estimate).toMatchObject({ records: 400_000, columns: 8, values: 3_200_000 });
    expect(isLargeExport(estimate)).toBe(true);
    expect(suggestBatchSize(estimate)).toBe(50_000);
    const wide = { ...estimate, values: 100_000 * 55, records: 100_000 };
    expect(suggestBatchSize(wide)).toBe(5000);
  });

  it('is not large for a small project or a few named records', () => {
    expect(isLargeExport(estimateExport(model, {}, 1000))).toBe(false);
    expect(estimateExport(model, { records: ['1', '2'] }, 400_000).records).toBe(2);
  });

  it('says when filter logic makes the count an upper bound', () => {
    const params = exportParams({ filterLogic: '[age] > 30', records: [], fields: ['age', ''] });
    expect(params).toEqual({ records: [], fields: ['age'], forms: [], filterLogic: '[age] > 30' });
    expect(estimateExport(model, params, 10).upperBound).toBe(true);
  });
});

describe('batchesOf, and the record ids the estimate counts', () => {
  it('cuts ids into batches in order', () => {
    expect(batchesOf(['1', '2', '3', '4', '5'], 2)).toEqual([['1', '2'], ['3', '4'], ['5']]);
    expect(batchesOf([], 2)).toEqual([]);
  });

  it('counts each record once over events and instances', () => {
    const rows = [{ record_id: '1' }, { record_id: '1' }, { record_id: 2 }, { other: 'x' }];
    const ids = (json: unknown) => listChoices('records', json, 'record_id').map((c) => c.value);
    expect(ids(rows)).toEqual(['1', '2']);
    expect(ids({ error: 'x' })).toEqual([]);
  });
});
