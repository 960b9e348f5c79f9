import type { RedcapRequest } from '../redcap/request.ts';

/** The environment variable every snippet reads the token from. */
export const TOKEN_ENV = 'REDCAP_API_TOKEN';

export interface SnippetOptions {
  /** Put the real token in the code (only after an explicit "Show token in code"). */
  readonly showToken?: boolean;
  /** The request goes to the mock server: say how to start it. */
  readonly mock?: boolean;
  /** The method's label, for the heading comment. */
  readonly title?: string;
}

export interface SnippetTarget {
  readonly id: string;
  readonly label: string;
  /** Monaco/highlighting language id. */
  readonly language: string;
  /** File extension for Download, without the dot. */
  readonly extension: string;
  /**
   * Code for the request. Receives the request already redacted unless showToken is set; the
   * `token` pair is to be read from TOKEN_ENV in that case.
   */
  generate(request: RedcapRequest, options: SnippetOptions): string;
}
