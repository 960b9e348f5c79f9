import { describe, expect, it } from 'vitest';
import { sortedRecords } from '../../../mocks/store/records.ts';
import { recordsInArm } from '../../../mocks/store/surveys.ts';
import { longitudinalProject } from './fixtures.ts';

/** Survey participants in the store (§2.22). */

describe('the participant list per arm', () => {
  it("lists only the records with data on one of the event's arm's events", () => {
    const project = longitudinalProject();
    const all = sortedRecords(project);
    const ids = (event: string) => recordsInArm(project, event, all).map((r) => r.id);
    expect(ids('baseline_arm_2')).toEqual(['9', '10', '11', '12']);
    expect(ids('week_4_arm_1')).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(ids('')).toEqual(all.map((r) => r.id));
  });
});
