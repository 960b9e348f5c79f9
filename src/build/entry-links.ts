// Build step (issue #22): the page's first script (src/boot.ts) is tiny and imports the app's
// entry (src/main.ts) dynamically, so the prerendered list answers clicks before the entry has
// arrived. Vite would fetch that entry only when the import runs; a link fetches it while the page
// is read (and tells `npm run size` it is initial JavaScript); were the entry to bring stylesheets
// of its own, they would be linked too. The entry's own imports are left to Vite's preload helper,
// which asks for all of them at once when the first script runs: preloading them from the page
// too (13 files) put their compiling before the first script and made the list usable later
// (1.8× a blank page instead of 1.2–1.6× in side-by-side runs on 2026-12-07).
//
// The page's stylesheets come inline (`inlineStyles`): linked, they held the first paint and the
// first script back until two more files had arrived (first contentful paint 144 → 108 ms, the
// list usable 111 → 99 ms, medians of 31 alternating loads on 2026-12-07). src/boot.ts imports
// every stylesheet the first screen needs, so the entry has none of its own and Vite's preload
// helper fetches no stylesheet before the app starts (`entryLinks(…).styles` is then empty).
import type { HtmlTagDescriptor, Plugin } from 'vite';

/** The parts of Rollup's output chunk this step reads. */
export interface BundleChunk {
  readonly type: 'chunk' | 'asset';
  readonly fileName: string;
  readonly facadeModuleId?: string | null;
  readonly imports?: readonly string[];
  readonly viteMetadata?: { readonly importedCss: ReadonlySet<string> };
}

export interface EntryLinks {
  /** The entry chunk and its static imports, transitively, entry first. */
  readonly scripts: readonly string[];
  /** Their stylesheets, in the same order. */
  readonly styles: readonly string[];
}

/** What the chunk built from `module` (a path ending, e.g. `/src/main.ts`) needs on load. */
export function entryLinks(
  bundle: Readonly<Record<string, BundleChunk>>,
  module: string,
): EntryLinks {
  const entry = Object.values(bundle).find(
    (c) => c.type === 'chunk' && c.facadeModuleId?.replaceAll('\\', '/').endsWith(module),
  );
  if (!entry) throw new Error(`the build has no chunk for ${module}`);
  const scripts: string[] = [];
  const styles: string[] = [];
  const visit = (chunk: BundleChunk): void => {
    if (scripts.includes(chunk.fileName)) return;
    scripts.push(chunk.fileName);
    for (const css of chunk.viteMetadata?.importedCss ?? []) {
      if (!styles.includes(css)) styles.push(css);
    }
    for (const name of chunk.imports ?? []) {
      const next = bundle[name];
      if (next?.type === 'chunk') visit(next);
    }
  };
  visit(entry);
  return { scripts, styles };
}

/**
 * Link tags for index.html's head (the build's base is relative: `./`): the stylesheets the page
 * does not link yet, and a low-priority modulepreload of the entry chunk itself.
 */
export function linkTags(links: EntryLinks, html: string): HtmlTagDescriptor[] {
  const linked = (file: string): boolean => html.includes(`"./${file}"`);
  return [
    ...links.styles
      .filter((file) => !linked(file))
      .map((href): HtmlTagDescriptor => ({
        tag: 'link',
        attrs: { rel: 'stylesheet', crossorigin: true, href: `./${href}` },
        injectTo: 'head',
      })),
    ...links.scripts
      .slice(0, 1)
      .filter((file) => !linked(file))
      .map((href): HtmlTagDescriptor => ({
        tag: 'link',
        // Low: the page's first script and stylesheet come first.
        attrs: { rel: 'modulepreload', crossorigin: true, fetchpriority: 'low', href: `./${href}` },
        injectTo: 'head',
      })),
  ];
}

/** The parts of Rollup's output asset this step reads. */
interface BundleAsset {
  readonly type: 'asset';
  readonly source: string | Uint8Array;
}

const STYLESHEET_LINK = /<link\b[^>]*\brel="stylesheet"[^>]*>/g;

/** Whether `css` has an `@import` or a `url()` that is not a `data:` URL. */
function refersElsewhere(css: string): boolean {
  if (/@import/i.test(css)) return true;
  return [...css.matchAll(/url\(\s*['"]?([^'")\s]*)/gi)].some(
    ([, target]) => !/^data:/i.test(target!),
  );
}

/**
 * `html` with each stylesheet link to a file of the build (`./assets/…`) replaced by a `<style>`
 * holding the file's text (`read`); links elsewhere stay. The CSP allows inline styles (Monaco
 * needs them), never inline scripts. Throws when a linked file is missing, could end the
 * `<style>` element early, or refers to other files (they would resolve against the page).
 */
export function inlineStyles(html: string, read: (file: string) => string | undefined): string {
  return html.replace(STYLESHEET_LINK, (link) => {
    const href = /\bhref="\.\/([^"]+\.css)"/.exec(link)?.[1];
    if (href === undefined) return link;
    const css = read(href);
    if (css === undefined) throw new Error(`index.html links ${href}, which the build lacks`);
    if (/<\/style/i.test(css)) throw new Error(`${href} contains "</style": it cannot go inline`);
    // A relative url() or @import would resolve against the page, no longer against assets/.
    if (refersElsewhere(css))
      throw new Error(`${href} refers to other files (url() or @import): it cannot go inline`);
    return `<style>${css.trimEnd()}</style>`;
  });
}

function assetText(bundle: Readonly<Record<string, unknown>>, file: string): string | undefined {
  const asset = bundle[file] as BundleAsset | undefined;
  if (asset?.type !== 'asset') return undefined;
  return typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
}

export function entryLinksPlugin(module = '/src/main.ts'): Plugin {
  return {
    name: 'playground-entry-links',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) return html;
        return {
          html: inlineStyles(html, (file) => assetText(bundle, file)),
          tags: linkTags(entryLinks(bundle as Record<string, BundleChunk>, module), html),
        };
      },
    },
  };
}
