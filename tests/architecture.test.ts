import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The shape of the code, checked from the files themselves: no two folders of src/ and mocks/
// import each other (directly or round a longer circle), src/lib/redcap never reaches a
// parser, and no component or rune class (.svelte.ts) grows past 200 lines.

const root = resolve(import.meta.dirname, '..');

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|svelte)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

const FILES = [...filesUnder('src'), ...filesUnder('mocks')];

/** Relative imports of a file (static, dynamic, re-exports), as paths from the root. */
export function importsOf(file: string, text = readFileSync(join(root, file), 'utf8')): string[] {
  const found = new Set<string>();
  const pattern = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const match of text.matchAll(pattern))
    found.add(relative(root, resolve(root, dirname(file), match[1]!)));
  return [...found];
}

/** src/lib/<x>, src/ui/<x>, mocks/<x> (deeper folders belong to it), else the file's folder. */
export function folderOf(file: string): string {
  const parts = dirname(file).split('/');
  if ((parts[0] === 'src' && (parts[1] === 'lib' || parts[1] === 'ui')) || parts[0] === 'mocks')
    return parts.slice(0, parts[0] === 'mocks' ? 2 : 3).join('/');
  return dirname(file);
}

/**
 * Folder imports that close a circle today in other parts of issue #20; each is deleted by the
 * engineer who removes it (the lead deletes what is left at merge).
 */
const ALLOWED_EDGES: readonly (readonly [string, string, string])[] = [
  // [from, to, why it is still here]
];

type Graph = Map<string, Map<string, string[]>>;

/** Folder → folder → the files that make the edge (`a.ts → b.ts`). */
export function folderGraph(
  files: readonly string[],
  imports: (file: string) => string[],
  allowed: readonly (readonly [string, string, string])[] = [],
): Graph {
  const skip = new Set(allowed.map(([from, to]) => `${from} ${to}`));
  const graph: Graph = new Map();
  for (const file of files) {
    const from = folderOf(file);
    for (const target of imports(file)) {
      const to = folderOf(target);
      if (to === from || skip.has(`${from} ${to}`)) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, edges);
      edges.set(to, [...(edges.get(to) ?? []), `${file} → ${target}`]);
    }
  }
  return graph;
}

/** Every circle of folders, each as its shortest path back to its smallest folder. */
export function cycles(graph: Graph): string[][] {
  const found = new Map<string, string[]>();
  for (const start of [...graph.keys()].sort()) {
    // Breadth first: the shortest way from `start` back to itself.
    const back = new Map<string, string>();
    let level = [start];
    let closed: string | null = null;
    while (level.length > 0 && closed === null) {
      const next: string[] = [];
      for (const node of level) {
        for (const to of [...(graph.get(node)?.keys() ?? [])].sort()) {
          if (to === start) {
            closed = node;
            break;
          }
          if (back.has(to)) continue;
          back.set(to, node);
          next.push(to);
        }
        if (closed !== null) break;
      }
      level = next;
    }
    if (closed === null) continue;
    const path = [closed];
    while (path[0] !== start) path.unshift(back.get(path[0]!)!);
    const key = [...path].sort().join(' ');
    if (!found.has(key)) found.set(key, [...path, start]);
  }
  return [...found.values()];
}

function describeCycle(graph: Graph, cycle: readonly string[]): string {
  const steps = cycle.slice(1).map((to, i) => {
    const from = cycle[i]!;
    const via = graph.get(from)?.get(to) ?? [];
    return `  ${from} → ${to}   (${via.slice(0, 3).join('; ')}${via.length > 3 ? '; …' : ''})`;
  });
  return [cycle.join(' → '), ...steps].join('\n');
}

/** Every file a file reaches through relative imports, itself included. */
function reach(file: string): Set<string> {
  const seen = new Set<string>([file]);
  const todo = [file];
  while (todo.length > 0) {
    for (const next of importsOf(todo.pop()!)) {
      if (seen.has(next) || !FILES.includes(next)) continue;
      seen.add(next);
      todo.push(next);
    }
  }
  return seen;
}

