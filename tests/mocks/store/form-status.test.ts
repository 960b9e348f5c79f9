import { describe, expect, it } from 'vitest';
import { clearFormStatus } from '../../../mocks/store/form-status.ts';
import type { DataSlot } from '../../../mocks/store/types.ts';

describe('clearFormStatus', () => {
  const slot = (): DataSlot => ({
    event: null,
    repeatInstrument: null,
    instance: null,
    values: { record_id: '1', height: '170', health_complete: '0', demographics_complete: '2' },
    checked: { symptoms: ['1'] },
  });

  it("makes one form gray: its status goes, its values and the other forms' statuses stay", () => {
    const s = slot();
    expect(clearFormStatus(s, 'health')).toBe(true);
    expect(s.values).toEqual({ record_id: '1', height: '170', demographics_complete: '2' });
    expect(s.checked).toEqual({ symptoms: ['1'] });
  });

  it('answers false and changes nothing for a form already gray', () => {
    const s = slot();
    expect(clearFormStatus(s, 'visit')).toBe(false);
    expect(s).toEqual(slot());
  });
});
