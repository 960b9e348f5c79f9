import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import type { Transport } from '../../src/lib/execute/transport.ts';
import { makeContext } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const transport: Transport = { send: () => new Promise(() => {}) };

function setup() {
  const context = makeContext(transport, { methodId: 'exp_records' });
  render(App, { props: { context } });
  const nav = screen.getByRole('navigation', { name: 'API methods' });
  const search = within(nav).getByRole('searchbox', { name: 'Search methods' });
  const listed = () =>
    within(nav)
      .getAllByRole('button')
      .map((b) => b.firstChild?.textContent);
  return { nav, search, listed, context };
}

afterEach(() => vi.restoreAllMocks());

describe('the method list', () => {
  it('names each method on its button, for the page to answer clicks before the app (src/boot.ts)', () => {
    const { nav } = setup();
    const buttons = within(nav).getAllByRole('button');
    expect(buttons).toHaveLength(55);
    expect(new Set(buttons.map((b) => b.dataset['method'])).size).toBe(55);
    expect(within(nav).getByRole('button', { name: 'Export Arms' }).dataset['method']).toBe(
      'exp_arms',
    );
    expect(within(nav).getByRole('button', { name: 'Export Records' }).dataset['method']).toBe(
      'exp_records',
    );
  });

  it('lists search results best first, each with its group', async () => {
    const { nav, search, listed } = setup();
    await fireEvent.input(search, { target: { value: 'download data' } });
    expect(listed()[0]).toBe('Export Records');
    expect(within(nav).getAllByRole('button')[0]?.textContent).toBe('Export RecordsRecords');
    // The group is shown, not read: the button's name stays the method's label.
    expect(within(nav).getByRole('button', { name: 'Export Records' })).toBeTruthy();
    await fireEvent.input(search, { target: { value: 'delete' } });
    const found = listed();
    expect(found[0]).toBe('Delete Records');
    expect(found.indexOf('Delete Records')).toBeLessThan(found.indexOf('Delete a File'));
  });

  it('says so when nothing matches', async () => {
    const { nav, search } = setup();
    await fireEvent.input(search, { target: { value: 'xyzzy' } });
    expect(within(nav).queryAllByRole('button')).toEqual([]);
    expect(nav.textContent).toContain('No method matches “xyzzy”.');
  });

  it('shows REDCap’s groups without a query', () => {
    const { nav } = setup();
    const titles = within(nav)
      .getAllByRole('heading', { level: 2 })
      .map((h) => h.textContent);
    expect(titles[0]).toBe('Arms');
    expect(titles).toContain('User Roles');
  });

  it('starts a newly chosen method at its heading, focused and scrolled into view', async () => {
    const scrolled: Element[] = [];
    vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
      scrolled.push(this);
    });
    const { nav, context } = setup();
    // Far down the page: the method header is above the screen.
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(
      DOMRect.fromRect({ x: 0, y: -2000, width: 600, height: 100 }),
    );
    await fireEvent.click(within(nav).getByRole('button', { name: 'Import Records' }));
    expect(context.playground.methodId).toBe('imp_records');
    await vi.waitFor(() => {
      const heading = screen.getByRole('heading', { level: 2, name: 'Import Records' });
      expect(document.activeElement).toBe(heading);
      expect(scrolled).toContain(heading.closest('header'));
    });
  });

  it('leaves the page where it is when the new heading is already in view', async () => {
    const scrolled: Element[] = [];
    vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
      scrolled.push(this);
    });
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(
      DOMRect.fromRect({ x: 0, y: 80, width: 600, height: 100 }),
    );
    const { nav } = setup();
    await fireEvent.click(within(nav).getByRole('button', { name: 'Import Records' }));
    const heading = screen.getByRole('heading', { level: 2, name: 'Import Records' });
    await vi.waitFor(() => expect(document.activeElement).toBe(heading));
    expect(scrolled).toEqual([]);
  });
});
