import { describe, expect, it } from 'vitest';
import { getMethod } from '../../../src/lib/methods/index.ts';
import { buildRedcapRequest, type RedcapRequest } from '../../../src/lib/redcap/request.ts';
import { generateSnippet, SnippetError, TARGETS } from '../../../src/lib/snippets/index.ts';
import { CONSENT_PDF } from './fixtures.ts';

const connection = { apiUrl: 'https://redcap.example.edu/api/', token: 'F'.repeat(32) };
const exportWith = (filterLogic: string) =>
  buildRedcapRequest(getMethod('exp_records'), { format: 'json', filterLogic }, connection);
const upload = (name: string, type = 'application/pdf', record = '1') =>
  buildRedcapRequest(
    getMethod('imp_file'),
    { record, field: 'consent_file', file: { ...CONSENT_PDF, name, type } },
    connection,
  );

function refusal(request: RedcapRequest): string {
  const messages = TARGETS.map((target) => {
    try {
      generateSnippet(target, request);
      return 'no error';
    } catch (error) {
      expect(error).toBeInstanceOf(SnippetError);
      return (error as Error).message;
    }
  });
  // Every target refuses, with the same message: the UI shows it instead of code.
  expect(new Set(messages).size).toBe(1);
  return messages[0]!;
}

describe('generateSnippet refuses what no target can send faithfully', () => {
  it('a NUL character', () => {
    expect(refusal(exportWith('[a] = "x\0y"'))).toMatch(/filterLogic contains a NUL character/);
  });

  it('half of a surrogate pair, alone or reversed', () => {
    expect(refusal(exportWith('[a] = "\uD83D"'))).toMatch(/filterLogic .*surrogate/);
    expect(refusal(exportWith('[a] = "\uDE00\uD83D"'))).toMatch(/surrogate/);
  });

  it('file names that clients send differently', () => {
    for (const name of ['../consent.pdf', 'a\\b.pdf', 'say "hi".pdf', 'line\nbreak.pdf', '']) {
      expect(refusal(upload(name))).toMatch(/file name .*cannot be used/);
    }
    expect(refusal(upload('consent.pdf', 'application/PDF; x=1'))).toMatch(/file type/);
  });

  it('a bare line break in a multipart request', () => {
    expect(refusal(upload('consent.pdf', 'application/pdf', '1\n2'))).toMatch(/line break/);
  });

  it('the same parameter twice', () => {
    const request = exportWith('[a] = 1');
    const twice = { ...request, body: [...request.body, ['format', 'csv'] as const] };
    expect(refusal(twice)).toMatch(/format is sent twice/);
  });

  it('but takes everything else: emoji, CRLF in a form, file names with ; and spaces', () => {
    for (const target of TARGETS) {
      expect(() => generateSnippet(target, exportWith('[a] = "🙂\r\n\u202e"'))).not.toThrow();
      expect(() => generateSnippet(target, upload('consent; v2, final.pdf'))).not.toThrow();
      expect(() => generateSnippet(target, upload('consent.pdf', ''))).not.toThrow();
    }
  });
});
