import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  entryScripts,
  entryStyles,
  formatReport,
  initialJavaScript,
  sizeReport,
  staticImports,
} from '../../src/cli/size.ts';

let dist: string;

async function write(path: string, text: string): Promise<void> {
  await mkdir(dirname(join(dist, path)), { recursive: true });
  await writeFile(join(dist, path), text);
}

/** A build shaped like Vite's: an entry, a shared chunk, a preloaded chunk and lazy ones. */
async function fakeBuild(): Promise<void> {
  await write(
    'index.html',
    `<!doctype html><html><head>
    <script type="module" crossorigin src="./assets/index-AAAAAAAA.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/vendor-BBBBBBBB.js">
    <link rel="stylesheet" crossorigin href="./assets/index-CCCCCCCC.css">
    <script src="https://elsewhere.example/x.js"></script>
    </head><body></body></html>`,
  );
  await write(
    'assets/index-AAAAAAAA.js',
    `import{t as e}from"./vendor-BBBBBBBB.js";export{s}from"./shared-DDDDDDDD.js";` +
      `const m=()=>__vitePreload(()=>import("./monaco-EEEEEEEE.js"),__vite__mapDeps([0,1]));` +
      `const k=()=>import("./browser-FFFFFFFF.js");e(m,k);`,
  );
  await write('assets/vendor-BBBBBBBB.js', `import"./shared-DDDDDDDD.js";export const t=1;`);
  await write('assets/shared-DDDDDDDD.js', `export*from"./leaf-GGGGGGGG.js";export const s=2;`);
  await write('assets/leaf-GGGGGGGG.js', 'export const l=3;');
  await write('assets/monaco-EEEEEEEE.js', `import"./monaco-dep-HHHHHHHH.js";` + 'x'.repeat(5000));
  await write('assets/monaco-dep-HHHHHHHH.js', 'export const d=4;');
  await write('assets/browser-FFFFFFFF.js', 'export const mock=5;');
  await write('assets/index-CCCCCCCC.css', 'body{color:red}');
  await write('assets/index-AAAAAAAA.js.map', '{}');
  await write('mockServiceWorker.js', 'self.onfetch=null;');
}

beforeEach(async () => {
  dist = await mkdtemp(join(tmpdir(), 'playground-size-'));
  await fakeBuild();
});

afterEach(async () => {
  await rm(dist, { recursive: true, force: true });
});

describe('staticImports', () => {
  it('lists imports and re-exports, never import()', () => {
    expect(
      staticImports(
        `import a from"./a.js";import{b}from'./b.js';import"./c.js";export*from"./d.js";` +
          `export{e}from"./e.js";const f=()=>import("./f.js");export const g=1;`,
      ),
    ).toEqual(['./a.js', './b.js', './c.js', './d.js', './e.js']);
  });
});

describe('entryScripts', () => {
  it('takes module scripts and modulepreloads of this origin only', () => {
    const html = `<script type="module" src="./assets/a.js"></script>
      <link rel=modulepreload href="/assets/b.js"><link rel="stylesheet" href="./assets/c.css">
      <script src="./assets/classic.js"></script><script type="module" src="data:text/javascript,1"></script>`;
    expect(entryScripts(dist, html)).toEqual([
      join(dist, 'assets/a.js'),
      join(dist, 'assets/b.js'),
    ]);
  });
});

describe('entryStyles', () => {
  it('takes the stylesheets of this origin', () => {
    const html = `<link rel="stylesheet" href="./assets/c.css"><link rel="icon" href="data:,">
      <link rel="stylesheet" href="https://cdn.example/x.css">`;
    expect(entryStyles(dist, html)).toEqual([join(dist, 'assets/c.css')]);
  });
});

describe('initialJavaScript', () => {
  it('follows static imports from the entries and leaves dynamic chunks out', () => {
    const files = [...initialJavaScript(dist)].map((f) => f.slice(dist.length + 1)).sort();
    expect(files).toEqual([
      'assets/index-AAAAAAAA.js',
      'assets/leaf-GGGGGGGG.js',
      'assets/shared-DDDDDDDD.js',
      'assets/vendor-BBBBBBBB.js',
    ]);
  });
});

describe('sizeReport', () => {
  it('lists every JS and CSS file with gzip sizes and sums the initial JavaScript', async () => {
    const report = await sizeReport(dist);
    expect(report.chunks.map((c) => c.file).sort()).toEqual([
      'assets/browser-FFFFFFFF.js',
      'assets/index-AAAAAAAA.js',
      'assets/index-CCCCCCCC.css',
      'assets/leaf-GGGGGGGG.js',
      'assets/monaco-EEEEEEEE.js',
      'assets/monaco-dep-HHHHHHHH.js',
      'assets/shared-DDDDDDDD.js',
      'assets/vendor-BBBBBBBB.js',
      'mockServiceWorker.js',
    ]);
    const initial = report.chunks.filter((c) => c.initial && c.file.endsWith('.js'));
    expect(report.initialGzip).toBe(initial.reduce((sum, c) => sum + c.gzip, 0));
    expect(report.initialRaw).toBe(initial.reduce((sum, c) => sum + c.raw, 0));
    expect(report.chunks.find((c) => c.file.includes('monaco-E'))?.initial).toBe(false);
    expect(report.chunks.find((c) => c.file.endsWith('.css'))?.initial).toBe(true);
    expect(report.withinBudget).toBe(true);
    expect(formatReport(report)).toMatch(/initial JavaScript: .* in 4 chunks; .*within budget$/);
  });

  it('is over budget when the initial JavaScript is bigger than the budget', async () => {
    const report = await sizeReport(dist, 10);
    expect(report.withinBudget).toBe(false);
    expect(formatReport(report, 10)).toContain('OVER BUDGET');
  });
});
