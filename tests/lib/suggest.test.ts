import { describe, expect, it } from 'vitest';
import { suggest } from '../../src/lib/suggest.ts';

const FIELDS = ['record_id', 'first_name', 'age', 'sex', 'weight', 'height', 'symptoms', 'dob'];

describe('suggest (did you mean)', () => {
  it.each([
    ['agee', 'age'],
    ['AGE', 'age'],
    ['wieght', 'weight'],
    ['hieght', 'height'],
    ['symptom', 'symptoms'],
    ['sxe', 'sex'],
    ['firstname', 'first_name'],
    ['record-id', 'record_id'],
  ])('%s → %s', (typed, expected) => {
    expect(suggest(typed, FIELDS)).toBe(expected);
  });

  it.each([['bmi'], ['visit_type'], [''], ['   '], ['zzzzzzzz']])(
    'nothing close to %j',
    (typed) => {
      expect(suggest(typed, FIELDS)).toBeNull();
    },
  );

  it('returns null without candidates, and the earlier candidate on a tie', () => {
    expect(suggest('age', [])).toBeNull();
    expect(suggest('ab', ['aa', 'bb'])).toBe('aa');
    expect(suggest('ab', ['bb', 'aa'])).toBe('bb');
  });

  it('allows more edits for longer names', () => {
    expect(suggest('baseline_arm1', ['baseline_arm_1', 'week_4_arm_1'])).toBe('baseline_arm_1');
    expect(suggest('basline_arm_2', ['baseline_arm_1', 'baseline_arm_2'])).toBe('baseline_arm_2');
    expect(suggest('xx', ['ab'])).toBeNull();
  });
});
