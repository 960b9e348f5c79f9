import { describe, expect, it } from 'vitest';
import { attachFile, fileTarget, removeFile, storedFile } from '../../../mocks/store/files.ts';
import { findInstance, findRecord } from '../../../mocks/store/records.ts';
import type { MetadataRow, ProjectData } from '../../../mocks/store/types.ts';
import { classicProject, longitudinalProject } from './fixtures.ts';

/** Files attached to records in the store (§2.16): which slot a file lives in. */

const upload = (name: string) => ({
  name,
  type: 'text/plain',
  bytes: new TextEncoder().encode(name),
});

/** The longitudinal demo with a file field on `vitals` (collected on every event). */
function withFileField(): ProjectData {
  const project = longitudinalProject();
  const field: MetadataRow = {
    ...project.metadata.find((m) => m.field_name === 'weight')!,
    field_name: 'scan',
    field_type: 'file',
    field_label: 'Scan',
    text_validation_type_or_show_slider_number: '',
  };
  project.metadata.push(field);
  return project;
}

describe('files per event', () => {
  it("an upload on an event the record has no row on yet makes that row, with the record id and the form's status", () => {
    const project = withFileField();
    const record = findRecord(project, '2')!;
    expect(record.slots.some((s) => s.event === 'unscheduled_arm_1')).toBe(false);
    const t = fileTarget(project, '2', 'scan', 1, 'unscheduled_arm_1');
    expect(t).toMatchObject({
      event: 'unscheduled_arm_1',
      eventRepeats: true,
      form: null,
      instance: 1,
    });
    const docId = attachFile(project, record, t, upload('a.txt'));
    const slot = record.slots.find((s) => s.event === 'unscheduled_arm_1')!;
    expect(slot.instance).toBe(1);
    expect(slot.values).toEqual({ record_id: '2', scan: String(docId), vitals_complete: '0' });
    expect(storedFile(project, record, t)?.name).toBe('a.txt');
  });

  it('files on two events of one record are two files; deleting one leaves the other', () => {
    const project = withFileField();
    const record = findRecord(project, '1')!;
    const baseline = fileTarget(project, '1', 'scan', 1, 'baseline_arm_1');
    const week4 = fileTarget(project, '1', 'scan', 1, 'week_4_arm_1');
    attachFile(project, record, baseline, upload('base.txt'));
    attachFile(project, record, week4, upload('week4.txt'));
    expect(removeFile(project, record, baseline)).toBe(true);
    expect(storedFile(project, record, baseline)).toBeUndefined();
    expect(storedFile(project, record, week4)?.name).toBe('week4.txt');
    expect(removeFile(project, record, baseline)).toBe(false);
  });

  it('on a repeating event the file goes to the instance named', () => {
    const project = withFileField();
    const record = findRecord(project, '1')!;
    const second = fileTarget(project, '1', 'scan', 2, 'unscheduled_arm_1');
    attachFile(project, record, second, upload('two.txt'));
    const slot = record.slots.find((s) => s.event === 'unscheduled_arm_1' && s.instance === 2)!;
    expect(slot.values['scan']).toBeDefined();
    expect(
      storedFile(project, record, fileTarget(project, '1', 'scan', 1, 'unscheduled_arm_1')),
    ).toBeUndefined();
  });
});

describe('files on a classic project', () => {
  it('a file on a repeating instrument lives in its instance; replacing it drops the old file', () => {
    const project = classicProject();
    const record = findRecord(project, '1')!;
    const t = fileTarget(project, '1', 'consent_file', 2, 'ignored_event');
    expect(t).toMatchObject({ form: 'visit', instance: 2, event: null });
    const first = attachFile(project, record, t, upload('one.txt'));
    const second = attachFile(project, record, t, upload("it's.txt"));
    expect(findInstance(record, 'visit', 2)?.values['consent_file']).toBe(String(second));
    expect(project.edocs.some((d) => d.doc_id === first)).toBe(false);
    expect(storedFile(project, record, t)?.name).toBe('its.txt');
  });
});
