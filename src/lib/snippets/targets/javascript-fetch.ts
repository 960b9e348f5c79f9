import {
  batchPlan,
  bodyEntries,
  FILE_NAME_COMMENT,
  FILE_NAME_PATTERN,
  introComments,
} from '../code-builder.ts';
import { jsBatched, jsBody, JS_ERROR } from '../javascript.ts';
import { jsString as js } from '../quote.ts';
import { defineTarget, TOKEN_ENV } from '../types.ts';

const CORS_NOTE = [
  "Works only in a page on the REDCap server's own origin (e.g. in its browser console):",
  'REDCap sends no CORS headers, so a page on another origin cannot read the answer.',
];

export const javascriptFetch = defineTarget({
  id: 'javascript-fetch',
  label: 'JavaScript (fetch, browser)',
  language: 'javascript',
  extension: 'js',
  generate(request, options) {
    const { kind, format, errorFormat, fallbackFileName } = options.response;
    const entries = bodyEntries(request, options);
    const origin = URL.canParse(request.url) ? new URL(request.url).origin : request.url;
    const intro = introComments(options, {
      token: `No environment in a browser: the token (${TOKEN_ENV}) is asked for when this runs.`,
      mock: `Runs against the playground mock: start \`npm run mock:server\`, open ${origin}/ and run this in that page's console.`,
    });
    const lines = [...[...intro, ...CORS_NOTE].map((l) => `// ${l}`)];
    if (entries.some((e) => e.kind === 'token')) {
      lines.push(
        `const token = prompt(${js(`REDCap API token (${TOKEN_ENV})`)});`,
        `if (!token) throw new Error(${js('A REDCap API token is needed')});`,
      );
    }
    for (const e of entries) {
      if (e.kind !== 'file') continue;
      lines.push(
        `// The file to upload: choose it in an <input type="file"> on the page; it is sent as ${e.fileName}.`,
        `const file = document.querySelector('input[type="file"]')?.files[0];`,
        `if (!file) throw new Error(${js('Choose the file to upload first')});`,
      );
    }
    lines.push('', `const url = ${js(request.url)};`);
    const plan = batchPlan(request, entries, options);
    if (plan) {
      const print = { json: 'console.log(records);', csv: 'console.log(csv);' };
      lines.push('', ...jsBatched(plan, errorFormat, 'throw new Error(message);', print));
      return lines.join('\n') + '\n';
    }
    lines.push(
      ...jsBody(entries, request.bodyKind === 'multipart', () => ({ comment: [], blob: 'file' })),
    );
    lines.push(
      '',
      "const response = await fetch(url, { method: 'POST', body });",
      'if (response.status >= 400) {',
      '  const text = await response.text();',
      ...JS_ERROR[errorFormat],
      '  throw new Error(`HTTP ${response.status}: ${error}`);',
      '}',
      '',
    );

    if (kind === 'file') {
      lines.push(
        `// ${FILE_NAME_COMMENT}`,
        `const match = /${FILE_NAME_PATTERN}/.exec(response.headers.get('content-type') ?? '');`,
        `const name = match?.[1] ?? ${js(fallbackFileName)};`,
        "const link = document.createElement('a');",
        'link.href = URL.createObjectURL(await response.blob());',
        'link.download = name;',
        'link.click();',
        'URL.revokeObjectURL(link.href);',
        'console.log(`Saved ${name}`);',
      );
    } else if (kind === 'format' && format === 'json') {
      lines.push('console.log(await response.json());');
    } else {
      lines.push('console.log(await response.text());');
    }
    return lines.join('\n') + '\n';
  },
});
