import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN, CAROL_TOKEN } from '../../mocks/fixtures/index.ts';
import { setupMockServer } from '../../mocks/node.ts';
import App from '../../src/App.svelte';
import { createMockTransport, type Transport } from '../../src/lib/execute/transport.ts';
import type { MethodId } from '../../src/lib/methods/index.ts';
import type { RedcapRequest } from '../../src/lib/redcap/request.ts';
import { makeContext, mockHandle } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const { server, redcap } = setupMockServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
beforeEach(() => redcap.reset());
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** The app on one method, as `token`'s user, over the real mock; `hold` delays every answer. */
function open(methodId: MethodId, token = ALICE_TOKEN, hold?: Promise<void>) {
  const sent: RedcapRequest[] = [];
  const inner = createMockTransport('/');
  const transport: Transport = {
    send: async (request, signal) => {
      sent.push(request);
      if (hold) await hold;
      return inner.send(request, signal);
    },
  };
  const startMock = () => Promise.resolve(mockHandle(token, { pendingMethods: [] }));
  const context = makeContext(transport, { methodId, startMock });
  render(App, { props: { context } });
  return { sent, context };
}

/** The field row of a parameter, by its input's label. */
const rowOf = (name: string | RegExp) =>
  screen.getByLabelText(name).closest('.field') as HTMLElement;

async function openPicker(name: string | RegExp): Promise<HTMLElement> {
  const details = rowOf(name).querySelector('details.picker') as HTMLDetailsElement;
  details.open = true;
  await fireEvent(details, new Event('toggle'));
  return details;
}

