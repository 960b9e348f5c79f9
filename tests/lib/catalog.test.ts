import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeSchema } from '../../src/lib/form/describe-schema.ts';
import { METHOD_GROUPS, PARAM_TYPES } from '../../src/lib/methods/define-method.ts';
import { getMethod, METHODS } from '../../src/lib/methods/index.ts';
import { validateParams } from '../../src/lib/methods/validate.ts';
import { decodeBody } from '../../src/lib/redcap/decode.ts';
import { encodeBody } from '../../src/lib/redcap/encode.ts';
import { buildRedcapRequest } from '../../src/lib/redcap/request.ts';
import { resolveMethodId } from '../../src/lib/redcap/resolve-method.ts';

/** The 55 method keys of redcap-api.md §2.1, in REDCap's group order and Playground order (§4). */
const KEYS = [
  'exp_arms',
  'imp_arms',
  'del_arms',
  'exp_dags',
  'imp_dags',
  'del_dags',
  'switch_dag',
  'exp_user_dag_maps',
  'imp_user_dag_maps',
  'exp_events',
  'imp_events',
  'del_events',
  'exp_field_names',
  'exp_file',
  'imp_file',
  'del_file',
  'create_folder_file_repo',
  'exp_list_file_repo',
  'exp_file_repo',
  'imp_file_repo',
  'del_file_repo',
  'exp_instr',
  'exp_instr_pdf',
  'exp_inst_event_maps',
  'imp_inst_event_maps',
  'exp_logging',
  'exp_metadata',
  'imp_metadata',
  'imp_proj',
  'imp_proj_sett',
  'exp_proj',
  'exp_proj_xml',
  'exp_records',
  'imp_records',
  'del_records',
  'rename_record',
  'exp_next_id',
  'randomize',
  'exp_repeating_forms_events',
  'imp_repeating_forms_events',
  'exp_reports',
  'exp_rc_v',
  'exp_surv_link',
  'exp_surv_access_code',
  'exp_surv_parts',
  'exp_surv_queue_link',
  'exp_surv_ret_code',
  'exp_users',
  'imp_users',
  'del_users',
  'exp_user_roles',
  'imp_user_roles',
  'del_user_roles',
  'exp_user_role_maps',
  'imp_user_role_maps',
] as const;

const PROJECT_TOKEN = 'C0FFEE00C0FFEE00C0FFEE00C0FFEE00';
const SUPER_TOKEN = 'D'.repeat(64);

const EXAMPLES = METHODS.flatMap((m) => m.examples.map((e, i) => [m.id, i + 1, e] as const));

/** Encodes a request as it travels, then reads it back as the server (or the mock) would. */
async function roundTrip(id: string, example: (typeof EXAMPLES)[number][2]) {
  const method = getMethod(id)!;
  const token = method.superToken ? SUPER_TOKEN : PROJECT_TOKEN;
  const request = buildRedcapRequest(method, example, { apiUrl: 'https://x.org/api/', token });
  const { body, contentType } = encodeBody(request);
  const wire = new Request('https://x.org/api/', {
    method: 'POST',
    body,
    ...(contentType && { headers: { 'content-type': contentType } }),
  });
  const decoded = await decodeBody(
    wire.headers.get('content-type'),
    new Uint8Array(await wire.arrayBuffer()),
  );
  return { request, decoded };
}

