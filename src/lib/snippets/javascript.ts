import type { BatchPlan, BodyEntry } from './code-builder.ts';
import { jsString as js } from './quote.ts';
import type { BodyFormat } from './types.ts';

/** Lines that set `error` to REDCap's message from `text`, per error shape (§1.8). */
export const JS_ERROR: Readonly<Record<BodyFormat, readonly string[]>> = {
  json: [
    "  const isJson = response.headers.get('content-type')?.startsWith('application/json');",
    '  const error = isJson ? JSON.parse(text).error : text;',
  ],
  csv: ["  const error = text.replace(/^ERROR: /, '');"],
  xml: ['  const error = /<error>([\\s\\S]*)<\\/error>/.exec(text)?.[1] ?? text;'],
};

/**
 * `const body = …` for fetch, shared by the browser and Node targets: URLSearchParams from the
 * pairs in order, or FormData appended in order, a file part coming from `file(entry)`.
 */
export function jsBody(
  entries: readonly BodyEntry[],
  multipart: boolean,
  file: (entry: Extract<BodyEntry, { kind: 'file' }>) => { comment: string[]; blob: string },
): string[] {
  const value = (e: BodyEntry) =>
    e.kind === 'token' ? 'token' : e.kind === 'text' ? js(e.value) : '';
  if (!multipart) {
    const pairs = entries.map((e) => `  [${js(e.name)}, ${value(e)}],`);
    return ['const body = new URLSearchParams([', ...pairs, ']);'];
  }
  const lines = ['const body = new FormData();'];
  for (const e of entries) {
    if (e.kind !== 'file') {
      lines.push(`body.append(${js(e.name)}, ${value(e)});`);
      continue;
    }
    const { comment, blob } = file(e);
    lines.push(
      ...comment.map((c) => `// ${c}`),
      `body.append(${js(e.name)}, ${blob}, ${js(e.fileName)});`,
    );
  }
  return lines;
}

/**
 * A batched export, shared by the browser and Node targets: a post() that stops on errors
 * (`stop` is the statement that stops with `message`), the id list, then the batches.
 */
export function jsBatched(
  plan: BatchPlan,
  errorFormat: BodyFormat,
  stop: string,
  print: { json: string; csv: string },
): string[] {
  const pairs = (name: string, entries: readonly BodyEntry[]) => [
    `const ${name} = [`,
    ...entries.map(
      (e) =>
        `  [${js(e.name)}, ${e.kind === 'token' ? 'token' : e.kind === 'text' ? js(e.value) : "''"}],`,
    ),
    '];',
  ];
  return [
    "// Posts the pairs; on an HTTP error, stops with REDCap's message.",
    'async function post(pairs) {',
    "  const response = await fetch(url, { method: 'POST', body: new URLSearchParams(pairs) });",
    '  if (response.status >= 400) {',
    '    const text = await response.text();',
    ...JS_ERROR[errorFormat].map((l) => `  ${l}`),
    '    const message = `HTTP ${response.status}: ${error}`;',
    `    ${stop}`,
    '  }',
    '  return response;',
    '}',
    '',
    '// The record ids first, then the records in batches of ids.',
    ...pairs('idPairs', plan.ids),
    ...pairs('batchPairs', plan.batch),
    `const rows = await (await post(idPairs)).json();`,
    `const ids = [...new Set(rows.map((row) => row[${js(plan.idField)}]))];`,
    plan.format === 'json' ? 'const records = [];' : "let csv = '';",
    `for (let start = 0; start < ids.length; start += ${plan.size}) {`,
    `  const batch = ids.slice(start, start + ${plan.size}).map((id, i) => [\`records[\${i}]\`, id]);`,
    '  const response = await post([...batchPairs, ...batch]);',
    ...(plan.format === 'json'
      ? ['  records.push(...(await response.json()));', '}', print.json]
      : [
          '  const text = await response.text();',
          "  csv += csv ? text.slice(text.indexOf('\\n') + 1) : text; // one header",
          '}',
          print.csv,
        ]),
  ];
}
