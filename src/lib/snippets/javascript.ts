import type { BodyEntry } from './code-builder.ts';
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
