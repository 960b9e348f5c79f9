import { afterEach } from 'vitest';
import type { ParamValues } from '../../../src/lib/methods/define-method.ts';
import type { Client } from './client.ts';

/**
 * Records a test makes, deleted after each test, so the suite leaves the shared server (the
 * HTTP run) as it found it.
 */
export function scratchRecords(api: Client) {
  const made = new Set<string>();

  afterEach(async () => {
    const ids = [...made];
    made.clear();
    if (ids.length === 0) return;
    const rows = await api.json('exp_records', { records: ids, fields: ['record_id'] });
    const existing = [...new Set(rows.map((r) => r['record_id']!))];
    if (existing.length > 0) await api.call('del_records', { records: existing });
  });

  /** Import Records in JSON, answering in JSON; every record_id sent is cleaned up later. */
  function importJson(rows: readonly object[], params: ParamValues = {}) {
    for (const row of rows) {
      const id = (row as { record_id?: string }).record_id;
      if (id) made.add(id);
    }
    return api.call('imp_records', {
      format: 'json',
      returnFormat: 'json',
      data: JSON.stringify(rows),
      ...params,
    });
  }

  /**
   * Export Records of one record, as JSON rows. Like PyCap's export_records, it asks for the
   * record id along with `fields`/`forms` (REDCap adds it only when asked).
   */
  const exportRows = (id: string, params: ParamValues = {}) => {
    const fields = params['fields'] as string[] | undefined;
    const forms = params['forms'] as string[] | undefined;
    const backfill = fields || forms ? { fields: [...(fields ?? []), 'record_id'] } : {};
    return api.json<Record<string, unknown>[]>('exp_records', {
      records: [id],
      ...params,
      ...backfill,
    });
  };

  return {
    made,
    importJson,
    exportRows,
    exportOne: async (id: string, params: ParamValues = {}) => (await exportRows(id, params))[0],
  };
}
