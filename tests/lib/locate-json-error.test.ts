import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../../src/lib/json/locate-error.ts';

describe('locateJsonError', () => {
  it.each(['[]', '{"a":[1,-2.5e3,true,false,null,"x\\n\\u00e9"]}', ' [ { "record_id" : "1" } ] '])(
    'accepts valid JSON %s',
    (text) => {
      expect(locateJsonError(text)).toBeNull();
      expect(() => JSON.parse(text)).not.toThrow();
    },
  );

  it.each([
    ['[{"record_id": "1",\n "age": }]', 2, 9, 'Unexpected }'],
    ['[{"a":1,}]', 1, 9, 'trailing comma'],
    ["[{'a':1}]", 1, 3, 'property name in double quotes'],
    ['["a" "b"]', 1, 6, 'Expected , or ]'],
    ['[1] x', 1, 5, 'after the end'],
    ['', 1, 1, 'end of the text'],
    ['["open', 1, 7, 'not closed'],
    ['[01]', 1, 3, 'Expected , or ]'],
  ])('locates the problem in %j', (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();
    const problem = locateJsonError(text);
    expect(problem?.message).toContain(message);
    expect([problem?.line, problem?.column]).toEqual([line, column]);
  });
});
