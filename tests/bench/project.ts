// `npm run bench -- project`: "Load your project…" at its largest (issue #24 item 2): a
// 100-field data dictionary with 10,000 fake records, read, generated, imported through Import
// Records and adopted into the seed, as the page's mock worker and `mock:server --project` do.
import { readFileSync } from 'node:fs';
import { generateProject } from '../../mocks/fixtures/generate.ts';
import { readDictionaryCsv, writeDictionaryCsv } from '../../mocks/project/dictionary-file.ts';
import { loadProjectFile } from '../../mocks/project/load.ts';
import { createMockRedcap } from '../../mocks/redcap.ts';
import type { MetadataRow } from '../../mocks/store/types.ts';
import type { Benchmark } from './harness.ts';

const RECORDS = 10_000;
const FIELDS = 100;

/** every-field-type.csv (58 fields: every type, validations, branching, calc, a matrix) + plain fields to 100. */
export function dictionary100(): Uint8Array {
  const url = new URL('../fixtures/dictionary/every-field-type.csv', import.meta.url);
  const rows = readDictionaryCsv(readFileSync(url, 'utf8')).rows;
  const kinds: Partial<MetadataRow>[] = [
    { field_type: 'text', text_validation_type_or_show_slider_number: 'integer' },
    { field_type: 'radio', select_choices_or_calculations: '1, Low | 2, Middle | 3, High' },
    { field_type: 'text', text_validation_type_or_show_slider_number: 'date_ymd' },
    { field_type: 'text' },
    { field_type: 'yesno', branching_logic: "[visit_done] = '1'" },
  ];
  for (let i = rows.length; i < FIELDS; i++) {
    rows.push({
      ...rows[1]!,
      identifier: '',
      section_header: '',
      field_name: `extra_${i}`,
      form_name: 'extra',
      field_label: `Extra ${i}`,
      ...kinds[i % kinds.length],
    });
  }
  return new TextEncoder().encode(writeDictionaryCsv(rows));
}

const gc = (globalThis as { gc?: () => void }).gc;

function heapMiB(): number {
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export function projectBenchmarks(): Promise<Benchmark[]> {
  const bytes = dictionary100();
  const load = () => {
    const redcap = createMockRedcap();
    const loaded = loadProjectFile(
      redcap.store,
      { name: 'Bench_DataDictionary.csv', bytes },
      { records: RECORDS, seed: 'bench' },
    );
    if (loaded.records !== RECORDS || loaded.fields !== FIELDS) {
      throw new Error(`loaded ${loaded.records} records of ${loaded.fields} fields`);
    }
    return redcap;
  };
  // Memory once, outside the timed runs: the heap held by the mock with the loaded project
  // (its records live twice: in the data and in the seed a reset goes back to).
  const before = heapMiB();
  const kept = [load()];
  const grown = heapMiB() - before;
  kept.pop();
  return Promise.resolve([
    {
      suite: 'project',
      name: `Load a ${FIELDS}-field dictionary with ${RECORDS.toLocaleString('en')} fake records (heap +${Math.round(grown)} MiB)`,
      subject: { label: 'loadProjectFile()', run: load },
      reference: {
        label: 'generateProject() (bench data, no checks)',
        run: () => generateProject({ records: RECORDS, fields: FIELDS }),
      },
      goal: { kind: 'ms', below: 30_000 },
      warmup: 1,
      runs: 3,
    },
  ]);
}
