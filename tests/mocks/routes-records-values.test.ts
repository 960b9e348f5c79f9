import { describe, expect, it } from 'vitest';
import { field } from '../../mocks/fixtures/classic-demo-dictionary.ts';
import { ALICE_TOKEN, CLASSIC_DEMO_SLUG, seedData } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { sendPairs } from './redcap-error.ts';

/**
 * Import Records (§2.4, §1.8): each kind of cell, at the edges of what REDCap stores and what it
 * refuses, as a client sees it (the 400 line `"record","field","value","reason"`, or the value
 * exported back). The classic demo plus one health field per validation it lacks.
 */
function mock(): MockRedcap {
  const seed = seedData();
  const project = seed.projects.find((p) => p.slug === CLASSIC_DEMO_SLUG)!;
  const at = project.metadata.findIndex((f) => f.field_name === 'notes');
  project.metadata.splice(
    at,
    0,
    ...(
      [
        ['d_mdy', 'date_mdy'],
        ['d_dmy', 'date_dmy'],
        ['dt_mdy', 'datetime_mdy'],
        ['dts', 'datetime_seconds_ymd'],
        ['n_comma', 'number_comma_decimal'],
        ['n2_comma', 'number_2dp_comma_decimal'],
        ['n1dp', 'number_1dp'],
        // Not one of REDCap's: only number… validations are checked as numbers.
        ['odd', 'x_comma_decimal'],
      ] as const
    ).map(([name, validation]) =>
      field(name, 'health', 'text', name, {
        text_validation_type_or_show_slider_number: validation,
      }),
    ),
  );
  return createMockRedcap({ seed });
}

async function importCell(redcap: MockRedcap, name: string, value: string, dateFormat = '') {
  return sendPairs(redcap, [
    ['token', ALICE_TOKEN],
    ['content', 'record'],
    ['format', 'json'],
    ['data', JSON.stringify([{ record_id: '1', [name]: value }])],
    ...(dateFormat ? ([['dateFormat', dateFormat]] as const) : []),
  ]);
}

async function stored(redcap: MockRedcap, name: string) {
  const asked = name.replace(/___.*$/, '');
  const { text } = await sendPairs(redcap, [
    ['token', ALICE_TOKEN],
    ['content', 'record'],
    ['format', 'json'],
    ['records', '1'],
    ['fields', asked],
  ]);
  return (JSON.parse(text) as Record<string, string>[])[0]![name];
}

const refusal = (name: string, value: string, reason: string) =>
  JSON.stringify({ error: `"1","${name}","${value}","${reason}"` });

