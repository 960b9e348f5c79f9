/** Splits help text on `backticks`: odd parts are code. Help texts are our own, never HTML. */
export function inlineCode(text: string): { text: string; code: boolean }[] {
  return text.split('`').map((part, i) => ({ text: part, code: i % 2 === 1 }));
}