/** What a JSON `data` example must look like, per import (§2.9–§2.24). */
const DATA_SHAPES: Readonly<Record<string, { rows: boolean; keys: readonly string[] }>> = {
  imp_arms: { rows: true, keys: ['arm_num', 'name'] },
  imp_dags: { rows: true, keys: ['data_access_group_name', 'unique_group_name'] },
  imp_user_dag_maps: { rows: true, keys: ['username', 'redcap_data_access_group'] },
  imp_events: { rows: true, keys: ['event_name', 'arm_num'] },
  imp_inst_event_maps: { rows: true, keys: ['arm_num', 'unique_event_name', 'form'] },
  imp_metadata: {
    rows: true,
    keys: ['field_name', 'form_name', 'field_type', 'field_label', 'field_annotation'],
  },
  imp_proj: { rows: true, keys: ['project_title', 'purpose'] },
  imp_proj_sett: { rows: false, keys: ['project_title'] },
  imp_records: { rows: true, keys: ['record_id'] },
  imp_repeating_forms_events: { rows: true, keys: ['form_name', 'custom_form_label'] },
  imp_users: { rows: true, keys: ['username'] },
  imp_user_roles: { rows: true, keys: ['unique_role_name', 'role_label'] },
  imp_user_role_maps: { rows: true, keys: ['username', 'unique_role_name'] },
};

