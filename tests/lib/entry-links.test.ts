import { describe, expect, it } from 'vitest';
import {
  entryLinks,
  inlineStyles,
  linkTags,
  type BundleChunk,
} from '../../src/build/entry-links.ts';

const chunk = (
  fileName: string,
  imports: string[] = [],
  css: string[] = [],
  facadeModuleId: string | null = null,
): BundleChunk => ({
  type: 'chunk',
  fileName,
  imports,
  facadeModuleId,
  viteMetadata: { importedCss: new Set(css) },
});

const bundle: Record<string, BundleChunk> = {
  'assets/boot-1.js': chunk('assets/boot-1.js', [], ['assets/boot-1.css'], '/r/src/boot.ts'),
  'assets/main-2.js': chunk(
    'assets/main-2.js',
    ['assets/boot-1.js', 'assets/methods-3.js', 'assets/svelte-4.js'],
    ['assets/main-2.css'],
    '/r/src/main.ts',
  ),
  'assets/methods-3.js': chunk('assets/methods-3.js', ['assets/svelte-4.js', 'assets/zod-5.js']),
  'assets/svelte-4.js': chunk('assets/svelte-4.js', [], ['assets/boot-1.css']),
  'assets/zod-5.js': chunk('assets/zod-5.js', ['assets/methods-3.js']),
  'assets/Workspace-6.js': chunk('assets/Workspace-6.js', ['assets/main-2.js'], ['assets/w.css']),
  'assets/boot-1.css': { type: 'asset', fileName: 'assets/boot-1.css' },
};

describe('entryLinks (what the app entry needs, for index.html to fetch early)', () => {
  it('lists the entry and its static imports, transitively and once each, with their styles', () => {
    expect(entryLinks(bundle, '/src/main.ts')).toEqual({
      scripts: [
        'assets/main-2.js',
        'assets/boot-1.js',
        'assets/methods-3.js',
        'assets/svelte-4.js',
        'assets/zod-5.js',
      ],
      styles: ['assets/main-2.css', 'assets/boot-1.css'],
    });
  });

  it('finds the entry by its module on Windows paths too, and fails the build without it', () => {
    const windows = { x: chunk('assets/m.js', [], [], 'C:\\r\\src\\main.ts') };
    expect(entryLinks(windows, '/src/main.ts').scripts).toEqual(['assets/m.js']);
    expect(() => entryLinks(bundle, '/src/gone.ts')).toThrow(
      'the build has no chunk for /src/gone.ts',
    );
  });

  it('links styles, then a low-priority preload of the entry, leaving out what the page links', () => {
    const html =
      '<script type="module" src="./assets/boot-1.js"></script><link rel="stylesheet" href="./assets/boot-1.css">';
    const tags = linkTags(entryLinks(bundle, '/src/main.ts'), html);
    expect(tags.map((t) => [t.attrs?.['rel'], t.attrs?.['href']])).toEqual([
      ['stylesheet', './assets/main-2.css'],
      // The entry only: its imports are asked for when the first script runs.
      ['modulepreload', './assets/main-2.js'],
    ]);
    expect(tags.every((t) => t.injectTo === 'head' && t.tag === 'link')).toBe(true);
    expect(
      tags
        .filter((t) => t.attrs?.['rel'] === 'modulepreload')
        .map((t) => t.attrs?.['fetchpriority']),
    ).toEqual(['low']);
  });
});

describe('inlineStyles (the page styled by its own HTML, no stylesheet to wait for)', () => {
  const files = new Map([
    ['assets/boot-1.css', '.a{color:red}\n'],
    ['assets/other-2.css', '.b{color:blue}'],
  ]);
  const read = (file: string): string | undefined => files.get(file);

  it('puts each stylesheet of the build inline, in place, and leaves every other link', () => {
    const html =
      '<head><link rel="icon" href="./icon.svg"><link rel="stylesheet" crossorigin href="./assets/boot-1.css">' +
      '<link rel="stylesheet" href="https://cdn.example/x.css"><link rel="stylesheet" href="./assets/other-2.css"></head>';
    expect(inlineStyles(html, read)).toBe(
      '<head><link rel="icon" href="./icon.svg"><style>.a{color:red}</style>' +
        '<link rel="stylesheet" href="https://cdn.example/x.css"><style>.b{color:blue}</style></head>',
    );
  });

  it('fails the build for a linked file the build lacks, one that refers to other files, or one that would end the element early', () => {
    expect(() => inlineStyles('<link rel="stylesheet" href="./assets/gone.css">', read)).toThrow(
      'index.html links assets/gone.css, which the build lacks',
    );
    files.set('assets/url-4.css', '.d{background:url(./icon-5.svg)}');
    expect(() => inlineStyles('<link rel="stylesheet" href="./assets/url-4.css">', read)).toThrow(
      'assets/url-4.css refers to other files (url() or @import): it cannot go inline',
    );
    files.set('assets/import-6.css', '@import "./more.css";');
    expect(() =>
      inlineStyles('<link rel="stylesheet" href="./assets/import-6.css">', read),
    ).toThrow('refers to other files');
    files.set(
      'assets/data-7.css',
      '.e{background:url( "data:image/svg+xml,x")}.f{mask:url(DATA:x)}',
    );
    expect(inlineStyles('<link rel="stylesheet" href="./assets/data-7.css">', read)).toBe(
      '<style>.e{background:url( "data:image/svg+xml,x")}.f{mask:url(DATA:x)}</style>',
    );
    files.set('assets/url-8.css', ".g{background:url( 'icon.svg')}");
    expect(() => inlineStyles('<link rel="stylesheet" href="./assets/url-8.css">', read)).toThrow(
      'refers to other files',
    );
    files.set('assets/bad-3.css', '.c::after{content:"</STYLE><script>"}');
    expect(() => inlineStyles('<link rel="stylesheet" href="./assets/bad-3.css">', read)).toThrow(
      'assets/bad-3.css contains "</style": it cannot go inline',
    );
  });
});
