import type { RedcapRequest } from '../redcap/request.ts';
import { SnippetError } from './types.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Bare CR or LF: multipart clients disagree (browsers send CRLF, Python and curl send as is). */
const BARE_LINE_BREAK = /\r(?!\n)|(?<!\r)\n/;
/**
 * File names every client sends unchanged: R and curl send only the base name of a path, and
 * clients escape quotes, backslashes and control characters in different ways.
 */
const UNSAFE_FILE_NAME = /[/\\"\p{Cc}]/u;

function problem(text: string, what: string): string | null {
  if (text.includes('\0')) {
    return `${what} contains a NUL character (U+0000), which no snippet language can send: remove it.`;
  }
  if (LONE_SURROGATE.test(text)) {
    return `${what} contains half of a surrogate pair (not a valid Unicode character), which cannot be sent as UTF-8: remove it.`;
  }
  return null;
}

/**
 * Refuses a request that some target could not send exactly as the playground does: a snippet
 * that sends something else would be worse than none. Throws SnippetError with what to change.
 */
export function checkRequest(request: RedcapRequest): void {
  const fail = (message: string | null) => {
    if (message) throw new SnippetError(message);
  };
  fail(problem(request.url, 'The API URL'));
  if (/\p{Cc}/u.test(request.url)) fail('The API URL contains a control character: remove it.');
  const seen = new Set<string>();
  for (const [name, value] of request.body) {
    fail(problem(name, `The parameter name ${JSON.stringify(name)}`));
    if (seen.has(name))
      fail(`The parameter ${name} is sent twice; REDCap would read only the last.`);
    seen.add(name);
    if (typeof value === 'string') {
      fail(problem(value, `The value of ${name}`));
      if (request.bodyKind === 'multipart' && BARE_LINE_BREAK.test(value)) {
        fail(
          `The value of ${name} has a line break in a file upload (multipart) request, which clients send differently: remove it.`,
        );
      }
      continue;
    }
    fail(problem(value.name, `The name of the file in ${name}`));
    if (value.name === '' || UNSAFE_FILE_NAME.test(value.name)) {
      fail(
        `The file name ${JSON.stringify(value.name)} cannot be used in a snippet: rename the file without / \\ " or control characters.`,
      );
    }
    if (
      value.type !== '' &&
      !/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(value.type)
    ) {
      fail(`The file type ${JSON.stringify(value.type)} is not a plain lowercase type/subtype.`);
    }
  }
}