describe('pickers', () => {
  it('read nothing until opened, then show loading, then fields by instrument with export names', async () => {
    let release!: () => void;
    const { sent } = open('exp_records', ALICE_TOKEN, new Promise((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).toHaveLength(0);
    const picker = await openPicker(/^fields/);
    expect(await within(picker).findByRole('status')).toHaveProperty(
      'textContent',
      'Reading the project…',
    );
    release();
    const health = await within(picker).findByRole('group', { name: 'Health (health)' });
    expect(health.textContent).toContain(
      'exports symptoms___1, symptoms___2, symptoms___3, symptoms___4',
    );
    expect(within(picker).getByRole('group', { name: 'Demographics (demographics)' })).toBeTruthy();
    await fireEvent.click(within(health).getByRole('checkbox', { name: /^weight/ }));
    await fireEvent.click(within(health).getByRole('checkbox', { name: /^smoker/ }));
    expect((screen.getByLabelText(/^fields/) as HTMLInputElement).value).toBe('weight, smoker');
  });

  it('flags a name typed by hand that the project lacks, with the likely one', async () => {
    open('exp_records');
    await openPicker(/^fields/);
    await within(rowOf(/^fields/)).findByRole('group', { name: 'Health (health)' });
    await fireEvent.input(screen.getByLabelText(/^fields/), { target: { value: 'agee, sex' } });
    expect(
      rowOf(/^fields/)
        .querySelector('.picker-warning')
        ?.textContent?.trim(),
    ).toBe('`agee` is not a field in this project; did you mean `age`?'.replace(/`/g, ''));
  });

  it('says why when the token has no export right, and free entry still works', async () => {
    open('exp_records', CAROL_TOKEN);
    const picker = await openPicker(/^fields/);
    await vi.waitFor(() =>
      expect(picker.textContent).toContain(
        'REDCap answered 403: You do not have API Export privileges',
      ),
    );
    expect(picker.textContent).toContain('You can still type fields by hand.');
    await fireEvent.input(screen.getByLabelText(/^fields/), { target: { value: 'age' } });
    expect(rowOf(/^fields/).querySelector('.picker-warning')).toBeNull();
  });

  it('lists instruments, and records (distinct ids from a record id export)', async () => {
    const { sent } = open('exp_records');
    const forms = await openPicker(/^forms/);
    expect(await within(forms).findByRole('checkbox', { name: /^visit Visit/ })).toBeTruthy();
    expect(within(forms).queryByRole('radio')).toBeNull();
    const records = await openPicker(/^records/);
    await vi.waitFor(() => expect(within(records).getAllByRole('checkbox')).toHaveLength(24));
    const recordCall = sent.find((r) => r.body.some(([k, v]) => k === 'content' && v === 'record'));
    expect(recordCall?.body).toContainEqual(['fields[0]', 'record_id']);
  });

  it('narrows events to the arm chosen, in the picker or in the form', async () => {
    open('exp_records', ALICE_LONGITUDINAL_TOKEN);
    const picker = await openPicker(/^events/);
    await within(picker).findByRole('group', { name: 'Arm 1: Drug A' });
    expect(within(picker).getAllByRole('checkbox')).toHaveLength(7);
    const arm = within(picker).getByLabelText('Arm') as HTMLSelectElement;
    await fireEvent.change(arm, { target: { value: '2' } });
    const names = within(picker)
      .getAllByRole('checkbox')
      .map((c) => c.closest('label')?.querySelector('code')?.textContent);
    expect(names).toEqual(['baseline_arm_2', 'week_4_arm_2', 'final_arm_2']);
  });

  it('narrows events by the form’s own arm parameter (Delete Records)', async () => {
    open('del_records', ALICE_LONGITUDINAL_TOKEN);
    await fireEvent.input(screen.getByLabelText(/^arm/), { target: { value: '1' } });
    const picker = await openPicker(/^event/);
    await within(picker).findByRole('group', { name: 'Arm 1: Drug A' });
    expect(within(picker).queryByRole('group', { name: /Arm 2/ })).toBeNull();
    await fireEvent.click(within(picker).getByRole('radio', { name: /^week_4_arm_1/ }));
    expect((screen.getByLabelText(/^event/) as HTMLInputElement).value).toBe('week_4_arm_1');
  });

  it('lists arms; says a classic project has none', async () => {
    open('exp_events', ALICE_LONGITUDINAL_TOKEN);
    const arms = await openPicker(/^arms/);
    expect(await within(arms).findByRole('checkbox', { name: /^2 Drug B/ })).toBeTruthy();
  });

  it('says a classic project has no arms', async () => {
    open('exp_events');
    const arms = await openPicker(/^arms/);
    await vi.waitFor(() => expect(arms.textContent).toContain('This project is not longitudinal'));
  });

  const LISTS: [MethodId, RegExp, RegExp][] = [
    ['del_dags', /^dags/, /^site_b Site B/],
    ['del_users', /^users/, /^carol/],
    ['del_user_roles', /^roles/, /^U-7Q4M2K9X5B Data entry/],
  ];
  for (const [methodId, field, choice] of LISTS) {
    it(`lists ${String(field).slice(2, -1)} from their own export (${methodId})`, async () => {
      open(methodId);
      const picker = await openPicker(field);
      expect(await within(picker).findByRole('checkbox', { name: choice })).toBeTruthy();
    });
  }

  it('says REDCap cannot list reports, and takes a typed id', async () => {
    const { sent } = open('exp_reports');
    const picker = await openPicker(/^report_id/);
    await vi.waitFor(() =>
      expect(picker.textContent).toContain('REDCap has no API method that lists reports'),
    );
    expect(sent.some((r) => r.body.some(([, v]) => v === 'report'))).toBe(false);
  });

  it('lists File Repository folders, nested ones too, and files', async () => {
    open('exp_list_file_repo');
    const folders = await openPicker(/^folder_id/);
    expect(
      await within(folders).findByRole('radio', { name: /^12 Consent templates/ }),
    ).toBeTruthy();
    const nested = within(folders).getByRole('group', { name: 'Consent templates' });
    expect(within(nested).getByRole('radio', { name: /^14 Archive/ })).toBeTruthy();
  });

  it('lists files for doc_id', async () => {
    open('exp_file_repo');
    const files = await openPicker(/^doc_id/);
    await fireEvent.click(
      await within(files).findByRole('radio', { name: /^57 study-protocol.txt/ }),
    );
    expect((screen.getByLabelText(/^doc_id/) as HTMLInputElement).value).toBe('57');
  });

  const EVERY: [MethodId, RegExp][] = [
    ['exp_records', /^fields/],
    ['exp_records', /^forms/],
    ['exp_records', /^records/],
    ['exp_records', /^events/],
    ['del_dags', /^dags/],
    ['del_users', /^users/],
    ['del_user_roles', /^roles/],
  ];
  for (const [methodId, field] of EVERY) {
    it(`${String(field).slice(2, -1)} (${methodId}): loading, then why when the token lacks the right`, async () => {
      let release!: () => void;
      open(methodId, CAROL_TOKEN, new Promise((r) => (release = r)));
      const picker = await openPicker(field);
      expect((await within(picker).findByRole('status')).textContent).toBe('Reading the project…');
      release();
      await vi.waitFor(() => expect(picker.textContent).toMatch(/REDCap answered 403: /));
      expect(picker.textContent).toMatch(/You can still type \w+ by hand\./);
      expect(within(picker).queryByRole('checkbox')).toBeNull();
    });
  }
});
