import { describe, expect, it } from 'vitest';
import { getMethod, METHODS, type MethodId } from '../../src/lib/methods/index.ts';
import { scoreMethod, searchMethods } from '../../src/lib/methods/search.ts';

const ids = (query: string): string[] => searchMethods(METHODS, query).map((m) => m.id);

describe('searchMethods', () => {
  it.each<[string, MethodId]>([
    ['download data', 'exp_records'],
    ['export records', 'exp_records'],
    ['delete', 'del_records'],
    ['upload', 'imp_records'],
    ['dictionary', 'exp_metadata'],
    ['data dictionary', 'exp_metadata'],
    ['survey link', 'exp_surv_link'],
    ['logging', 'exp_logging'],
    ['audit log', 'exp_logging'],
    ['user rights', 'exp_users'],
    ['permissions', 'exp_users'],
    ['pdf', 'exp_instr_pdf'],
    ['next record', 'exp_next_id'],
    ['filterLogic', 'exp_records'],
    ['version', 'exp_rc_v'],
    ['rename', 'rename_record'],
    ['exp_proj_xml', 'exp_proj_xml'],
  ])('“%s” finds %s first', (query, first) => {
    expect(ids(query)[0]).toBe(first);
  });

  it.each<[string, MethodId, MethodId]>([
    ['delete', 'del_records', 'del_file'],
    ['download data', 'exp_records', 'exp_proj_xml'],
    ['download data', 'exp_records', 'exp_instr_pdf'],
    ['survey link', 'exp_surv_link', 'exp_surv_queue_link'],
    ['token', 'exp_rc_v', 'switch_dag'],
    ['token', 'exp_proj', 'switch_dag'],
  ])('“%s” ranks %s before %s', (query, before, after) => {
    const found = ids(query);
    expect(found).toContain(before);
    expect(found.indexOf(before)).toBeLessThan(
      found.includes(after) ? found.indexOf(after) : Infinity,
    );
  });

  it('does not put Switch DAG first for “token”', () => {
    expect(ids('token')[0]).not.toBe('switch_dag');
  });

  it.each<[string, MethodId]>([
    ['dateRangeBegin', 'exp_records'],
    ['overwriteBehavior', 'imp_records'],
    ['new_record_name', 'rename_record'],
    ['randomization_id', 'randomize'],
  ])('matches the parameter name %s', (query, id) => {
    expect(ids(query)).toContain(id);
  });

  it('matches words of the description', () => {
    // "recycle bin" is said only in Delete a File from the File Repository's description.
    expect(ids('recycle bin')).toEqual(['del_file_repo']);
  });

  it('needs every word of the query to match', () => {
    expect(ids('xyzzy')).toEqual([]);
    expect(ids('arms xyzzy')).toEqual([]);
    expect(ids('delete arms')[0]).toBe('del_arms');
    expect(ids('delete arms')).not.toContain('exp_records');
  });

  it('keeps every method, in catalog order, for an empty query', () => {
    expect(ids('')).toEqual(METHODS.map((m) => m.id));
    expect(ids('  ')).toEqual(METHODS.map((m) => m.id));
    expect(ids('a of the')).toEqual(METHODS.map((m) => m.id));
  });

  it('takes anything typed without throwing', () => {
    for (const query of ['(', '[*+?', '\\', '__proto__', 'constructor', '💥', 'x'.repeat(10_000)])
      expect(() => ids(query)).not.toThrow();
    expect(ids('__proto__')).toEqual([]);
  });

  it('scores a method that matches nothing at 0', () => {
    expect(scoreMethod(getMethod('exp_arms'), 'survey')).toBe(0);
    expect(scoreMethod(getMethod('exp_surv_link'), 'survey')).toBeGreaterThan(0);
  });
});
