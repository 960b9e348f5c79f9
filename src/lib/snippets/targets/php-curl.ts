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
import { phpString as php } from '../quote.ts';
import { defineTarget, TOKEN_ENV, type BodyFormat } from '../types.ts';

function arrayItem(e: BodyEntry): string {
  if (e.kind === 'token') return `${php(e.name)} => $token,`;
  if (e.kind === 'text') return `${php(e.name)} => ${php(e.value)},`;
  return `${php(e.name)} => new CURLFile(${php(e.fileName)}, ${php(e.type)}, ${php(e.fileName)}),`;
}

/** A statement that sets $error to REDCap's message, per error shape (§1.8). */
const ERROR_LINE: Readonly<Record<BodyFormat, string>> = {
  json: "    $error = json_decode($body, true)['error'] ?? $body;",
  csv: "    $error = preg_replace('/^ERROR: /', '', $body);",
  xml: "    $error = preg_match('/<error>(.*)<\\/error>/s', $body, $match) ? $match[1] : $body;",
};

function phpArray(name: string, entries: readonly BodyEntry[]): string[] {
  return [`$${name} = [`, ...entries.map((e) => `    ${arrayItem(e)}`), '];'];
}

const JSON_FLAGS = 'JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE';

/** The batched export: a post() that stops on errors, the id list, then the batches. */
function batched(plan: BatchPlan, errorFormat: BodyFormat): string[] {
  return [
    "// Posts the fields; on an HTTP error, stops with REDCap's message.",
    'function post(string $url, array $fields): string',
    '{',
    '    $curl = curl_init($url);',
    '    curl_setopt_array($curl, [',
    '        CURLOPT_POST => true,',
    "        CURLOPT_POSTFIELDS => http_build_query($fields, '', '&'),",
    '        CURLOPT_RETURNTRANSFER => true,',
    '    ]);',
    '    $body = curl_exec($curl);',
    '    if ($body === false) {',
    '        fwrite(STDERR, curl_error($curl) . "\n");',
    '        exit(1);',
    '    }',
    '    $status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);',
    '    if ($status >= 400) {',
    ERROR_LINE[errorFormat],
    '        fwrite(STDERR, "HTTP $status: $error\n");',
    '        exit(1);',
    '    }',
    '    return $body;',
    '}',
    '',
    '// The record ids first, then the records in batches of ids.',
    ...phpArray('idFields', plan.ids),
    ...phpArray('batchFields', plan.batch),
    `$ids = array_values(array_unique(array_column(json_decode(post($url, $idFields), true), ${php(plan.idField)})));`,
    plan.format === 'json' ? '$records = [];' : "$csv = '';",
    `foreach (array_chunk($ids, ${plan.size}) as $batch) {`,
    '    $fields = $batchFields;',
    '    foreach ($batch as $i => $id) {',
    '        $fields["records[$i]"] = $id;',
    '    }',
    '    $body = post($url, $fields);',
    ...(plan.format === 'json'
      ? [
          '    array_push($records, ...json_decode($body));',
          '}',
          `echo json_encode($records, ${JSON_FLAGS}), "\n";`,
        ]
      : [
          `    $csv .= $csv === '' ? $body : substr($body, strpos($body, "\\n") + 1); // one header`,
          '}',
          'echo $csv;',
        ]),
  ];
}

export const phpCurl = defineTarget({
  id: 'php-curl',
  label: 'PHP (cURL)',
  language: 'php',
  extension: 'php',
  generate(request, options) {
    const { kind, format, errorFormat, fallbackFileName } = options.response;
    const entries = bodyEntries(request, options);
    const multipart = request.bodyKind === 'multipart';
    const token = `The token is read from the environment: export ${TOKEN_ENV}=<your token>`;
    // `?>` would end PHP mode even inside a // comment.
    const comment = (text: string) => `// ${text.replace(/\?>/g, '? >')}`;
    const lines = ['<?php', ...introComments(options, { token }).map(comment), ''];
    if (entries.some((e) => e.kind === 'token')) {
      lines.push(
        `$token = getenv(${php(TOKEN_ENV)});`,
        "if ($token === false || $token === '') {",
        `    fwrite(STDERR, ${php(`${MISSING_TOKEN}\n`)});`,
        '    exit(1);',
        '}',
        '',
      );
    }
    const plan = batchPlan(request, entries, options);
    if (plan) {
      lines.push(`$url = ${php(request.url)};`, '', ...batched(plan, errorFormat));
      return lines.join('\n') + '\n';
    }
    lines.push(`$url = ${php(request.url)};`, '$fields = [');
    for (const e of entries) {
      if (e.kind === 'file') lines.push(`    ${comment(fileUploadComment(e.fileName))}`);
      lines.push(`    ${arrayItem(e)}`);
    }
    lines.push(
      '];',
      '',
      '$curl = curl_init($url);',
      'curl_setopt_array($curl, [',
      '    CURLOPT_POST => true,',
      // An array makes cURL send multipart/form-data; a query string, urlencoded.
      `    CURLOPT_POSTFIELDS => ${multipart ? '$fields' : "http_build_query($fields, '', '&')"},`,
      '    CURLOPT_RETURNTRANSFER => true,',
      ']);',
      '$body = curl_exec($curl);',
      'if ($body === false) {',
      '    fwrite(STDERR, curl_error($curl) . "\\n");',
      '    exit(1);',
      '}',
      '$status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);',
      'if ($status >= 400) {',
      ERROR_LINE[errorFormat],
      '    fwrite(STDERR, "HTTP $status: $error\\n");',
      '    exit(1);',
      '}',
      '',
    );

    if (kind === 'file') {
      lines.push(
        `// ${FILE_NAME_COMMENT}`,
        '$contentType = (string) curl_getinfo($curl, CURLINFO_CONTENT_TYPE);',
        `$name = preg_match('/${FILE_NAME_PATTERN}/', $contentType, $match) ? basename($match[1]) : ${php(fallbackFileName)};`,
        'file_put_contents($name, $body);',
        'echo "Saved $name\\n";',
      );
    } else if (kind === 'format' && format === 'json') {
      lines.push(`echo json_encode(json_decode($body), ${JSON_FLAGS}), "\\n";`);
    } else if (kind === 'format' && format === 'csv') {
      lines.push('echo $body;');
    } else {
      lines.push('echo $body, "\\n";');
    }
    return lines.join('\n') + '\n';
  },
});
