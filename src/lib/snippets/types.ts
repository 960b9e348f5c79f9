import type { RedcapRequest } from '../redcap/request.ts';

/** The environment variable every snippet reads the token from. */
export const TOKEN_ENV = 'REDCAP_API_TOKEN';

export type BodyFormat = 'json' | 'csv' | 'xml';

/** What a successful call answers, so a snippet can handle it as users of its language would. */
export interface ResponseShape {
  /** Data in a format, plain text (or nothing), or the bytes of a file. */
  readonly kind: 'format' | 'text' | 'file';
  /** The format of a successful body; null unless kind is 'format'. */
  readonly format: BodyFormat | null;
  /** The format of REDCap's error messages: returnFormat, else format, else xml (§1.6). */
  readonly errorFormat: BodyFormat;
  /** The delimiter of a CSV body: `,`, or what csvDelimiter asked for (`\t` for tab). */
  readonly csvDelimiter: string;
  /** The file name to write when the server names none in its Content-Type. */
  readonly fallbackFileName: string;
}

export interface SnippetOptions {
  /** Put the real token in the code (only after an explicit "Show token in code"). */
  readonly showToken?: boolean;
  /** The request goes to the mock server: say how to start it. */
  readonly mock?: boolean;
  /** The method's label, for the heading comment. */
  readonly title?: string;
  /** What a successful call answers; derived from the method registry when not given. */
  readonly response?: ResponseShape;
  /**
   * Export Records only: list the record ids first, then export them this many at a time and
   * join the results (JSON or CSV). Needs recordIdField.
   */
  readonly batchSize?: number;
  /** The project's record id field (its first field), for listing the ids of a batched export. */
  readonly recordIdField?: string;
}

/** The options a target receives: the response shape is always known by then. */
export interface TargetOptions extends SnippetOptions {
  readonly response: ResponseShape;
}

export interface SnippetTarget<Id extends string = string> {
  readonly id: Id;
  readonly label: string;
  /** Monaco/highlighting language id. */
  readonly language: string;
  /** File extension for Download, without the dot. */
  readonly extension: string;
  /**
   * Code for the request: a pure function of the request and the options. Receives the request
   * already redacted unless showToken is set; the `token` pair is then read from TOKEN_ENV.
   * The request has passed checkRequest: no NUL, no lone surrogate, no unsafe file name.
   */
  generate(request: RedcapRequest, options: TargetOptions): string;
}

/** One target, with its id kept as a literal type (for TargetId). */
export function defineTarget<const Id extends string>(
  target: SnippetTarget<Id>,
): SnippetTarget<Id> {
  return Object.freeze(target);
}

/** A request no snippet can carry faithfully; the message says what to change. */
export class SnippetError extends Error {
  override readonly name = 'SnippetError';
}
