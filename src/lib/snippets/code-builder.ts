import { TOKEN_FIELD, type RedcapRequest } from '../redcap/request.ts';
import { SnippetError, TOKEN_ENV, type TargetOptions } from './types.ts';

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

/** A batched Export Records (SnippetOptions.batchSize): how every target writes its loop. */
export interface BatchPlan {
  readonly size: number;
  /** The record id field: each row of the id list has it. */
  readonly idField: string;
  /** The pairs of the call that lists the record ids: JSON, that one field, flat. */
  readonly ids: readonly BodyEntry[];
  /** The pairs of every batch, without records: `records[0]`, `records[1]`… follow them. */
  readonly batch: readonly BodyEntry[];
  /** How the batches are joined: JSON arrays concatenated, CSV rows after the first header. */
  readonly format: 'json' | 'csv';
}

/** What the id list keeps of the export: the parameters that choose which records. */
const ID_LIST_KEEPS =
  /^(token|content|action|filterLogic|dateRangeBegin|dateRangeEnd|events\[\d+\])$/;

/**
 * The batch plan of a request, or null when it is not batched. Throws SnippetError when the
 * request cannot be batched as asked (the message says what to change).
 */
export function batchPlan(
  request: RedcapRequest,
  entries: readonly BodyEntry[],
  options: TargetOptions,
): BatchPlan | null {
  const size = options.batchSize;
  if (size === undefined) return null;
  if (request.methodId !== 'exp_records') {
    throw new SnippetError('Batches are for Export Records only.');
  }
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new SnippetError(`The batch size must be a whole number from 1 up, not ${size}.`);
  }
  const idField = options.recordIdField ?? '';
  if (idField === '') {
    throw new SnippetError('A batched export needs the record id field of the project.');
  }
  const { format } = options.response;
  if (format !== 'json' && format !== 'csv') {
    throw new SnippetError('A batched export joins JSON or CSV: choose format json or csv.');
  }
  if (entries.some((e) => /^records\[/.test(e.name))) {
    throw new SnippetError(
      'A batched export lists the record ids itself: leave records empty (use filterLogic to choose).',
    );
  }
  const text = (name: string, value: string): BodyEntry => ({ kind: 'text', name, value });
  const ids: BodyEntry[] = [
    ...entries.filter((e) => ID_LIST_KEEPS.test(e.name)),
    text('format', 'json'),
    text('type', 'flat'),
    text('fields[0]', idField),
    // Errors come in the same shape as the batches' errors: one way to read them.
    text('returnFormat', options.response.errorFormat),
  ];
  return { size, idField, ids, batch: entries, format };
}
