import {
  batchPlan,
  bodyEntries,
  fileUploadComment,
  FILE_NAME_COMMENT,
  FILE_NAME_PATTERN,
  introComments,
  MISSING_TOKEN,
  type BatchPlan,
  type BodyEntry,
} from '../code-builder.ts';
import { rString as r } from '../quote.ts';
import { defineTarget, TOKEN_ENV, type BodyFormat } from '../types.ts';

const RESERVED = new Set(
  'if else repeat while function for in next break TRUE FALSE NULL Inf NaN NA'.split(' '),
);

/** A name in `list(name = …)`: bare when R allows it, else quoted ("records[0]"). */
function listName(name: string): string {
  return /^[A-Za-z][A-Za-z0-9._]*$/.test(name) && !RESERVED.has(name) ? name : r(name);
}

function listItem(e: BodyEntry): string {
  if (e.kind === 'token') return `${listName(e.name)} = token`;
  if (e.kind === 'text') return `${listName(e.name)} = ${r(e.value)}`;
  return `${listName(e.name)} = upload_file(${r(e.fileName)}, type = ${r(e.type)})`;
}

/** Lines that set `error` to REDCap's message, per error shape (§1.8). */
const ERROR_LINE: Readonly<Record<BodyFormat, string>> = {
  json: '  error <- tryCatch(jsonlite::fromJSON(text)$error, error = function(e) text)',
  csv: '  error <- sub("^ERROR: ", "", text)',
  xml: '  error <- sub("(?s).*<error>(.*)</error>.*", "\\\\1", text, perl = TRUE)',
};

const TEXT = 'content(response, as = "text", encoding = "UTF-8")';

function rList(name: string, entries: readonly BodyEntry[]): string[] {
  return [
    `${name} <- list(`,
    ...entries.map((e, i) => `  ${listItem(e)}${i < entries.length - 1 ? ',' : ''}`),
    ')',
  ];
}

/** The batched export: a post() that stops on errors, the id list, then the batches. */
function batched(plan: BatchPlan, errorFormat: BodyFormat, csvDelimiter: string): string[] {
  const sep = csvDelimiter === ',' ? '' : ` sep = ${r(csvDelimiter)},`;
  return [
    "# Posts the pairs; on an HTTP error, stops with REDCap's message.",
    'post <- function(body) {',
    '  response <- POST(url, body = body, encode = "form")',
    '  if (http_error(response)) {',
    `    text <- ${TEXT}`,
    `  ${ERROR_LINE[errorFormat]}`,
    '    stop("HTTP ", status_code(response), ": ", error, call. = FALSE)',
    '  }',
    `  ${TEXT}`,
    '}',
    '',
    '# The record ids first, then the records in batches of ids.',
    ...rList('id_body', plan.ids),
    ...rList('batch_body', plan.batch),
    `ids <- unique(jsonlite::fromJSON(post(id_body))[[${r(plan.idField)}]])`,
    'pages <- list()',
    `for (batch in split(ids, ceiling(seq_along(ids) / ${plan.size}))) {`,
    '  records <- setNames(as.list(batch), sprintf("records[%d]", seq_along(batch) - 1))',
    '  text <- post(c(batch_body, records))',
    ...(plan.format === 'json'
      ? [
          '  pages[[length(pages) + 1]] <- jsonlite::fromJSON(text)',
          '}',
          'result <- do.call(rbind, pages)',
          'print(result)',
        ]
      : [
          '  # Every value as REDCap sent it: text, with blanks as ""',
          `  pages[[length(pages) + 1]] <- read.csv(text = text,${sep}`,
          '    colClasses = "character", na.strings = character(0), check.names = FALSE)',
          '}',
          'df <- do.call(rbind, pages)',
          'print(df)',
        ]),
  ];
}

export const rHttr = defineTarget({
  id: 'r-httr',
  label: 'R (httr)',
  language: 'r',
  extension: 'R',
  generate(request, options) {
    const { kind, format, errorFormat, csvDelimiter, fallbackFileName } = options.response;
    const entries = bodyEntries(request, options);
    const token = `The token is read from the environment: ${TOKEN_ENV} (e.g. set in ~/.Renviron)`;
    const lines = [...introComments(options, { token }).map((l) => `# ${l}`), 'library(httr)', ''];
    if (entries.some((e) => e.kind === 'token')) {
      lines.push(
        `token <- Sys.getenv(${r(TOKEN_ENV)})`,
        `if (!nzchar(token)) stop(${r(MISSING_TOKEN)})`,
        '',
      );
    }
    const plan = batchPlan(request, entries, options);
    if (plan) {
      lines.push(`url <- ${r(request.url)}`, ...batched(plan, errorFormat, csvDelimiter));
      return lines.join('\n') + '\n';
    }
    lines.push(`url <- ${r(request.url)}`, 'body <- list(');
    entries.forEach((e, i) => {
      if (e.kind === 'file') lines.push(`  # ${fileUploadComment(e.fileName)}`);
      lines.push(`  ${listItem(e)}${i < entries.length - 1 ? ',' : ''}`);
    });
    const encode = request.bodyKind === 'multipart' ? 'multipart' : 'form';
    lines.push(')', `response <- POST(url, body = body, encode = ${r(encode)})`);
    lines.push(
      'if (http_error(response)) {',
      `  text <- ${TEXT}`,
      ERROR_LINE[errorFormat],
      '  stop("HTTP ", status_code(response), ": ", error, call. = FALSE)',
      '}',
      '',
    );

    if (kind === 'file') {
      lines.push(
        `# ${FILE_NAME_COMMENT}`,
        'content_type <- headers(response)[["content-type"]]',
        `name <- regmatches(content_type, regexec('${FILE_NAME_PATTERN}', content_type))[[1]][2]`,
        `if (is.na(name)) name <- ${r(fallbackFileName)}`,
        'name <- basename(name)',
        'writeBin(content(response, as = "raw"), name)',
        'cat("Saved ", name, "\\n", sep = "")',
      );
    } else if (kind === 'format' && format === 'json') {
      lines.push(`result <- jsonlite::fromJSON(${TEXT})`, 'print(result)');
    } else if (kind === 'format' && format === 'csv') {
      const sep = csvDelimiter === ',' ? '' : ` sep = ${r(csvDelimiter)},`;
      lines.push(
        '# Every value as REDCap sent it: text, with blanks as ""',
        `df <- read.csv(text = ${TEXT},${sep}`,
        '               colClasses = "character", na.strings = character(0), check.names = FALSE)',
        'print(df)',
      );
    } else {
      lines.push(`writeLines(${TEXT})`);
    }
    return lines.join('\n') + '\n';
  },
});
