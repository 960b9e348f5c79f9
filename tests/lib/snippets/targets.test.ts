import { describe, expect, it } from 'vitest';
import { getMethod } from '../../../src/lib/methods/index.ts';
import { TARGET_CATALOG } from '../../../src/lib/snippets/catalog.ts';
import { buildRedcapRequest } from '../../../src/lib/redcap/request.ts';
import {
  generateSnippet,
  getTarget,
  responseShape,
  TARGETS,
} from '../../../src/lib/snippets/index.ts';

const TOKEN = 'ABCDEF0123456789ABCDEF0123456789';
const connection = { apiUrl: 'https://redcap.example.edu/api/', token: TOKEN };
const request = (id: string, params: Record<string, string | string[]>) =>
  buildRedcapRequest(getMethod(id)!, params, connection);

describe('the target registry', () => {
  it('has unique ids, labels and extensions', () => {
    for (const key of ['id', 'label'] as const) {
      expect(new Set(TARGETS.map((t) => t[key])).size).toBe(TARGETS.length);
    }
    expect(TARGETS.map((t) => t.id)).toEqual([
      'shell-curl',
      'python-requests',
      'python-pycap',
      'r-httr',
      'r-redcapr',
      'javascript-fetch',
      'node-fetch',
      'php-curl',
      'ruby-net-http',
      'perl-lwp',
      'java-httpclient',
      'csharp-httpclient',
      'go-net-http',
      'powershell',
    ]);
    expect(getTarget('r-httr')?.extension).toBe('R');
    // The page's light list of targets (the generators load on demand) says the same.
    expect(TARGET_CATALOG).toEqual(
      TARGETS.map(({ id, label, extension }) => ({ id, label, extension })),
    );
    expect(getTarget('nope')).toBeUndefined();
  });
});

describe.each(TARGETS.map((t) => [t.id, t] as const))('target %s', (_id, target) => {
  const exp = request('exp_instr', { format: 'json' });

  it('posts to the request URL', () => {
    expect(generateSnippet(target, exp)).toContain('https://redcap.example.edu/api/');
  });

  it('reads the token from REDCAP_API_TOKEN, or shows it only when asked', () => {
    expect(generateSnippet(target, exp)).toContain('REDCAP_API_TOKEN');
    expect(generateSnippet(target, exp)).not.toContain(TOKEN);
    const shown = generateSnippet(target, exp, { showToken: true });
    expect(shown).toContain(TOKEN);
    expect(shown).toContain('keep it private');
  });

  it('says how to start the mock server in mock mode only', () => {
    expect(generateSnippet(target, exp, { mock: true })).toContain('npm run mock:server');
    expect(generateSnippet(target, exp)).not.toContain('npm run mock:server');
  });

  it('keeps array pairs as explicit flattened pairs, in order (client libraries: a list)', () => {
    const code = generateSnippet(target, request('exp_records', { records: ['b', 'a', 'c'] }));
    if (target.id === 'python-pycap') return expect(code).toContain('records=["b", "a", "c"]');
    if (target.id === 'r-redcapr') return expect(code).toContain('records = c("b", "a", "c")');
    const at = ['records[0]', 'records[1]', 'records[2]'].map((n) => code.indexOf(n));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
  });

  it('is a pure function of the request and options', () => {
    expect(generateSnippet(target, exp, { title: 'T' })).toBe(
      generateSnippet(target, exp, { title: 'T' }),
    );
  });
});

describe('responseShape', () => {
  it('reads exports in format (xml when absent), writes in returnFormat', () => {
    expect(responseShape(request('exp_records', { format: 'csv' }))).toMatchObject({
      kind: 'format',
      format: 'csv',
      errorFormat: 'csv',
    });
    expect(responseShape(request('exp_records', {}))).toMatchObject({ format: 'xml' });
    expect(
      responseShape(request('exp_records', { format: 'csv', returnFormat: 'json' })),
    ).toMatchObject({ format: 'csv', errorFormat: 'json' });
    expect(
      responseShape(request('imp_records', { format: 'csv', data: 'a\n', returnFormat: 'xml' })),
    ).toMatchObject({ kind: 'format', format: 'xml', errorFormat: 'xml' });
    expect(responseShape(request('del_records', { records: ['1'] }))).toMatchObject({
      format: 'xml',
    });
  });

  it('knows text, nothing and files', () => {
    expect(responseShape(request('exp_rc_v', { format: 'json' })).kind).toBe('text');
    const nothing = { format: 'json', data: '[]', returnContent: 'nothing' };
    expect(responseShape(request('imp_records', nothing)).kind).toBe('text');
    const file = responseShape(request('exp_file', { record: '1', field: 'f' }));
    expect(file).toMatchObject({ kind: 'file', format: null, fallbackFileName: 'file.raw' });
    expect(responseShape(request('exp_instr_pdf', {})).fallbackFileName).toBe('export.pdf');
  });

  it('takes the CSV delimiter of an export', () => {
    const tab = request('exp_records', { format: 'csv', csvDelimiter: 'tab' });
    expect(responseShape(tab).csvDelimiter).toBe('\t');
    expect(responseShape(request('exp_records', { format: 'csv' })).csvDelimiter).toBe(',');
  });
});
