import { TOKEN_FIELD, type RedcapRequest } from '../redcap/request.ts';
import { TOKEN_ENV, type TargetOptions } from './types.ts';

/** One pair of the request body, as a snippet writes it. */
export type BodyEntry =
  /** The token, read from TOKEN_ENV (only when showToken is off). */
  | { readonly kind: 'token'; readonly name: string }
  | { readonly kind: 'text'; readonly name: string; readonly value: string }
  /** A file read from a local path equal to its name, sent under that name. */
  | {
      readonly kind: 'file';
      readonly name: string;
      readonly fileName: string;
      readonly type: string;
    };

/** The body pairs in order, arrays already flattened (`records[0]`): never re-encoded. */
export function bodyEntries(request: RedcapRequest, options: TargetOptions): BodyEntry[] {
  return request.body.map(([name, value]): BodyEntry => {
    if (typeof value !== 'string') {
      // A browser sends a Blob without a type as application/octet-stream: say so explicitly.
      const type = value.type || 'application/octet-stream';
      return { kind: 'file', name, fileName: value.name, type };
    }
    if (name === TOKEN_FIELD && !options.showToken) return { kind: 'token', name };
    return { kind: 'text', name, value };
  });
}

export const MISSING_TOKEN = `Set ${TOKEN_ENV} to your REDCap API token`;

/** The heading comment lines (without comment markers): title, mock, where the token is. */
export function introComments(
  options: TargetOptions,
  how: { readonly token: string; readonly mock?: string },
): string[] {
  const lines: string[] = [];
  if (options.title) lines.push(`${options.title}, REDCap API`);
  if (options.mock) {
    lines.push(
      how.mock ?? 'Runs against the playground mock: start it first with `npm run mock:server`.',
    );
  }
  lines.push(
    options.showToken
      ? 'This code contains your API token: keep it private, never commit it.'
      : how.token,
  );
  return lines;
}

export function fileUploadComment(fileName: string): string {
  return `The file to upload: ${fileName} in the current directory (change the path to yours).`;
}

export const FILE_NAME_COMMENT = 'REDCap names the file in its Content-Type: …; name="<file name>"';

/** The pattern that finds that name, in every language's regular expressions. */
export const FILE_NAME_PATTERN = 'name="([^"]+)"';
