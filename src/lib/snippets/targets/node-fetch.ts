import {
  batchPlan,
  bodyEntries,
  fileUploadComment,
  FILE_NAME_COMMENT,
  FILE_NAME_PATTERN,
  introComments,
  MISSING_TOKEN,
} from '../code-builder.ts';
import { jsString as js } from '../quote.ts';
import { jsBatched, jsBody, JS_ERROR } from '../javascript.ts';
import { defineTarget, TOKEN_ENV } from '../types.ts';

export const nodeFetch = defineTarget({
  id: 'node-fetch',
  label: 'Node.js (fetch)',
  language: 'javascript',
  extension: 'mjs',
  generate(request, options) {
    const { kind, format, errorFormat, fallbackFileName } = options.response;
    const entries = bodyEntries(request, options);
    const files = entries.filter((e) => e.kind === 'file');
    const imports = [
      files.length > 0 && "import { openAsBlob } from 'node:fs';",
      kind === 'file' && "import { writeFile } from 'node:fs/promises';",
      kind === 'file' && "import { basename } from 'node:path';",
    ].filter((l) => l !== false);

    const token = `The token is read from the environment: export ${TOKEN_ENV}=<your token>`;
    const lines = [
      ...introComments(options, { token }).map((l) => `// ${l}`),
      '// Node.js 20 or later, as an ES module: node <this file>.mjs',
      ...imports,
      '',
    ];
    if (entries.some((e) => e.kind === 'token')) {
      lines.push(
        `const token = process.env.${TOKEN_ENV};`,
        'if (!token) {',
        `  console.error(${js(MISSING_TOKEN)});`,
        '  process.exit(1);',
        '}',
        '',
      );
    }
    lines.push(`const url = ${js(request.url)};`);
    const plan = batchPlan(request, entries, options);
    if (plan) {
      const stop = 'console.error(message);\n    process.exit(1);';
      const print = {
        json: 'console.log(JSON.stringify(records, null, 2));',
        csv: 'process.stdout.write(csv);',
      };
      lines.push('', ...jsBatched(plan, errorFormat, stop, print));
      return lines.join('\n') + '\n';
    }
    lines.push(
      ...jsBody(entries, request.bodyKind === 'multipart', (e) => ({
        comment: [fileUploadComment(e.fileName)],
        blob: `await openAsBlob(${js(e.fileName)}, { type: ${js(e.type)} })`,
      })),
    );
    lines.push(
      '',
      "const response = await fetch(url, { method: 'POST', body });",
      'if (response.status >= 400) {',
      '  const text = await response.text();',
      ...JS_ERROR[errorFormat],
      '  console.error(`HTTP ${response.status}: ${error}`);',
      '  process.exit(1);',
      '}',
      '',
    );

    if (kind === 'file') {
      lines.push(
        `// ${FILE_NAME_COMMENT}`,
        `const match = /${FILE_NAME_PATTERN}/.exec(response.headers.get('content-type') ?? '');`,
        `const name = basename(match?.[1] ?? ${js(fallbackFileName)});`,
        'await writeFile(name, new Uint8Array(await response.arrayBuffer()));',
        'console.log(`Saved ${name}`);',
      );
    } else if (kind === 'format' && format === 'json') {
      lines.push('console.log(JSON.stringify(await response.json(), null, 2));');
    } else {
      lines.push('console.log(await response.text());');
    }
    return lines.join('\n') + '\n';
  },
});