describe('src/lib/redcap', () => {
  it('reaches no parser: building a request loads no CSV, XML or JSON reader', () => {
    const reached = FILES.filter((f) => f.startsWith('src/lib/redcap/')).flatMap((f) =>
      [...reach(f)]
        .filter((r) => /^src\/lib\/(csv|xml|json)\//.test(r))
        .map((r) => `${f} → … → ${r}`),
    );
    expect(reached).toEqual([]);
  });
});

describe('folder imports', () => {
  it('no folder of src/ or mocks/ imports a folder that imports it back', () => {
    const graph = folderGraph(FILES, (file) => importsOf(file), ALLOWED_EDGES);
    const found = cycles(graph).map((c) => describeCycle(graph, c));
    expect(found, `\n${found.join('\n\n')}\n`).toEqual([]);
  });

  it('every allowed edge still exists (delete the entry once the circle is gone)', () => {
    const graph = folderGraph(FILES, (file) => importsOf(file));
    const stale = ALLOWED_EDGES.filter(([from, to]) => !graph.get(from)?.has(to));
    expect(stale).toEqual([]);
  });

  it('finds a circle, and the shortest one, in a made-up graph', () => {
    const files = ['src/lib/a/x.ts', 'src/lib/b/y.ts', 'src/lib/c/z.ts', 'mocks/store/s.ts'];
    const imports: Record<string, string[]> = {
      'src/lib/a/x.ts': ['src/lib/b/y.ts', 'src/lib/a/w.ts'],
      'src/lib/b/y.ts': ['src/lib/c/z.ts', 'src/lib/a/deep/v.ts'],
      'src/lib/c/z.ts': ['src/lib/a/x.ts'],
      'mocks/store/s.ts': ['src/lib/a/x.ts', 'mocks/store/deeper/t.ts'],
    };
    const graph = folderGraph(files, (f) => imports[f] ?? []);
    expect(cycles(graph)).toEqual([
      ['src/lib/a', 'src/lib/b', 'src/lib/a'],
      ['src/lib/c', 'src/lib/a', 'src/lib/b', 'src/lib/c'],
    ]);
    expect(
      cycles(folderGraph(files, (f) => imports[f] ?? [], [['src/lib/b', 'src/lib/a', 'test']])),
    ).toEqual([['src/lib/a', 'src/lib/b', 'src/lib/c', 'src/lib/a']]);
    expect(folderOf('mocks/routes/records/import.ts')).toBe('mocks/routes');
    expect(folderOf('mocks/redcap.ts')).toBe('mocks');
    expect(folderOf('src/ui/Playground.svelte')).toBe('src/ui');
    expect(folderOf('src/ui/state/live.svelte.ts')).toBe('src/ui/state');
    expect(folderOf('src/main.ts')).toBe('src');
    expect(
      importsOf('src/ui/a/A.svelte', "import B from '../b/B.svelte';\nawait import('./c.ts');"),
    ).toEqual(['src/ui/b/B.svelte', 'src/ui/a/c.ts']);
  });
});

/** Components allowed over the limit, with the reason (none today). */
const LONG_COMPONENTS_ALLOWED: readonly (readonly [string, string])[] = [];

/** Components longer than `max` lines, with their length. */
export function longComponents(
  files: readonly string[],
  lines: (file: string) => number,
  max = 200,
  kind: (file: string) => boolean = (f) => f.endsWith('.svelte'),
): string[] {
  const allowed = new Set(LONG_COMPONENTS_ALLOWED.map(([file]) => file));
  return files
    .filter((f) => kind(f) && !allowed.has(f))
    .map((f) => [f, lines(f)] as const)
    .filter(([, n]) => n > max)
    .map(([f, n]) => `${f}: ${n} lines`);
}

/** The rune classes (`.svelte.ts` anywhere under src), held to the components' limit. */
const isRuneClass = (file: string): boolean => /^src\/.+\.svelte\.ts$/.test(file);

const lineCount = (file: string): number =>
  readFileSync(join(root, file), 'utf8').replace(/\n$/, '').split('\n').length;

describe('components', () => {
  it('no .svelte file under src is over 200 lines: logic goes to a rune class or src/lib', () => {
    expect(
      longComponents(
        FILES.filter((f) => f.startsWith('src/')),
        lineCount,
      ),
    ).toEqual([]);
  });

  it('no rune class (.svelte.ts) under src is over 200 lines: split it along its seams', () => {
    expect(longComponents(FILES, lineCount, 200, isRuneClass)).toEqual([]);
  });

  it('counts lines as wc -l does, and names what is too long', () => {
    const sizes: Record<string, number> = { 'src/ui/a/A.svelte': 201, 'src/ui/a/B.svelte': 200 };
    expect(longComponents(Object.keys(sizes), (f) => sizes[f]!)).toEqual([
      'src/ui/a/A.svelte: 201 lines',
    ]);
    const state: Record<string, number> = {
      'src/ui/state/a.svelte.ts': 201,
      'src/ui/state/b.svelte.ts': 200,
      'src/ui/state/c.ts': 300,
      'src/ui/response/d.svelte.ts': 265,
    };
    expect(longComponents(Object.keys(state), (f) => state[f]!, 200, isRuneClass)).toEqual([
      'src/ui/state/a.svelte.ts: 201 lines',
      'src/ui/response/d.svelte.ts: 265 lines',
    ]);
    expect(lineCount('src/ui/response/DataGrid.svelte')).toBe(
      readFileSync(join(root, 'src/ui/response/DataGrid.svelte'), 'utf8').split('\n').length - 1,
    );
  });
});