describe('Import Records: the cells REDCap stores, and how', () => {
  it.each([
    // field, sent, dateFormat, stored
    ['symptoms___1', '0', '', '0'],
    ['symptoms___1', '1', '', '1'],
    ['health_complete', '0', '', '0'],
    ['health_complete', '2', '', '2'],
    ['sex', '0', '', '0'],
    ['smoker', '1', '', '1'],
    ['pain', '0', '', '0'],
    ['pain', '100', '', '100'],
    ['pain', '+5', '', '5'],
    ['pain', '007', '', '7'],
    ['pain', ' 50 ', '', '50'],
    ['bmi', '22.5', '', '22.5'],
    ['bmi', '.5', '', '.5'],
    ['bmi', '5.', '', '5.'],
    ['bmi', '-3', '', '-3'],
    ['bmi', ' 4 ', '', '4'],
    ['dob', '2020-01-31', '', '2020-01-31'],
    ['dob', '2020-01-31', 'YMD', '2020-01-31'],
    ['dob', '1/2/2020', 'MDY', '2020-01-02'],
    ['dob', '1/2/2020', 'DMY', '2020-02-01'],
    ['dob', '12-31-2020', 'MDY', '2020-12-31'],
    ['dob', '31-12-2020', 'DMY', '2020-12-31'],
    ['dob', ' 2020-01-31 ', '', '2020-01-31'],
    ['dob', '2020-01-31', 'MDY', '2020-01-31'],
    ['dob', '2020-01-31', 'DMY', '2020-01-31'],
    ['odd', 'abc', '', 'abc'],
    ['d_mdy', '2020-03-04', '', '2020-03-04'],
    ['d_dmy', '3/4/2020', 'MDY', '2020-03-04'],
    ['dt_mdy', '3/4/2020 10:20', 'MDY', '2020-03-04 10:20'],
    ['dts', '2020-03-04 10:20:30', '', '2020-03-04 10:20:30'],
    ['dts', '2020-03-04 10:20', '', '2020-03-04 10:20'],
    ['dts', '2020-03-04', '', '2020-03-04'],
    ['age', '42', '', '42'],
    ['age', '+42', '', '+42'],
    ['age', '-1', '', '-1'],
    ['age', ' 42 ', '', '42'],
    ['height', '1.5', '', '1.5'],
    ['height', '.5', '', '.5'],
    ['height', '5.', '', '5.'],
    ['height', '-1', '', '-1'],
    ['height', '+7', '', '+7'],
    ['n1dp', '1.5', '', '1.5'],
    ['n_comma', '1,54', '', '1,54'],
    ['n_comma', ',5', '', ',5'],
    ['n_comma', '-2', '', '-2'],
    ['n2_comma', '3,25', '', '3,25'],
    ['email', 'a@b.co', '', 'a@b.co'],
    ['email', ' a@b.co ', '', 'a@b.co'],
    ['phone', ' 555 ', '', ' 555 '],
    ['first_name', 'x@y', '', 'x@y'],
  ])('%s = %j (dateFormat %j) is stored as %j', async (name, sent, dateFormat, want) => {
    const redcap = mock();
    const answer = await importCell(redcap, name, sent, dateFormat);
    expect([answer.status, answer.text]).toEqual([200, '{"count": 1}']);
    expect(await stored(redcap, name)).toBe(want);
  });

  const category = (name: string) => `The value is not a valid category for ${name}`;
  const slider = 'The value is not a valid slider value (0 to 100) for pain';
  const number = (name: string) => `The value is not a valid number for ${name}`;
  const date = (name: string) => `The value is not a valid date for ${name}`;
  it.each([
    ['symptoms___1', '2', '', category('symptoms___1')],
    ['symptoms___1', ' 1', '', category('symptoms___1')],
    ['health_complete', '3', '', category('health_complete')],
    ['health_complete', '-1', '', category('health_complete')],
    ['sex', '2', '', category('sex')],
    ['sex', 'Female', '', category('sex')],
    ['smoker', 'yes', '', category('smoker')],
    ['pain', '101', '', slider],
    ['pain', '-1', '', slider],
    ['pain', '5.5', '', slider],
    ['pain', 'x1', '', slider],
    ['pain', '1x', '', slider],
    ['bmi', 'abc', '', number('bmi')],
    ['bmi', '1.2.3', '', number('bmi')],
    ['bmi', 'x1', '', number('bmi')],
    ['bmi', '1x', '', number('bmi')],
    ['dob', '2020-02-30', '', date('dob')],
    ['dob', '1/2/2020', 'YMD', date('dob')],
    ['dob', '13/2/2020', 'MDY', date('dob')],
    ['dob', '2/13/2020', 'DMY', date('dob')],
    ['dob', 'x1/2/2020', 'MDY', date('dob')],
    ['dob', '1/2/2020\nx', 'MDY', date('dob')],
    ['dts', '2020-03-04 24:00', '', date('dts')],
    ['dob', '2020-01-31 10:00', '', date('dob')],
    ['d_mdy', '2020-13-01', '', date('d_mdy')],
    ['age', '4.2', '', 'The value is not a valid integer for age'],
    ['age', 'x4', '', 'The value is not a valid integer for age'],
    ['age', '4x', '', 'The value is not a valid integer for age'],
    ['height', '1,5', '', number('height')],
    ['height', 'e5', '', number('height')],
    ['height', '.', '', number('height')],
    ['height', 'x1', '', number('height')],
    ['height', '1x', '', number('height')],
    ['n1dp', '1,5', '', number('n1dp')],
    ['n_comma', '1.5', '', number('n_comma')],
    ['n_comma', 'x1', '', number('n_comma')],
    ['n_comma', '1x', '', number('n_comma')],
    ['n2_comma', '3.25', '', number('n2_comma')],
    ['email', 'a@b', '', 'The value is not a valid e-mail address for email'],
    ['email', 'a b@c.de', '', 'The value is not a valid e-mail address for email'],
    ['email', 'x a@b.co', '', 'The value is not a valid e-mail address for email'],
    ['email', 'a@b.co x', '', 'The value is not a valid e-mail address for email'],
    ['email', '@b.co', '', 'The value is not a valid e-mail address for email'],
  ])('%s = %j (dateFormat %j) is refused: %s', async (name, sent, dateFormat, reason) => {
    const redcap = mock();
    const before = await stored(redcap, name);
    const answer = await importCell(redcap, name, sent, dateFormat);
    expect([answer.status, answer.text]).toEqual([400, refusal(name, sent, reason)]);
    expect(await stored(redcap, name)).toBe(before);
  });
});
