/**
 * The response views load on first use: the initial JavaScript has a 67 KiB gzip budget, and
 * nothing of them is needed before the first answer.
 */
export type ResponseTab = 'pretty' | 'table' | 'raw' | 'headers';

let body: Promise<typeof import('./ResponseBody.svelte')> | undefined;
let table:
  | Promise<[typeof import('./TableView.svelte'), typeof import('../../lib/table/parse.ts')]>
  | undefined;

/** Error and hint, Copy/Download, Pretty and Raw. */
export function loadBody(): Promise<typeof import('./ResponseBody.svelte')> {
  return (body ??= import('./ResponseBody.svelte'));
}

/** The grid, labels, summaries and the parser. */
export function loadTable(): Promise<
  [typeof import('./TableView.svelte'), typeof import('../../lib/table/parse.ts')]
> {
  return (table ??= Promise.all([
    import('./TableView.svelte'),
    import('../../lib/table/parse.ts'),
  ]));
}
