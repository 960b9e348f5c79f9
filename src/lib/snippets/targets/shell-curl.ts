import {
  batchPlan,
  bodyEntries,
  fileUploadComment,
  FILE_NAME_COMMENT,
  introComments,
  MISSING_TOKEN,
  type BatchPlan,
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

function formArgs(name: string, entries: readonly BodyEntry[]): string[] {
  const args = entries.map((e) =>
    e.kind === 'token'
      ? `--data-urlencode "${e.name}=$${TOKEN_ENV}"`
      : `--data-urlencode ${shellQuote(e.kind === 'text' ? `${e.name}=${e.value}` : '')}`,
  );
  return [`${name}=(`, ...args.map((a) => `  ${a}`), ')'];
}

/** The batched export: a post() that stops on errors, the id list, then the batches. */
function batched(url: string, plan: BatchPlan, errorFormat: BodyFormat): string[] {
  const idField = plan.idField.replace(/[^A-Za-z0-9_]/g, '.');
  return [
    `url=${shellQuote(url)}`,
    "# Posts the pairs into $body; on an HTTP error, stops with REDCap's message.",
    'post() {',
    '  local status',
    `  status=$(curl --silent --show-error --output "$body" --write-out '%{http_code}' "$url" "$@")`,
    '  if ((status >= 400)); then',
    `    echo "HTTP $status: $(${ERROR_SED[errorFormat]} "$body")" >&2`,
    '    exit 1',
    '  fi',
    '}',
    '',
    '# The record ids first, then the records in batches of ids.',
    ...formArgs('id_args', plan.ids),
    ...formArgs('batch_args', plan.batch),
    'post "${id_args[@]}"',
    `# Record ids are plain text (letters, digits, _ and -): grep reads them from the JSON.`,
    `mapfile -t ids < <(grep -oE '"${idField}": *"[^"]*"' "$body" | cut -d'"' -f4 | awk '!seen[$0]++')`,
    plan.format === 'json' ? "records=''" : 'all=$(mktemp)',
    ...(plan.format === 'csv' ? [`trap 'rm -f "$body" "$all"' EXIT`] : []),
    `for ((start = 0; start < \${#ids[@]}; start += ${plan.size})); do`,
    '  records_args=()',
    `  for ((i = 0; i < ${plan.size} && start + i < \${#ids[@]}; i++)); do`,
    '    records_args+=(--data-urlencode "records[$i]=${ids[start + i]}")',
    '  done',
    '  post "${batch_args[@]}" "${records_args[@]}"',
    ...(plan.format === 'json'
      ? [
          '  # Joins the arrays as text: the rows between the outer brackets, comma-separated.',
          '  rows=$(<"$body")',
          '  rows=${rows#*[}',
          '  rows=${rows%]*}',
          '  if [[ $rows == *[![:space:]]* ]]; then records+=${records:+,}$rows; fi',
          'done',
          '# Pretty-printed with jq when it is installed',
          'if command -v jq >/dev/null; then',
          '  jq . <<<"[$records]"',
          'else',
          '  echo "[$records]"',
          'fi',
        ]
      : [
          '  if ((start == 0)); then cat "$body"; else tail -n +2 "$body"; fi >>"$all" # one header',
          'done',
          'cat "$all"',
        ]),
  ];
}

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
    const plan = batchPlan(request, entries, options);
    if (plan) return [...lines, ...batched(request.url, plan, errorFormat)].join('\n') + '\n';

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
