import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { getMethod } from '../../../src/lib/methods/index.ts';
import { buildRedcapRequest } from '../../../src/lib/redcap/request.ts';
import { generateSnippet } from '../../../src/lib/snippets/index.ts';
import { shellCurl } from '../../../src/lib/snippets/targets/shell-curl.ts';

const connection = { apiUrl: 'https://redcap.example.edu/api/', token: 'F'.repeat(32) };

function curlArgv(code: string, env: Record<string, string>): string[] {
  // Run the snippet with `curl` replaced by a function that prints its arguments, one per line.
  const script = `curl() { printf '%s\\0' "$@"; }\n${code}`;
  const out = execFileSync('bash', ['-c', script], { env: { PATH: process.env['PATH']!, ...env } });
  return out.toString().split('\0').slice(0, -1);
}

describe('shell curl target', () => {
  it('reads the token from REDCAP_API_TOKEN and fails clearly without it', () => {
    const req = buildRedcapRequest(getMethod('exp_instr'), { format: 'json' }, connection);
    const code = generateSnippet(shellCurl, req);
    expect(code).toContain('${REDCAP_API_TOKEN:?');
    expect(curlArgv(code, { REDCAP_API_TOKEN: 'ABC' })).toContain('token=ABC');
    expect(() =>
      execFileSync('bash', ['-c', `curl() { :; }\n${code}`], { env: {}, stdio: 'pipe' }),
    ).toThrow(/REDCAP_API_TOKEN/);
  });

  it('passes quotes, brackets and newlines to curl exactly as in the request', () => {
    const logic = `[age] > 30 and [sex] = '1' or [name] = "O'Brien"`;
    const data = `[{"record_id":"1","notes":"it's\nmultiline \\"quoted\\""}]`;
    const exp = buildRedcapRequest(
      getMethod('exp_records'),
      { filterLogic: logic, records: ['1', "2'"] },
      connection,
    );
    const argv = curlArgv(generateSnippet(shellCurl, exp), { REDCAP_API_TOKEN: 'T' });
    expect(argv).toContain(`filterLogic=${logic}`);
    expect(argv).toContain('records[0]=1');
    expect(argv).toContain("records[1]=2'");
    const imp = buildRedcapRequest(getMethod('imp_records'), { data, format: 'json' }, connection);
    expect(curlArgv(generateSnippet(shellCurl, imp), { REDCAP_API_TOKEN: 'T' })).toContain(
      `data=${data}`,
    );
  });

  it('posts to the request URL, failing with the body on HTTP errors', () => {
    const req = buildRedcapRequest(getMethod('exp_rc_v'), {}, connection);
    const argv = curlArgv(generateSnippet(shellCurl, req), { REDCAP_API_TOKEN: 'T' });
    expect(argv).toEqual(expect.arrayContaining(['--fail-with-body', '--request', 'POST']));
    expect(argv[argv.indexOf('POST') + 1]).toBe('https://redcap.example.edu/api/');
  });

  it('says how to start the mock server in mock mode', () => {
    const req = buildRedcapRequest(getMethod('exp_rc_v'), {}, connection);
    expect(generateSnippet(shellCurl, req, { mock: true })).toContain('npm run mock:server');
    expect(generateSnippet(shellCurl, req)).not.toContain('npm run mock:server');
  });
});
