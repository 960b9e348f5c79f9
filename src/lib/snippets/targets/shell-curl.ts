import {
  bodyEntries,
  fileUploadComment,
  FILE_NAME_COMMENT,
  introComments,
  MISSING_TOKEN,
  type BodyEntry,
} from '../code-builder.ts';
import { shellQuote } from '../quote.ts';
import { defineTarget, TOKEN_ENV, type BodyFormat } from '../types.ts';

/** curl's -F syntax splits at `;` and `,`: such file names go in double quotes. */
function fileArg(entry: Extract<BodyEntry, { kind: 'file' }>): string {
  const path = /[;,]/.test(entry.fileName) ? `"${entry.fileName}"` : entry.fileName;
  return `--form ${shellQuote(`${entry.name}=@${path};type=${entry.type}`)}`;
}

/** A sed program that leaves only REDCap's message, per error shape (§1.8). */
const ERROR_SED: Readonly<Record<BodyFormat, string>> = {
  json: `sed -E 's/^\\{"error":"(.*)"\\}$/\\1/'`,
  csv: `sed 's/^ERROR: //'`,
  xml: `sed -nE 's:.*<error>(.*)</error>.*:\\1:p'`,
};

export const shellCurl = defineTarget({
  id: 'shell-curl',
  label: 'Shell (curl)',
  language: 'shell',
  extension: 'sh',
  generate(request, options) {
    const { kind, format, errorFormat, fallbackFileName } = options.response;
    const entries = bodyEntries(request, options);
    const multipart = request.bodyKind === 'multipart';
    const lines = ['#!/usr/bin/env bash'];
    const token = `The token is read from the environment: export ${TOKEN_ENV}=<your token>`;
    lines.push(...introComments(options, { token }).map((l) => `# ${l}`));
    for (const e of entries)
      if (e.kind === 'file') lines.push(`# ${fileUploadComment(e.fileName)}`);
    lines.push('set -euo pipefail');
    if (entries.some((e) => e.kind === 'token')) {
      lines.push(`: "\${${TOKEN_ENV}:?${MISSING_TOKEN}}"`);
    }
    lines.push('', 'body=$(mktemp)', `trap 'rm -f "$body"' EXIT`);

    const writeOut = kind === 'file' ? '%{http_code} %{content_type}' : '%{http_code}';
    const args = [
      `curl --silent --show-error --output "$body" --write-out '${writeOut}'`,
      shellQuote(request.url),
    ];
    for (const e of entries) {
      if (e.kind === 'file') args.push(fileArg(e));
      else {
        const pair =
          e.kind === 'token' ? `"${e.name}=$${TOKEN_ENV}"` : shellQuote(`${e.name}=${e.value}`);
        args.push(`${multipart ? '--form-string' : '--data-urlencode'} ${pair}`);
      }
    }
    const variable = kind === 'file' ? 'result' : 'status';
    lines.push(`${variable}=$(${args.join(' \\\n  ')})`);
    if (kind === 'file') lines.push('status=${result%% *}');
    lines.push(
      'if ((status >= 400)); then',
      `  echo "HTTP $status: $(${ERROR_SED[errorFormat]} "$body")" >&2`,
      '  exit 1',
      'fi',
    );

    if (kind === 'file') {
      lines.push(
        `# ${FILE_NAME_COMMENT}`,
        `name=$(sed -nE 's/.*name="([^"]+)".*/\\1/p' <<<"\${result#* }")`,
        `name=$(basename -- "\${name:-${fallbackFileName}}")`,
        'cat "$body" >"$name"',
        'echo "Saved $name"',
      );
    } else if (format === 'json') {
      lines.push(
        '# Pretty-printed with jq when it is installed',
        'if command -v jq >/dev/null; then',
        '  jq . "$body"',
        'else',
        '  cat "$body"; echo',
        'fi',
      );
    } else if (format === 'csv') {
      lines.push('cat "$body"');
    } else {
      lines.push('cat "$body"; echo');
    }
    return lines.join('\n') + '\n';
  },
});
