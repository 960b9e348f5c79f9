import { describe, expect, it } from 'vitest';
import { Params, paramsOf, repeatInstanceParam } from '../../mocks/wire/params.ts';
import { ApiError } from '../../mocks/store/errors.ts';
import type { FormFields } from '../../src/lib/redcap/decode.ts';

/** Fields as the decoder gives them: no prototype. */
function fields(entries: Record<string, string | string[]>): FormFields {
  return Object.assign(Object.create(null) as Record<string, string | string[]>, entries);
}

describe('paramsOf: parameters read through the method schema (issue #20)', () => {
  it('accepts only the names the method declares (checked by npm run check)', () => {
    const p = paramsOf({ fields: fields({ arms: ['1'], records: 'x' }) }, 'exp_arms');
    expect(p.list('arms')).toEqual(['1']);
    // @ts-expect-error Export Arms declares no `records`
    expect(p.text('records')).toBe('x');
    const d = paramsOf({ fields: fields({}) }, 'del_records');
    // @ts-expect-error Delete Records declares no `fields`
    expect(d.list('fields')).toEqual([]);
  });

  it.each([
    ['text: a string as sent', (p: Params<'a'>) => p.text('a'), { a: ' x ' }, ' x '],
    ['text: an array is not a scalar', (p: Params<'a'>) => p.text('a'), { a: ['x'] }, undefined],
    ['text: not sent', (p: Params<'a'>) => p.text('a'), {}, undefined],
    ['trimmed: blanks around go', (p: Params<'a'>) => p.trimmed('a'), { a: ' \tx y ' }, 'x y'],
    ['trimmed: not sent is empty', (p: Params<'a'>) => p.trimmed('a'), {}, ''],
    ['sent: a value', (p: Params<'a'>) => p.sent('a'), { a: 'false' }, true],
    ['sent: a blank value', (p: Params<'a'>) => p.sent('a'), { a: '' }, false],
    ['sent: a space', (p: Params<'a'>) => p.sent('a'), { a: ' ' }, true],
    ['sent: an array', (p: Params<'a'>) => p.sent('a'), { a: [] }, true],
    ['sent: not sent', (p: Params<'a'>) => p.sent('a'), {}, false],
    ['raw: the array itself', (p: Params<'a'>) => p.raw('a'), { a: ['1', '2'] }, ['1', '2']],
    ['flag: 1', (p: Params<'a'>) => p.flag('a'), { a: '1' }, true],
    ['flag: TRUE', (p: Params<'a'>) => p.flag('a'), { a: 'TRUE' }, true],
    ['flag: yes', (p: Params<'a'>) => p.flag('a'), { a: 'yes' }, false],
    ['flag: 0', (p: Params<'a'>) => p.flag('a'), { a: '0' }, false],
    ['choice: allowed', (p: Params<'a'>) => p.choice('a', ['x', 'y'], 'x'), { a: 'y' }, 'y'],
    [
      'choice: other case falls back',
      (p: Params<'a'>) => p.choice('a', ['x', 'y'], 'x'),
      { a: 'Y' },
      'x',
    ],
    [
      'list: bracket array trimmed',
      (p: Params<'a'>) => p.list('a'),
      { a: [' 1', '', '2 '] },
      ['1', '2'],
    ],
    ['list: a plain string is ignored', (p: Params<'a'>) => p.list('a'), { a: '1,2' }, []],
    [
      'list: a comma string where asked',
      (p: Params<'a'>) => p.list('a', { commaString: true }),
      { a: '1, 2,,' },
      ['1', '2'],
    ],
    ['csvDelimiter: tab', (p: Params<'a'>) => p.csvDelimiter(), { csvDelimiter: 'TAB' }, '\t'],
    ['csvDelimiter: ;', (p: Params<'a'>) => p.csvDelimiter(), { csvDelimiter: ';' }, ';'],
    ['csvDelimiter: other', (p: Params<'a'>) => p.csvDelimiter(), { csvDelimiter: ':' }, ','],
  ] as const)('%s', (_, read, given, expected) => {
    expect(read(new Params<'a'>(fields(given as Record<string, string | string[]>)))).toEqual(
      expected,
    );
  });

  it('requiredList refuses a plain string, an empty list and unknown names', () => {
    const read = (given: Record<string, string | string[]>) =>
      new Params<'arms'>(fields(given)).requiredList('arms', (v) => v === '1' || v === '2');
    expect(read({ arms: ['2', '1', '2'] })).toEqual(['2', '1']);
    const error = (given: Record<string, string | string[]>): [number, string] | null => {
      try {
        read(given);
      } catch (e) {
        if (e instanceof ApiError) return [e.status, e.message];
        throw e;
      }
      return null;
    };
    expect(error({ arms: '1' })?.[0]).toBe(400);
    expect(error({ arms: [' '] })?.[0]).toBe(400);
    expect(error({ arms: ['1', '3', '4'] })).toEqual([
      400,
      `The following values in the parameter "arms" are not valid: '3', '4'`,
    ]);
  });

  it('repeatInstanceParam reads repeat_instance through the reader', () => {
    const read = (v: string) => repeatInstanceParam(new Params(fields({ repeat_instance: v })));
    expect([read(''), read(' 3 '), read('32767')]).toEqual([1, 3, 32767]);
    expect(() => read('0')).toThrow(ApiError);
  });
});
