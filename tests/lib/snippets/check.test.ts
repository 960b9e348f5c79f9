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
    const filter = exportWith('[a] = "🙂\r\n\u202e"');
    const named = upload('consent; v2, final.pdf');
    const untyped = upload('consent.pdf', '');
    for (const target of TARGETS) {
      const code = generateSnippet(target, filter);
      const shape = SHAPES[target.id]!;
      expect([target.id, code.includes(shape.filter)]).toEqual([target.id, true]);
      for (const request of [named, untyped]) {
        const upload = generateSnippet(target, request);
        const name = request === named ? 'consent; v2, final.pdf' : 'consent.pdf';
        expect([target.id, upload.includes(name)]).toEqual([target.id, true]);
        expect([target.id, upload.includes(connection.token)]).toEqual([target.id, false]);
      }
    }
  });
});

/**
 * How each target writes one export of records: the method (content/action, or the client
 * library's function), the token read from REDCAP_API_TOKEN and sent as `token` (never the
 * literal token), and the filter `[a] = "🙂\r\n\u202e"` in the language's own quoting.
 */
const pair = {
  shell: (n: string, v: string) => `--data-urlencode '${n}=${v}'`,
  python: (n: string, v: string) => `("${n}", "${v}")`,
  r: (n: string, v: string) => `${n} = "${v}"`,
  js: (n: string, v: string) => `['${n}', '${v}']`,
  php: (n: string, v: string) => `'${n}' => '${v}'`,
  java: (n: string, v: string) => `new Pair("${n}", "${v}")`,
  go: (n: string, v: string) => `{"${n}", "${v}", ""}`,
  ps: (n: string, v: string) => `'${n}' = '${v}'`,
};
interface Shape {
  readonly read: string;
  readonly send: string;
  readonly method: readonly string[];
  readonly filter: string;
}
const SHAPES: Record<string, Shape> = {
  'shell-curl': {
    read: ': "${REDCAP_API_TOKEN:?',
    send: '--data-urlencode "token=$REDCAP_API_TOKEN"',
    method: [pair.shell('content', 'record'), pair.shell('action', 'export')],
    filter: `$'filterLogic=[a] = "🙂\\r\\n\\xe2\\x80\\xae"'`,
  },
  'python-requests': {
    read: 'token = os.environ.get("REDCAP_API_TOKEN")',
    send: '("token", token)',
    method: [pair.python('content', 'record'), pair.python('action', 'export')],
    filter: `("filterLogic", '[a] = "🙂\\r\\n\\u202e"')`,
  },
  'python-pycap': {
    read: 'token = os.environ.get("REDCAP_API_TOKEN")',
    send: 'Project("https://redcap.example.edu/api/", token)',
    method: ['project.export_records(', 'format_type="json"'],
    filter: `filter_logic='[a] = "🙂\\r\\n\\u202e"'`,
  },
  'r-httr': {
    read: 'token <- Sys.getenv("REDCAP_API_TOKEN")',
    send: 'token = token,',
    method: [pair.r('content', 'record'), pair.r('action', 'export')],
    filter: `filterLogic = '[a] = "\\U0001f642\\r\\n\\u202e"'`,
  },
  'r-redcapr': {
    read: 'token <- Sys.getenv("REDCAP_API_TOKEN")',
    send: 'token = token,',
    method: ['REDCapR::redcap_read_oneshot('],
    filter: `filter_logic = '[a] = "\\U0001f642\\r\\n\\u202e"'`,
  },
  'javascript-fetch': {
    read: "const token = prompt('REDCap API token (REDCAP_API_TOKEN)');",
    send: "['token', token]",
    method: [pair.js('content', 'record'), pair.js('action', 'export')],
    filter: `['filterLogic', '[a] = "🙂\\r\\n\\u202e"']`,
  },
  'node-fetch': {
    read: 'const token = process.env.REDCAP_API_TOKEN;',
    send: "['token', token]",
    method: [pair.js('content', 'record'), pair.js('action', 'export')],
    filter: `['filterLogic', '[a] = "🙂\\r\\n\\u202e"']`,
  },
  'php-curl': {
    read: "$token = getenv('REDCAP_API_TOKEN');",
    send: "'token' => $token,",
    method: [pair.php('content', 'record'), pair.php('action', 'export')],
    filter: `'filterLogic' => "[a] = \\"🙂\\r\\n\\u{202e}\\""`,
  },
  'ruby-net-http': {
    read: "token = ENV.fetch('REDCAP_API_TOKEN', '')",
    send: "['token', token]",
    method: [pair.js('content', 'record'), pair.js('action', 'export')],
    filter: `['filterLogic', "[a] = \\"🙂\\r\\n\\u{202e}\\""]`,
  },
  'perl-lwp': {
    read: "my $token = $ENV{REDCAP_API_TOKEN} // '';",
    send: "'token' => $token,",
    method: [pair.php('content', 'record'), pair.php('action', 'export')],
    filter: `'filterLogic' => "[a] = \\"🙂\\r\\n\\xe2\\x80\\xae\\""`,
  },
  'java-httpclient': {
    read: 'String token = System.getenv("REDCAP_API_TOKEN");',
    send: 'new Pair("token", token)',
    method: [pair.java('content', 'record'), pair.java('action', 'export')],
    filter: `new Pair("filterLogic", "[a] = \\"\\ud83d\\ude42\\r\\n\\u202e\\"")`,
  },
  'csharp-httpclient': {
    read: 'var token = Environment.GetEnvironmentVariable("REDCAP_API_TOKEN");',
    send: 'new Pair("token", token)',
    method: [pair.java('content', 'record'), pair.java('action', 'export')],
    filter: `new Pair("filterLogic", "[a] = \\"🙂\\r\\n\\u202e\\"")`,
  },
  'go-net-http': {
    read: 'token := os.Getenv("REDCAP_API_TOKEN")',
    send: '{"token", token, ""}',
    method: [pair.go('content', 'record'), pair.go('action', 'export')],
    filter: `{"filterLogic", "[a] = \\"🙂\\r\\n\\u202e\\"", ""}`,
  },
  powershell: {
    read: '$token = $env:REDCAP_API_TOKEN',
    send: "'token' = $token",
    method: [pair.ps('content', 'record'), pair.ps('action', 'export')],
    filter: '\'filterLogic\' = "[a] = `"🙂`r`n`u{202e}`""',
  },
};

