import { fireEvent, render, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import type { Transport } from '../../src/lib/execute/transport.ts';
import { METHODS } from '../../src/lib/methods/index.ts';
import { makeContext, TEST_TOKEN } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const transport: Transport = { send: () => new Promise(() => {}) };

interface Saved {
  readonly fileName: string;
  readonly text: Promise<string>;
}

/** Captures what the page saves: the link's file name and the blob behind its URL. */
function captureDownloads(): Saved[] {
  const saved: Saved[] = [];
  const blobs = new Map<string, Blob>();
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    saved.push({ fileName: this.download, text: blobs.get(this.href)!.text() });
  });
  return saved;
}

afterEach(() => vi.restoreAllMocks());

async function openMenu() {
  const context = makeContext(transport, { methodId: 'exp_records' });
  render(App, { props: { context } });
  const compose = document.querySelector<HTMLElement>('section.compose')!;
  const summary = await within(compose).findByText('Export', { selector: 'summary' });
  await fireEvent.click(summary);
  return { context, menu: summary.closest('details')! };
}

describe('Export menu', () => {
  it('downloads the whole catalog as OpenAPI 3.1, built on demand', async () => {
    const saved = captureDownloads();
    const { menu } = await openMenu();
    await fireEvent.click(
      within(menu).getByRole('button', { name: 'Whole catalog as OpenAPI 3.1' }),
    );
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.fileName).toBe('redcap-api.openapi.json');
    const doc = JSON.parse(await saved[0]!.text) as {
      openapi: string;
      components: { schemas: Record<string, { 'x-redcap-method'?: string }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    const methods = Object.values(doc.components.schemas).map((s) => s['x-redcap-method']);
    expect(methods.filter(Boolean)).toHaveLength(METHODS.length);
    expect(await saved[0]!.text).not.toContain(TEST_TOKEN);
  });

  it('downloads the method on screen alone, and follows the method', async () => {
    const saved = captureDownloads();
    const { context, menu } = await openMenu();
    const button = () => within(menu).getByRole('button', { name: 'This method as OpenAPI 3.1' });
    await fireEvent.click(button());
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.fileName).toBe('redcap-exp_records.openapi.json');
    const one = JSON.parse(await saved[0]!.text) as {
      paths: Record<string, { post: { summary: string } }>;
    };
    expect(one.paths['/api/']!.post.summary).toBe('Export Records (exp_records)');
    context.playground.select('del_arms');
    await vi.waitFor(() => expect((button() as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(button());
    await vi.waitFor(() => expect(saved).toHaveLength(2));
    expect(saved[1]!.fileName).toBe('redcap-del_arms.openapi.json');
    expect(await saved[1]!.text).toContain('"summary": "Delete Arms (del_arms)"');
  });
});
