import { afterEach, describe, expect, it } from 'vitest';
import { answerEarlyClicks, METHOD_NAV, showLoadFailure } from '../../src/lib/boot/early-clicks.ts';

/** The prerendered page as MethodList.svelte and Playground.svelte write it, cut down. */
function prerendered(): void {
  document.body.innerHTML = `<div id="app"><div class="layout">
    <nav aria-label="API methods"><ul>
      <li><button type="button" class="method" data-method="exp_arms">Export Arms</button></li>
      <li><button type="button" class="method" data-method="exp_records" aria-current="true">Export <b>Records</b></button></li>
      <li><button type="button" class="method" data-method="exp_users">Export Users</button></li>
      <li><button type="button" class="other">Not a method</button></li>
    </ul></nav>
    <main><p class="workspace-loading" role="status">Loading the workspace…</p></main>
    <button type="button" data-method="exp_dags">Outside the list</button>
  </div></div>`;
}

const button = (id: string): HTMLElement =>
  document.querySelector<HTMLElement>(`[data-method="${id}"]`)!;
const current = (): string[] =>
  [...document.querySelectorAll(`${METHOD_NAV} [aria-current="true"]`)].map(
    (b) => b.getAttribute('data-method') ?? '',
  );

afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('data-interactive');
});

describe('answerEarlyClicks (the prerendered list answers before the app arrives)', () => {
  it('marks the page interactive and keeps the last method clicked, shown as the current one', () => {
    prerendered();
    const early = answerEarlyClicks(document)!;
    expect(document.documentElement.hasAttribute('data-interactive')).toBe(true);
    expect(early.chosen).toBeNull();
    expect(current()).toEqual(['exp_records']);
    button('exp_arms').click();
    expect(early.chosen).toBe('exp_arms');
    expect(current()).toEqual(['exp_arms']);
    button('exp_users').click();
    expect(early.chosen).toBe('exp_users');
    expect(current()).toEqual(['exp_users']);
  });

  it('takes a click on an element inside a method button as a click on the method', () => {
    prerendered();
    const early = answerEarlyClicks(document)!;
    document.querySelector('b')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(early.chosen).toBe('exp_records');
    expect(current()).toEqual(['exp_records']);
  });

  it('ignores buttons that are no method, and methods outside the list', () => {
    prerendered();
    const early = answerEarlyClicks(document)!;
    document.querySelector<HTMLElement>('.other')!.click();
    button('exp_dags').click();
    expect(early.chosen).toBeNull();
    expect(current()).toEqual(['exp_records']);
  });

  it('stops answering once the app has taken over (its own handlers answer then)', () => {
    prerendered();
    const early = answerEarlyClicks(document)!;
    button('exp_arms').click();
    early.stop();
    early.stop();
    button('exp_users').click();
    expect(early.chosen).toBe('exp_arms');
    expect(current()).toEqual(['exp_arms']);
  });

  it('does nothing where no list was prerendered (npm run dev: the app mounts it)', () => {
    document.body.innerHTML = '<div id="app"></div>';
    expect(answerEarlyClicks(document)).toBeNull();
    expect(document.documentElement.hasAttribute('data-interactive')).toBe(false);
  });
});

describe('showLoadFailure', () => {
  it('says, where the workspace goes, that the page could not be loaded', () => {
    prerendered();
    showLoadFailure(document);
    const status = document.querySelector('.workspace-loading')!;
    expect(status.getAttribute('role')).toBe('alert');
    expect(status.textContent).toBe(
      'The playground could not be loaded. Reload the page to try again.',
    );
  });

  it('does not throw on a page without that line', () => {
    document.body.innerHTML = '';
    expect(() => showLoadFailure(document)).not.toThrow();
  });
});
