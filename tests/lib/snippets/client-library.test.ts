import { describe, expect, it } from 'vitest';
import { initialValues } from '../../../src/lib/form/describe-schema.ts';
import type { ParamValues } from '../../../src/lib/methods/define-method.ts';
import { METHODS, getMethod } from '../../../src/lib/methods/index.ts';
import { buildRedcapRequest } from '../../../src/lib/redcap/request.ts';
import { generateSnippet, getTarget } from '../../../src/lib/snippets/index.ts';
import { PYCAP_METHODS } from '../../../src/lib/snippets/targets/python-pycap.ts';
import { REDCAPR_METHODS, REDCAPR_RETURNS } from '../../../src/lib/snippets/targets/r-redcapr.ts';

const connection = { apiUrl: 'https://redcap.example.edu/api/', token: 'A'.repeat(32) };
const request = (id: string, params: ParamValues = {}) => {
  const method = getMethod(id)!;
  return buildRedcapRequest(method, { ...initialValues(method), ...params }, connection);
};
const pycap = getTarget('python-pycap')!;
const redcapr = getTarget('r-redcapr')!;
const ids = new Set<string>(METHODS.map((m) => m.id));

describe('PyCap', () => {
  it('maps known methods only, and most of them (50 of 55)', () => {
    expect(PYCAP_METHODS.every((id) => ids.has(id))).toBe(true);
    expect(METHODS.filter((m) => !PYCAP_METHODS.includes(m.id as string)).map((m) => m.id)).toEqual(
      ['imp_proj', 'imp_proj_sett', 'exp_proj_xml', 'rename_record', 'randomize'],
    );
  });

  it("calls the library, citing the file of PyCap's source that defines the call", () => {
    const code = generateSnippet(pycap, request('exp_records', { records: ['1', '2'] }));
    expect(code).toContain('from redcap import Project, RedcapError');
    expect(code).toContain(
      '# PyCap: Project.export_records (redcap-tools/PyCap, redcap/methods/records.py)',
    );
    expect(code).toContain('records=["1", "2"],');
    expect(code).toContain('except RedcapError as error:');
  });

  it('says when PyCap has no call and falls back to Python requests', () => {
    const code = generateSnippet(
      pycap,
      request('rename_record', { record: '1', new_record_name: '2' }),
    );
    expect(code).toContain('# PyCap has no call for Rename Record.');
    expect(code).toContain('import requests');
    expect(code).not.toContain('from redcap import');
  });

  it('falls back, naming it, when the call has no argument for a parameter', () => {
    const code = generateSnippet(
      pycap,
      request('exp_records', { format: 'csv', csvDelimiter: ';' }),
    );
    expect(code).toContain("# PyCap's export_records has no argument for csvDelimiter.");
    expect(code).toContain('requests.post(');
  });

  it('gives JSON data to PyCap parsed (it encodes it itself), other formats as text', () => {
    const json = generateSnippet(pycap, request('imp_records', { data: '[{"record_id":"1"}]' }));
    expect(json).toContain(`to_import=json.loads('[{"record_id":"1"}]'),`);
    const csv = generateSnippet(
      pycap,
      request('imp_records', { format: 'csv', data: 'record_id\n1\n' }),
    );
    expect(csv).toContain('to_import="record_id\\n1\\n",');
  });
});

describe('REDCapR', () => {
  it('maps known methods only', () => {
    expect(REDCAPR_METHODS.every((id) => ids.has(id))).toBe(true);
    expect(REDCAPR_METHODS).toHaveLength(23);
  });

  it("calls the function, citing the file of REDCapR's source, and checks success", () => {
    const code = generateSnippet(redcapr, request('del_records', { records: ['3', '7'] }));
    expect(code).toContain('# REDCapR: redcap_delete (OuhscBbmc/REDCapR, R/redcap-delete.R)');
    expect(code).toContain('records_to_delete = c("3", "7")');
    expect(code).toContain('if (!result$success) stop(');
  });

  it('says when REDCapR has no function and falls back to httr', () => {
    const code = generateSnippet(redcapr, request('exp_users', {}));
    expect(code).toContain('REDCapR::redcap_users_export(');
    const none = generateSnippet(redcapr, request('imp_users', { data: '[]' }));
    expect(none).toContain('# REDCapR has no function for Import Users.');
    expect(none).toContain('library(httr)');
  });

  it('falls back for what its data frames cannot hold (EAV, XML data)', () => {
    const eav = generateSnippet(redcapr, request('exp_records', { type: 'eav' }));
    expect(eav).toContain("# REDCapR's redcap_read_oneshot has no argument for type as given.");
    const xml = generateSnippet(redcapr, request('imp_records', { format: 'xml', data: '<r/>' }));
    expect(xml).toContain("# REDCapR's redcap_write_oneshot has no argument for data as given.");
  });

  it('batches with its own redcap_read', () => {
    const code = generateSnippet(redcapr, request('exp_records', {}), {
      batchSize: 50,
      recordIdField: 'record_id',
    });
    expect(code).toContain('REDCapR::redcap_read(');
    expect(code).toContain('batch_size = 50L');
    expect(code).toContain('R/redcap-read.R');
  });
});

describe('REDCapR: what each function returns', () => {
  it('records a return shape only for functions it calls', () => {
    for (const id of Object.keys(REDCAPR_RETURNS)) expect(REDCAPR_METHODS).toContain(id);
  });

  it('redcap_version returns a package_version: checked against 0.0.0, never result$success', () => {
    const code = generateSnippet(redcapr, request('exp_rc_v'));
    expect(code).toContain('result <- REDCapR::redcap_version(');
    expect(code).toContain('if (result == package_version("0.0.0")) stop(');
    expect(code).toContain('print(result)');
    expect(code).not.toContain('result$');
  });

  it('redcap_next_free_record_name returns a character vector: character(0) is the failure', () => {
    const code = generateSnippet(redcapr, request('exp_next_id'));
    expect(code).toContain('if (length(result) == 0L) stop(');
    expect(code).toContain('cat(result, "\\n", sep = "")');
    expect(code).not.toContain('result$');
  });

  it('the survey link and the users are read from the list elements REDCapR names', () => {
    const link = generateSnippet(
      redcapr,
      request('exp_surv_link', { record: '1', instrument: 'health' }),
    );
    expect(link).toContain('if (!result$success) stop(');
    expect(link).toContain('print(result$survey_link)');
    const users = generateSnippet(redcapr, request('exp_users'));
    expect(users).toContain('print(result$data_user)');
    expect(users).not.toContain('result$data)');
  });

  it('other functions keep the result list: success checked, data printed', () => {
    const code = generateSnippet(redcapr, request('exp_metadata'));
    expect(code).toContain('if (!result$success) stop("REDCap error: ", result$outcome_message');
    expect(code).toContain('if (!is.null(result$data)) print(result$data) else str(result)');
  });
});
