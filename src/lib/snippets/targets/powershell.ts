import {
  batchPlan,
  bodyEntries,
  fileUploadComment,
  FILE_NAME_COMMENT,
  FILE_NAME_PATTERN,
  introComments,
  MISSING_TOKEN,
  type BodyEntry,
} from '../code-builder.ts';
import { powershellString as ps } from '../quote.ts';
import { defineTarget, TOKEN_ENV, type BodyFormat } from '../types.ts';

/** Lines that set $message to REDCap's message from $text, per error shape (§1.8). */
const ERROR_LINES: Readonly<Record<BodyFormat, readonly string[]>> = {
  json: [
    '        try { $message = ($text | ConvertFrom-Json).error } catch { $message = $null }',
    '        if (-not $message) { $message = $text }',
  ],
  csv: ["        $message = $text -replace '^ERROR: ', ''"],
  xml: [
    "        $message = if ($text -match '(?s)<error>(.*)</error>') { $Matches[1] } else { $text }",
  ],
};

/** `$name = [ordered]@{ … }` for a form body, in order. */
function orderedPairs(name: string, entries: readonly BodyEntry[]): string[] {
  const lines = [`$${name} = [ordered]@{`];
  for (const e of entries) {
    lines.push(
      `    ${ps(e.name)} = ${e.kind === 'token' ? '$token' : e.kind === 'text' ? ps(e.value) : ''}`,
    );
  }
  return [...lines, '}'];
}

/** A MultipartFormDataContent with the parts in order: files keep their type. */
function multipartBody(entries: readonly BodyEntry[]): string[] {
  const lines = ['$body = [System.Net.Http.MultipartFormDataContent]::new()'];
  for (const e of entries) {
    // Names in quotes, as browsers send them.
    const name = ps(`"${e.name}"`);
    if (e.kind !== 'file') {
      const value = e.kind === 'token' ? '$token' : ps(e.value);
      lines.push(`$body.Add([System.Net.Http.StringContent]::new(${value}), ${name})`);
      continue;
    }
    lines.push(
      `# ${fileUploadComment(e.fileName)}`,
      `$bytes = [System.IO.File]::ReadAllBytes((Resolve-Path -LiteralPath ${ps(e.fileName)}))`,
      '$file = [System.Net.Http.ByteArrayContent]::new($bytes)',
      `$file.Headers.ContentType = ${ps(e.type)}`,
      `$body.Add($file, ${name}, ${ps(e.fileName)})`,
    );
  }
  return lines;
}

export const powershell = defineTarget({
  id: 'powershell',
  label: 'PowerShell (Invoke-RestMethod)',
  language: 'powershell',
  extension: 'ps1',
  generate(request, options) {
    const { kind, format, errorFormat, csvDelimiter, fallbackFileName } = options.response;
    const entries = bodyEntries(request, options);
    const plan = batchPlan(request, entries, options);
    const multipart = request.bodyKind === 'multipart';
    // Invoke-RestMethod reads JSON, CSV is text; a file needs the response headers.
    const cmdlet = !plan && kind === 'file' ? 'Invoke-WebRequest' : 'Invoke-RestMethod';
    const token = `The token is read from the environment: $env:${TOKEN_ENV} = '<your token>'`;
    const lines = [
      ...introComments(options, { token }).map((l) => `# ${l}`),
      '# PowerShell 7 or later: pwsh <this file>.ps1',
      "$ErrorActionPreference = 'Stop'",
      '',
    ];
    if (entries.some((e) => e.kind === 'token')) {
      lines.push(
        `$token = $env:${TOKEN_ENV}`,
        `if (-not $token) { [Console]::Error.WriteLine(${ps(MISSING_TOKEN)}); exit 1 }`,
        '',
      );
    }
    lines.push(
      `$url = ${ps(request.url)}`,
      '',
      "# Posts the body; on an HTTP error, stops with REDCap's message.",
      'function Invoke-Redcap($Body) {',
      '    try {',
      `        return ${cmdlet} -Uri $url -Method Post -Body $Body`,
      '    } catch {',
      '        $status = [int]$_.Exception.Response.StatusCode',
      '        if (-not $status) { throw }',
      '        $text = $_.ErrorDetails.Message',
      ...ERROR_LINES[errorFormat],
      '        [Console]::Error.WriteLine("HTTP ${status}: $message")',
      '        exit 1',
      '    }',
      '}',
      '',
    );
    const csvOut = (text: string) => {
      const delimiter = csvDelimiter === ',' ? '' : ` -Delimiter ${ps(csvDelimiter)}`;
      return [
        '# Every value as REDCap sent it: text, with blanks as ""',
        `${text} | ConvertFrom-Csv${delimiter} | Format-Table -AutoSize`,
      ];
    };

    if (plan) {
      lines.push(
        '# The record ids first, then the records in batches of ids.',
        ...orderedPairs('idPairs', plan.ids),
        ...orderedPairs('batchPairs', plan.batch),
        `$ids = @(Invoke-Redcap $idPairs | ForEach-Object { $_.${ps(plan.idField)} } | Select-Object -Unique)`,
        plan.format === 'json'
          ? '$records = [System.Collections.Generic.List[object]]::new()'
          : "$csv = ''",
        `for ($start = 0; $start -lt $ids.Count; $start += ${plan.size}) {`,
        '    $batch = [ordered]@{}',
        '    foreach ($name in $batchPairs.Keys) { $batch[$name] = $batchPairs[$name] }',
        `    $end = [Math]::Min($start + ${plan.size}, $ids.Count) - 1`,
        '    for ($i = 0; $start + $i -le $end; $i++) { $batch["records[$i]"] = $ids[$start + $i] }',
        plan.format === 'json'
          ? '    $records.AddRange(@(Invoke-Redcap $batch))'
          : '    $text = Invoke-Redcap $batch\n    if ($csv) { $text = $text.Substring($text.IndexOf("`n") + 1) } # one header\n    $csv += $text',
        '}',
        ...(plan.format === 'json'
          ? ['ConvertTo-Json -InputObject $records -Depth 10']
          : csvOut('$csv')),
      );
      return lines.join('\n') + '\n';
    }

    lines.push(...(multipart ? multipartBody(entries) : orderedPairs('body', entries)));
    if (kind === 'file') {
      lines.push(
        '$response = Invoke-Redcap $body',
        `# ${FILE_NAME_COMMENT}`,
        `$name = if ("$($response.Headers['Content-Type'])" -match '${FILE_NAME_PATTERN}') { $Matches[1] } else { ${ps(fallbackFileName)} }`,
        '$name = Split-Path -Leaf $name',
        '[System.IO.File]::WriteAllBytes((Join-Path $PWD $name), $response.RawContentStream.ToArray())',
        'Write-Output "Saved $name"',
      );
    } else if (kind === 'format' && format === 'json') {
      lines.push('$result = Invoke-Redcap $body', 'ConvertTo-Json -InputObject $result -Depth 10');
    } else if (kind === 'format' && format === 'csv') {
      lines.push('$result = Invoke-Redcap $body', ...csvOut('$result'));
    } else if (kind === 'format' && format === 'xml') {
      lines.push(
        '$result = Invoke-Redcap $body',
        '# Invoke-RestMethod reads XML into an XmlDocument',
        '$result.OuterXml',
      );
    } else {
      lines.push('Invoke-Redcap $body');
    }
    return lines.join('\n') + '\n';
  },
});
