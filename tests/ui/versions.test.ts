import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import type { Transport } from '../../src/lib/execute/transport.ts';
import { describeSchema } from '../../src/lib/form/describe-schema.ts';
import { METHODS } from '../../src/lib/methods/index.ts';
import { compareVersions, versionNote } from '../../src/lib/methods/versions.ts';
import type { MethodId } from '../../src/lib/methods/index.ts';
import { makeContext, mockHandle } from './harness.ts';
import { LIVE_TOKEN, LIVE_URL, liveContext, type Answer } from './live-harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const neverCalled: Transport = {
  send: vi.fn(() => Promise.reject(new Error('must not be sent'))),
};

const field = (name: string) =>
  within(screen.getByRole('form', { name: 'Parameters' }))
    .getByLabelText(name)
    .closest('.field')!;

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

describe('notes for a live server older than a method or parameter', () => {
  it('compares versions part by part, as numbers', () => {
    expect(compareVersions('15.6.0', '14.5.10')).toBeGreaterThan(0);
    expect(compareVersions('6.11.0', '14.5.10')).toBeLessThan(0);
    expect(compareVersions('14.5.10', '14.5.9')).toBeGreaterThan(0);
    expect(compareVersions('14.5', '14.5.0')).toBe(0);
    expect(compareVersions('15.6.0', 'not a version')).toBeNull();
    expect(versionNote('15.6.0', '14.5.10')).toBe('your REDCap 14.5.10 may not know this');
    expect(versionNote('6.0.0', '14.5.10')).toBeNull();
    expect(versionNote(undefined, '14.5.10')).toBeNull();
    expect(versionNote('15.6.0', null)).toBeNull();
    expect(versionNote('15.6.0', '<html>')).toBeNull();
  });

  async function connected(methodId: MethodId, version = '14.5.10') {
    const answers: Record<string, Answer> = {
      version: { body: version, headers: { 'content-type': 'text/html; charset=UTF-8' } },
    };
    const setup = liveContext({ methodId, answers });
    render(App, { props: { context: setup.context } });
    await fireEvent.click(screen.getByRole('radio', { name: 'Live' }));
    await screen.findByRole('form', { name: 'Live connection' });
    await fireEvent.input(screen.getByRole('textbox', { name: 'API URL' }), {
      target: { value: LIVE_URL },
    });
    await fireEvent.input(screen.getByLabelText('Token'), { target: { value: LIVE_TOKEN } });
    await fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await screen.findByLabelText('Connected project');
  }

  it('notes a parameter newer than the connected REDCap, and not an older one', async () => {
    await connected('exp_records');
    await waitFor(() =>
      expect(field('combineCheckboxOptions').textContent).toContain(
        'your REDCap 14.5.10 may not know this parameter (it came in 15.6.0)',
      ),
    );
    expect(field('filterLogic').textContent).not.toContain('may not know');
    expect(field('records').textContent).not.toContain('may not know');
  });

  it('says nothing once the server is new enough', async () => {
    await connected('exp_records', '15.6.0');
    expect(field('combineCheckboxOptions').textContent).not.toContain('may not know');
  });

  it('says nothing in mock mode', () => {
    render(App, { props: { context: makeContext(neverCalled, { methodId: 'exp_records' }) } });
    expect(field('combineCheckboxOptions').textContent).not.toContain('may not know');
  });

  it('notes a method newer than the connected REDCap in its header', async () => {
    await connected('exp_surv_access_code');
    await waitFor(() =>
      expect(document.querySelector('.method-header')!.textContent).toContain(
        'This method came in REDCap 15.1.0: your REDCap 14.5.10 may not know this method.',
      ),
    );
  });
});

describe('notes in mock mode follow the mock’s REDCap version', () => {
  function withVersion(initial: string) {
    let version = initial;
    const redcapVersion = vi.fn((wanted?: string) => {
      if (wanted !== undefined) version = wanted;
      return Promise.resolve(version);
    });
    const startMock = () => Promise.resolve(mockHandle(undefined, { redcapVersion }));
    render(App, {
      props: { context: makeContext(neverCalled, { methodId: 'exp_records', startMock }) },
    });
    return redcapVersion;
  }

  it('notes what the mock’s version may not know, and follows a new one set in its settings', async () => {
    const redcapVersion = withVersion('14.5.10');
    await waitFor(() =>
      expect(field('combineCheckboxOptions').textContent).toContain(
        'your REDCap 14.5.10 may not know this parameter',
      ),
    );
    const input = screen.getByRole('textbox', { name: 'Mock REDCap version' }) as HTMLInputElement;
    expect(input.value).toBe('14.5.10');
    await fireEvent.change(input, { target: { value: '15.6.0' } });
    await waitFor(() => expect(redcapVersion).toHaveBeenCalledWith('15.6.0'));
    await waitFor(() =>
      expect(field('combineCheckboxOptions').textContent).not.toContain('may not know'),
    );
    expect(document.body.textContent).toContain('The mock now answers REDCap 15.6.0');
  });

  it('refuses what is not a version, and keeps the one it had', async () => {
    const redcapVersion = withVersion('14.5.10');
    const input = await screen.findByRole('textbox', { name: 'Mock REDCap version' });
    await fireEvent.change(input, { target: { value: 'newest' } });
    await waitFor(() =>
      expect(document.body.textContent).toContain('Not a REDCap version: "newest" (e.g. 15.6.0)'),
    );
    expect(redcapVersion).not.toHaveBeenCalledWith('newest');
    expect(field('combineCheckboxOptions').textContent).toContain('your REDCap 14.5.10');
  });
});
