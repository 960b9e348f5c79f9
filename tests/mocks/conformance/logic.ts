import { describe, expect, it } from 'vitest';
import { client, type Target } from './client.ts';

/**
 * Export Records with filterLogic (§2.3) on the classic demo, one case per function. Every
 * expected list was worked out by hand from mocks/fixtures/classic-demo.ts (CLASSIC_DEMO_ROWS,
 * CLASSIC_DEMO_PAIN, the visit rows); the reasoning is in each comment.
 */
export function logicSuite(target: Target) {
  const api = client(target);
  const ids = async (filterLogic: string) =>
    (await api.json('exp_records', { fields: ['record_id'], filterLogic })).map(
      (r) => r['record_id'],
    );

  describe('Export Records: filterLogic functions (§2.3)', () => {
    it('reads AND / OR in capitals', async () => {
      // ages above 55: 9 (61), 21 (58); below 28: 24 (27).
      expect(await ids('[age] > 55 OR [age] < 28')).toEqual(['9', '21', '24']);
    });

    it("treats [field] = '' as blank", async () => {
      // no e-mail: 4, 9, 14, 21 and the empty record 23.
      expect(await ids("[email] = ''")).toEqual(['4', '9', '14', '21', '23']);
    });

    it('datediff in years (365.2425 days), blank dates never matching', async () => {
      // Born more than 30 years before 2000-01-01 (before ~1970-01-01): 4 (1968-08-26),
      // 9 (1962-09-04), 15 (1969-09-09), 21 (1965-12-30); 13 (1970-02-04) is 29.9 years.
      expect(await ids("datediff([dob], '2000-01-01', 'y') > 30")).toEqual(['4', '9', '15', '21']);
    });

    it('datediff signed is d2 − d1; unsigned is its absolute value', async () => {
      const signed = "datediff('2000-01-01', [dob], 'y', 'ymd', true) < -30";
      expect(await ids(signed)).toEqual(['4', '9', '15', '21']);
      expect(await ids("datediff('2000-01-01', [dob], 'y') < -30")).toEqual([]);
    });

    it('datediff in days over a repeating instrument row', async () => {
      // A visit within a day of 2024-02-01: 4 (2024-02-01) and 5 (2024-02-02).
      expect(await ids("datediff([visit_date], '2024-02-01', 'd') <= 1")).toEqual(['4', '5']);
    });

    it('contains ignores case', async () => {
      expect(await ids("contains([email], 'EXAMPLE.ORG')")).toEqual([
        '1',
        '2',
        '6',
        '11',
        '15',
        '18',
        '24',
      ]);
    });

    it('not_contain (a blank contains nothing)', async () => {
      // Men whose e-mail is not .org: 5, 7, 13, 17, 19 and 9, 21 without e-mail.
      expect(await ids("not_contain([email], '.org') and [sex] = '1'")).toEqual([
        '5',
        '7',
        '9',
        '13',
        '17',
        '19',
        '21',
      ]);
    });

    it('starts_with ignores case', async () => {
      // Goldwasser (20) and Goldberg (22).
      expect(await ids("starts_with([last_name], 'g')")).toEqual(['20', '22']);
    });

    it('ends_with', async () => {
      expect(await ids("ends_with([email], '.net')")).toEqual(['5', '10', '16', '20']);
    });

    it('if chooses a branch per record', async () => {
      // Men weighing over 70 (5, 7, 9, 11, 13, 17, 19, 21; 2 weighs 70, 15 none); women over
      // 60 (4, 16, 22; 8 weighs 60). A blank weight + 10 stays blank (6, 20, 23).
      expect(await ids("if([sex] = '1', [weight], [weight] + 10) > 70")).toEqual([
        '4',
        '5',
        '7',
        '9',
        '11',
        '13',
        '16',
        '17',
        '19',
        '21',
        '22',
      ]);
    });

    it('sum skips a blank and is blank when everything is', async () => {
      // height + weight above 260: 5 (265), 19 (264), 21 (265.7); 20 has no weight (164).
      expect(await ids('sum([height], [weight]) > 260')).toEqual(['5', '19', '21']);
    });

    it('min', async () => {
      // Age 40 or more, and pain (when recorded) 40 or more: record 2 has pain 0.
      expect(await ids('min([age], [pain]) >= 40')).toEqual([
        '4',
        '5',
        '7',
        '9',
        '11',
        '13',
        '15',
        '17',
        '18',
        '19',
        '21',
      ]);
    });

    it('max', async () => {
      // 4 (pain 75) and 9 (pain 90, age 61).
      expect(await ids('max([age], [pain]) >= 60')).toEqual(['4', '9']);
    });

    it('mean', async () => {
      // 4: (55+75)/2, 9: (61+90)/2, 13/15: 54, 21: 58.
      expect(await ids('mean([age], [pain]) > 50')).toEqual(['4', '9', '13', '15', '21']);
    });

    it('round', async () => {
      // Stored BMI rounding to 21: 3 (21.4), 8 (21.3), 10 (20.8), 24 (20.8); 1 is 21.5 → 22.
      expect(await ids('round([bmi]) = 21')).toEqual(['3', '8', '10', '24']);
    });

    it('abs', async () => {
      // Within two years of 40: 1 (38) and 17 (40).
      expect(await ids('abs([age] - 40) <= 2')).toEqual(['1', '17']);
    });

    it('isnumber with not()', async () => {
      expect(await ids('not(isnumber([weight]))')).toEqual(['6', '15', '20', '23']);
    });

    it('isinteger', async () => {
      // Whole weights of 80 or more: 5 (80), 9 (82), 19 (81); 21 weighs 85.7.
      expect(await ids('isinteger([weight]) and [weight] >= 80')).toEqual(['5', '9', '19']);
    });

    it('isblankormissingcode', async () => {
      expect(await ids('isblankormissingcode([email])')).toEqual(['4', '9', '14', '21', '23']);
    });

    it('not without parentheses binds tighter than and', async () => {
      // Women who are not non-smokers: 18 smokes, 6 has no answer.
      expect(await ids("not [smoker] = '0' and [sex] = '0'")).toEqual(['6', '18']);
    });

    it('Export Project XML keeps only the records the logic selects (§2.19)', async () => {
      const r = await api.call('exp_proj_xml', { filterLogic: "ends_with([email], '.net')" });
      expect(r.status).toBe(200);
      const keys = [...r.text.matchAll(/<SubjectData [^>]*SubjectKey="([^"]+)"/g)].map((m) => m[1]);
      expect(keys).toEqual(['5', '10', '16', '20']);
      const bad = await api.call('exp_proj_xml', { filterLogic: '[age] >' });
      expect(bad.status).toBe(400);
    });

    it('answers an unknown function and a wrong argument count with 400', async () => {
      for (const logic of ['sqrt([age]) > 1', "datediff([dob], 'y') > 1"]) {
        const r = await api.call('exp_records', { format: 'json', filterLogic: logic });
        expect(r.status).toBe(400);
        expect(JSON.parse(r.text).error).toMatch(
          /^The value of the parameter "filterLogic" is not valid: /,
        );
      }
    });
  });
}