describe('the method registry', () => {
  it('defines exactly the 55 methods of §2.1, in group then Playground order', () => {
    expect(METHODS.map((m) => m.id)).toEqual(KEYS);
  });

  it('has unique ids and unique labels', () => {
    expect(new Set(METHODS.map((m) => m.id)).size).toBe(METHODS.length);
    const labels = METHODS.map((m) => m.label);
    expect(labels.filter((l, i) => labels.indexOf(l) !== i)).toEqual([]);
  });

  it('keeps groups in REDCap’s order, each group together and none empty', () => {
    const order = METHODS.map((m) => METHOD_GROUPS.indexOf(m.group));
    expect(order.every((g, i) => g >= 0 && (i === 0 || g >= order[i - 1]!))).toBe(true);
    expect(new Set(METHODS.map((m) => m.group))).toEqual(new Set(METHOD_GROUPS));
  });

  it('uses REDCap’s Playground labels', () => {
    expect(getMethod('exp_dags').label).toBe('Export DAGs');
    expect(getMethod('exp_user_dag_maps').label).toBe('Export User-DAG Assignments');
    expect(getMethod('create_folder_file_repo').label).toBe(
      'Create a New Folder in the File Repository',
    );
    expect(getMethod('exp_instr_pdf').label).toBe(
      'Export PDF file of Data Collection Instruments (either as blank or with data)',
    );
    expect(getMethod('exp_proj_xml').label).toBe(
      'Export Entire Project as REDCap XML File (containing metadata & data)',
    );
    expect(getMethod('exp_surv_link').label).toBe('Export a Survey Link for a Participant');
    expect(getMethod('imp_proj').label).toBe('Create Project');
  });

  it.each(METHODS.map((m) => [m.id, m] as const))(
    '%s: has a description, examples, help for every parameter, format first, returnFormat last',
    (_id, method) => {
      expect(method.description.length).toBeGreaterThan(20);
      expect(method.examples.length).toBeGreaterThan(0);
      const fields = describeSchema(method.params);
      for (const field of fields) expect(field.help, field.name).not.toBe('');
      const names = fields.map((f) => f.name);
      if (names.includes('format')) expect(names[0]).toBe('format');
      if (names.includes('returnFormat')) expect(names.at(-1)).toBe('returnFormat');
    },
  );

  it('has no format parameter on Export Project XML, and keeps it on Export Version', () => {
    expect(Object.keys(getMethod('exp_proj_xml').params.shape)).not.toContain('format');
    expect(Object.keys(getMethod('exp_rc_v').params.shape)).toContain('format');
  });

  it('has file parameters, named file, only on the two upload methods', () => {
    const withFiles = METHODS.flatMap((m) =>
      describeSchema(m.params)
        .filter((f) => f.type === 'file')
        .map((f) => `${m.id}.${f.name}`),
    );
    expect(withFiles).toEqual(['imp_file.file', 'imp_file_repo.file']);
  });

  it('names the picker for every parameter that names project things', () => {
    const expected: Readonly<Record<string, string>> = {
      records: 'records',
      record: 'records',
      fields: 'fields',
      field: 'fields',
      forms: 'forms',
      instrument: 'forms',
      events: 'events',
      event: 'events',
      arms: 'arms',
      arm: 'arms',
      dags: 'dags',
      dag: 'dags',
      users: 'users',
      user: 'users',
      roles: 'roles',
      report_id: 'reports',
    };
    const wrong = METHODS.flatMap((m) =>
      describeSchema(m.params)
        // Which kind of field (data columns, dictionary fields, file fields): picker-fit.test.ts.
        .filter(
          (f) =>
            f.name in expected && f.picker?.replace(/^\w+-fields$/, 'fields') !== expected[f.name],
        )
        .map((f) => `${m.id}.${f.name}=${f.picker}`),
    );
    expect(wrong).toEqual([]);
  });

  it('sends csvDelimiter and decimalCharacter only with format=csv', () => {
    const csvOnly = METHODS.filter((m) => 'csvDelimiter' in m.params.shape);
    expect(csvOnly.map((m) => m.id)).toEqual(['exp_records', 'imp_records', 'exp_reports']);
    for (const method of csvOnly) {
      const values = { format: 'json', csvDelimiter: ';', decimalCharacter: ',', data: 'x' };
      const names = (format: string) =>
        buildRedcapRequest(method, { ...values, format }, { apiUrl: 'https://x/', token: 'T' })
          .body.map(([n]) => n)
          .filter((n) => n === 'csvDelimiter' || n === 'decimalCharacter');
      expect(names('json'), method.id).toEqual([]);
      expect(names('csv'), method.id).toContain('csvDelimiter');
    }
  });

  it('accepts returnContent=auto_ids only with forceAutoNumber', () => {
    const imp = getMethod('imp_records');
    const base = { format: 'json', data: '[{"record_id":"1"}]', returnContent: 'auto_ids' };
    expect(validateParams(imp, base).ok).toBe(false);
    expect(validateParams(imp, { ...base, forceAutoNumber: true }).ok).toBe(true);
  });

  it('makes REDCap’s defaults known as they are sent', () => {
    const defaults = (id: string) =>
      Object.fromEntries(describeSchema(getMethod(id)!.params).map((f) => [f.name, f.wireDefault]));
    expect(defaults('exp_records')).toMatchObject({
      format: 'xml',
      type: 'flat',
      rawOrLabel: 'raw',
    });
    expect(defaults('imp_arms')).toMatchObject({ override: '0' });
    expect(defaults('exp_proj_xml')).toMatchObject({ returnMetadataOnly: 'false' });
    expect(defaults('exp_file')).toMatchObject({ repeat_instance: '1' });
    expect(defaults('exp_metadata')['returnFormat']).toBeUndefined();
  });

  it.each(EXAMPLES)('%s example %i passes its own schema', (id, _n, example) => {
    expect(validateParams(getMethod(id)!, example)).toMatchObject({ ok: true });
  });

  it.each(EXAMPLES)(
    '%s example %i travels and resolves back to its own method',
    async (id, _n, example) => {
      const method = getMethod(id)!;
      const { request, decoded } = await roundTrip(id, example);
      expect(resolveMethodId(decoded.fields)).toEqual({ ok: true, id });
      expect(request.body.some(([name]) => name === 'data')).toBe(method.sendsData);
      expect(typeof decoded.fields['data'] === 'string').toBe(method.sendsData);
      const file = example['file'];
      if (file && typeof file === 'object' && 'kind' in file) {
        expect(request.bodyKind).toBe('multipart');
        expect(decoded.files['file']?.name).toBe(file.name);
      } else {
        expect(request.bodyKind).toBe('urlencoded');
      }
    },
  );

  it('shapes every JSON data example like its import', () => {
    const importers = METHODS.filter((m) => m.sendsData).map((m) => m.id);
    expect(importers.sort()).toEqual(Object.keys(DATA_SHAPES).sort());
    for (const [id, , example] of EXAMPLES) {
      const shape = DATA_SHAPES[id];
      if (!shape || example['format'] !== 'json') continue;
      const parsed: unknown = JSON.parse(example['data'] as string);
      const rows = shape.rows ? parsed : [parsed];
      expect(Array.isArray(rows) && rows.length > 0, `${id}: rows`).toBe(true);
      expect(shape.rows || !Array.isArray(parsed), `${id}: one object`).toBe(true);
      for (const row of rows as Record<string, unknown>[]) {
        expect(typeof row, id).toBe('object');
        for (const key of shape.keys) expect(row, `${id} row`).toHaveProperty(key);
      }
    }
  });
});

