import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import type { Transport } from '../../src/lib/execute/transport.ts';
import { describeSchema } from '../../src/lib/form/describe-schema.ts';
import { METHODS } from '../../src/lib/methods/index.ts';
import { makeContext } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const neverCalled: Transport = {
  send: vi.fn(() => Promise.reject(new Error('must not be sent'))),
};

/**
 * REDCap versions (#25): where a source says when a method or parameter came, the catalog
 * records it, the method file cites the source, and the form shows "since REDCap x.y.z".
 */
describe('REDCap versions in the catalog', () => {
  const dir = join(process.cwd(), 'src', 'lib', 'methods');
  const files = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
  const fileOf = (id: string) => files.find((text) => text.includes(`id: '${id}',`))!;

  it('are versions, and each method file that gives one cites its source', () => {
    let count = 0;
    for (const method of METHODS) {
      const versions = [method.since, ...describeSchema(method.params).map((f) => f.since)].filter(
        (v) => v !== undefined,
      );
      count += versions.length;
      for (const v of versions) expect(v, method.id).toMatch(/^\d+\.\d+\.\d+$/);
      if (versions.length > 0) {
        expect(fileOf(method.id), method.id).toMatch(/REDCap versions \(`since`\): \S/);
      }
    }
    expect(count).toBeGreaterThanOrEqual(28);
  });

  it('knows the ones REDCap documented', () => {
    const method = (id: string) => METHODS.find((m) => m.id === id)!;
    const param = (id: string, name: string) =>
      describeSchema(method(id).params).find((f) => f.name === name)?.since;
    expect(method('exp_rc_v').since).toBe('6.0.0');
    expect(method('imp_proj').since).toBe('6.11.0');
    expect(param('exp_records', 'filterLogic')).toBe('6.11.0');
    expect(param('exp_records', 'combineCheckboxOptions')).toBe('15.6.0');
    expect(param('exp_proj_xml', 'exportFiles')).toBe('6.12.1');
    // Not known: nothing said.
    expect(method('exp_records').since).toBeUndefined();
    expect(param('exp_records', 'records')).toBeUndefined();
  });
});

describe('REDCap versions in the form', () => {
  it('shows "since REDCap …" beside a parameter that has one, and nothing beside others', () => {
    render(App, { props: { context: makeContext(neverCalled, { methodId: 'exp_records' }) } });
    const form = screen.getByRole('form', { name: 'Parameters' });
    const field = (name: string) => within(form).getByLabelText(name).closest('.field')!;
    expect(field('combineCheckboxOptions').textContent).toContain('since REDCap 15.6.0');
    expect(field('filterLogic').textContent).toContain('since REDCap 6.11.0');
    expect(field('records').textContent).not.toContain('since REDCap');
    const header = document.querySelector('.method-header')!;
    expect(header.textContent).not.toContain('since REDCap');
  });

  it('shows the method’s own version in its header', () => {
    render(App, { props: { context: makeContext(neverCalled, { methodId: 'exp_rc_v' }) } });
    expect(document.querySelector('.method-header')!.textContent).toContain('since REDCap 6.0.0');
  });
});
