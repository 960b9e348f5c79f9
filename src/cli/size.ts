// `npm run size`: every emitted JS/CSS chunk with raw and gzip size, and the initial JavaScript
// (what loads before any user action) against its budget. Exits 1 when over budget.
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseAst } from 'vite';
import { buildIfStale } from '../server/build-if-stale.ts';

// Issue #22: one eighth of Swagger UI's 538 KiB.
export const INITIAL_JS_BUDGET = 67 * 1024;

export interface Chunk {
  /** Path relative to dist/, with forward slashes. */
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
  readonly initial: boolean;
}

export interface SizeReport {
  readonly chunks: readonly Chunk[];
  readonly initialRaw: number;
  readonly initialGzip: number;
  readonly withinBudget: boolean;
}

const toPosix = (path: string): string => path.split(sep).join('/');

/** A URL from index.html or an import specifier, as a path inside dist/ (null if elsewhere). */
function localPath(distDir: string, fromDir: string, url: string): string | null {
  if (/^[a-z][a-z\d+.-]*:|^\/\//i.test(url)) return null; // another origin, data:, blob:
  const clean = url.replace(/[?#].*$/, '');
  const full = clean.startsWith('/') ? join(distDir, clean) : resolve(fromDir, clean);
  return full.startsWith(distDir + sep) ? full : null;
}

function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    attrs[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return attrs;
}

function linkedFromHtml(
  distDir: string,
  html: string,
  pick: (tag: string, attrs: Record<string, string>) => string | undefined,
): string[] {
  const paths: string[] = [];
  for (const [, tag, rest] of html.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const url = pick(tag!.toLowerCase(), attributes(rest!));
    const path = url ? localPath(distDir, distDir, url) : null;
    if (path) paths.push(path);
  }
  return paths;
}

/** The module scripts and modulepreloads of index.html: what the browser fetches on load. */
export function entryScripts(distDir: string, html: string): string[] {
  return linkedFromHtml(distDir, html, (tag, attrs) =>
    tag === 'script'
      ? attrs['type'] === 'module'
        ? attrs['src']
        : undefined
      : attrs['rel'] === 'modulepreload'
        ? attrs['href']
        : undefined,
  );
}

/** The stylesheets of index.html (shown as initial; the budget is for JavaScript only). */
export function entryStyles(distDir: string, html: string): string[] {
  return linkedFromHtml(distDir, html, (tag, attrs) =>
    tag === 'link' && attrs['rel'] === 'stylesheet' ? attrs['href'] : undefined,
  );
}

/**
 * The chunk's static imports and re-exports. `import()` is left out: dynamic chunks (Monaco, the
 * mock) load later, and so are the dependency lists Vite passes to its preload helper for them.
 */
export function staticImports(code: string): string[] {
  const specifiers: string[] = [];
  for (const node of parseAst(code).body) {
    if (
      (node.type === 'ImportDeclaration' ||
        node.type === 'ExportAllDeclaration' ||
        node.type === 'ExportNamedDeclaration') &&
      node.source
    ) {
      specifiers.push(String(node.source.value));
    }
  }
  return specifiers;
}

/** Entry chunks plus everything they import statically, transitively. */
export function initialJavaScript(distDir: string): Set<string> {
  const root = resolve(distDir);
  const seen = new Set<string>();
  const pending = entryScripts(root, readFileSync(join(root, 'index.html'), 'utf8'));
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of staticImports(readFileSync(file, 'utf8'))) {
      const path = localPath(root, dirname(file), specifier);
      if (path && !seen.has(path)) pending.push(path);
    }
  }
  return seen;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

export async function sizeReport(distDir: string, budget = INITIAL_JS_BUDGET): Promise<SizeReport> {
  const root = resolve(distDir);
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const initial = new Set([...initialJavaScript(root), ...entryStyles(root, html)]);
  const chunks = (await listFiles(root))
    .filter((file) => /\.(m?js|css)$/.test(file))
    .map((file): Chunk => {
      const bytes = readFileSync(file);
      return {
        file: toPosix(relative(root, file)),
        raw: bytes.length,
        gzip: gzipSync(bytes).length,
        initial: initial.has(file),
      };
    })
    .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);
  const initialChunks = chunks.filter((c) => c.initial && !c.file.endsWith('.css'));
  const initialRaw = initialChunks.reduce((sum, c) => sum + c.raw, 0);
  const initialGzip = initialChunks.reduce((sum, c) => sum + c.gzip, 0);
  return { chunks, initialRaw, initialGzip, withinBudget: initialGzip <= budget };
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

export function formatReport(report: SizeReport, budget = INITIAL_JS_BUDGET): string {
  const width = Math.max(5, ...report.chunks.map((c) => c.file.length));
  const row = (file: string, raw: string, gzip: string, when: string): string =>
    `${file.padEnd(width)}  ${raw.padStart(11)}  ${gzip.padStart(11)}  ${when}`;
  const lines = [row('chunk', 'raw', 'gzip', 'loaded')];
  for (const c of report.chunks) {
    lines.push(row(c.file, kib(c.raw), kib(c.gzip), c.initial ? 'initial' : 'lazy'));
  }
  const count = report.chunks.filter((c) => c.initial && !c.file.endsWith('.css')).length;
  lines.push(
    '',
    `initial JavaScript: ${kib(report.initialGzip)} gzip (${kib(report.initialRaw)} raw) in ${count} ` +
      `chunk${count === 1 ? '' : 's'}; budget ${kib(budget)} gzip: ` +
      (report.withinBudget
        ? 'within budget'
        : `OVER BUDGET by ${kib(report.initialGzip - budget)}`),
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const projectRoot = join(import.meta.dirname, '..', '..');
  await buildIfStale({ projectRoot });
  const report = await sizeReport(join(projectRoot, 'dist'));
  console.log(formatReport(report));
  process.exitCode = report.withinBudget ? 0 : 1;
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(`size: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