describe('npm run catalog', () => {
  type Entry = {
    id: string;
    group: string;
    label: string;
    content: string;
    action: string | null;
    destructive: boolean;
    superToken: boolean;
    params: {
      name: string;
      required: boolean;
      type: string;
      values?: string[];
      default?: string;
    }[];
  };
  let stdout = '';
  let catalog: Entry[] = [];
  const entry = (id: string) => catalog.find((e) => e.id === id)!;
  const param = (id: string, name: string) => entry(id).params.find((p) => p.name === name);

  beforeAll(() => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    stdout = execFileSync('npx', ['node', 'src/cli/catalog.ts'], { cwd: root, encoding: 'utf8' });
    try {
      catalog = JSON.parse(stdout) as Entry[];
    } catch {
      catalog = [];
    }
  });

  it('prints only a JSON array of the 55 methods, in registry order', () => {
    expect(() => JSON.parse(stdout)).not.toThrow();
    expect(stdout.trimStart().startsWith('[')).toBe(true);
    expect(stdout.trimEnd().endsWith(']')).toBe(true);
    expect(catalog.map((e) => e.id)).toEqual(KEYS);
  });

  it('gives every entry exactly the catalog shape', () => {
    expect(catalog).toHaveLength(55);
    for (const e of catalog) {
      expect(Object.keys(e), e.id).toEqual([
        'id',
        'group',
        'label',
        'content',
        'action',
        'destructive',
        'superToken',
        'params',
      ]);
      expect(METHOD_GROUPS as readonly string[]).toContain(e.group);
      expect(e.action === null || typeof e.action === 'string').toBe(true);
      for (const p of e.params) {
        expect(PARAM_TYPES as readonly string[]).toContain(p.type);
        expect(['token', 'content', 'action']).not.toContain(p.name);
        expect(p.name).not.toMatch(/[[\]]/);
        expect('values' in p, `${e.id}.${p.name} values`).toBe(p.type === 'select');
        for (const key of Object.keys(p)) {
          expect(['name', 'required', 'type', 'values', 'default']).toContain(key);
        }
      }
    }
  });

  it('lists parameters with their types, values and REDCap defaults', () => {
    expect(param('exp_records', 'format')).toEqual({
      name: 'format',
      required: false,
      type: 'select',
      values: ['json', 'csv', 'xml'],
      default: 'xml',
    });
    expect(param('exp_records', 'records')).toEqual({
      name: 'records',
      required: false,
      type: 'array',
    });
    expect(param('del_records', 'records')).toMatchObject({ required: true, type: 'array' });
    expect(param('imp_file', 'file')).toMatchObject({ type: 'file', required: true });
    expect(param('imp_records', 'data')).toMatchObject({ type: 'data', required: true });
    expect(param('exp_records', 'returnFormat')).not.toHaveProperty('default');
    expect(param('imp_arms', 'override')).toMatchObject({ type: 'boolean', default: '0' });
    expect(param('exp_proj_xml', 'format')).toBeUndefined();
  });

  it('marks Create Project as the only super-token method, and exact actions', () => {
    expect(catalog.filter((e) => e.superToken).map((e) => e.id)).toEqual(['imp_proj']);
    expect(entry('imp_arms')).toMatchObject({
      content: 'arm',
      action: 'import',
      destructive: true,
    });
    expect(entry('exp_arms')).toMatchObject({ action: null, destructive: false });
    expect(entry('create_folder_file_repo')).toMatchObject({ action: 'createFolder' });
  });
});
