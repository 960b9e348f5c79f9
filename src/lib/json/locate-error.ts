/**
 * Where a JSON text stops being JSON: browsers' JSON.parse messages do not all give a position,
 * so a small scanner of the JSON grammar finds it. Returns null for valid JSON.
 */
export interface JsonProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export function locateJsonError(text: string): JsonProblem | null {
  let i = 0;
  const fail = (message: string): never => {
    throw new Located(message, i);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('Unexpected character');
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('Bad \\u escape');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail('Bad escape in a string');
      } else if (ch < ' ') fail('A string cannot contain a raw line break or control character');
      else i++;
    }
    fail('A string is not closed');
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const number = () => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) fail('Bad number');
    i += m![0].length;
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === undefined) fail('Unexpected end of the text');
    else if (ch === '{') object();
    else if (ch === '[') array();
    else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else if (ch === '-' || (ch >= '0' && ch <= '9')) number();
    else fail(ch === "'" ? 'Strings need double quotes, not single quotes' : `Unexpected ${ch}`);
  };
  const object = () => {
    i++;
    space();
    if (text[i] === '}') return void i++;
    for (;;) {
      space();
      if (text[i] !== '"') fail('Expected a property name in double quotes');
      string();
      space();
      if (text[i] !== ':') fail('Expected : after a property name');
      i++;
      value();
      space();
      if (text[i] === ',') {
        i++;
        space();
        if (text[i] === '}') fail('A trailing comma is not allowed');
        continue;
      }
      if (text[i] === '}') return void i++;
      fail('Expected , or } after a property value');
    }
  };
  const array = () => {
    i++;
    space();
    if (text[i] === ']') return void i++;
    for (;;) {
      value();
      space();
      if (text[i] === ',') {
        i++;
        space();
        if (text[i] === ']') fail('A trailing comma is not allowed');
        continue;
      }
      if (text[i] === ']') return void i++;
      fail('Expected , or ] after an array element');
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail('Unexpected text after the end of the JSON');
    return null;
  } catch (error) {
    if (!(error instanceof Located)) throw error;
    const before = text.slice(0, error.at);
    const line = before.split('\n').length;
    return { message: error.message, line, column: error.at - before.lastIndexOf('\n') };
  }
}

class Located extends Error {
  readonly at: number;
  constructor(message: string, at: number) {
    super(message);
    this.at = at;
  }
}