describe('each target writes the request it was given', () => {
  it('has a shape for every target', () => {
    expect(Object.keys(SHAPES).sort()).toEqual(TARGETS.map((t) => t.id).sort());
  });

  it.each(TARGETS.map((t) => [t.id, t] as const))(
    '%s: the method, the token from REDCAP_API_TOKEN (never literal) and the filter',
    (id, target) => {
      const code = generateSnippet(target, exportWith('[a] = "🙂\r\n\u202e"'));
      const shape = SHAPES[id]!;
      const missing = [shape.read, shape.send, ...shape.method, shape.filter].filter(
        (fragment) => !code.includes(fragment),
      );
      expect(missing).toEqual([]);
      expect(code).not.toContain(connection.token);
      // The token is read once, from the environment, before it is sent.
      expect(code.indexOf(shape.read)).toBeLessThan(code.indexOf(shape.send));
    },
  );

  it.each(TARGETS.map((t) => [t.id, t] as const))(
    '%s: another method and format change what it says',
    (id, target) => {
      const code = generateSnippet(
        target,
        buildRedcapRequest(getMethod('exp_metadata'), { format: 'csv' }, connection),
      );
      const shape = SHAPES[id]!;
      expect(shape.method.filter((fragment) => code.includes(fragment))).toEqual([]);
      expect(code).not.toContain(shape.filter);
      expect(code).toContain(shape.read);
    },
  );
});
