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
import { pythonString as py } from '../quote.ts';
import { defineTarget, TOKEN_ENV, type BodyFormat } from '../types.ts';

/** Lines that set `error` to REDCap's message, per error shape (§1.8). */
const ERROR_LINES: Readonly<Record<BodyFormat, readonly string[]>> = {
  json: [
    '    try:',
    '        error = response.json()["error"]',
    '    except (ValueError, KeyError):',
    '        error = response.text',
  ],
  csv: ['    error = response.text.removeprefix("ERROR: ")'],
  xml: [
    '    try:',
    '        error = ET.fromstring(response.content).findtext("error", response.text)',
    '    except ET.ParseError:',
    '        error = response.text',
  ],
};

function pairList(name: string, entries: readonly BodyEntry[]): string[] {
  const lines = [`${name} = [`];
  for (const e of entries) {
    if (e.kind === 'token') lines.push(`    (${py(e.name)}, token),`);
    if (e.kind === 'text') lines.push(`    (${py(e.name)}, ${py(e.value)}),`);
  }
  return [...lines, ']'];
}

/** The batched export: a post() that stops on errors, the id list, then the batches. */
function batched(plan: BatchPlan, errorFormat: BodyFormat, csvDelimiter: string): string[] {
  const sep = csvDelimiter === ',' ? '' : `, sep=${py(csvDelimiter)}`;
  return [
    '',
    'def post(data):',
    '    """Posts the pairs; on an HTTP error, stops with REDCap\'s message."""',
    '    response = requests.post(url, data=data)',
    '    if not response.ok:',
    ...ERROR_LINES[errorFormat].map((l) => `    ${l}`),
    '        sys.exit(f"HTTP {response.status_code}: {error}")',
    '    return response',
    '',
    '',
    '# The record ids first, then the records in batches of ids.',
    ...pairList('id_data', plan.ids),
    ...pairList('batch_data', plan.batch),
    `ids = list(dict.fromkeys(row[${py(plan.idField)}] for row in post(id_data).json()))`,
    plan.format === 'json' ? 'records = []' : 'frames = []',
    `for start in range(0, len(ids), ${plan.size}):`,
    `    batch = [(f"records[{i}]", record) for i, record in enumerate(ids[start : start + ${plan.size}])]`,
    ...(plan.format === 'json'
      ? [
          '    records += post(batch_data + batch).json()',
          'print(json.dumps(records, indent=2, ensure_ascii=False))',
        ]
      : [
          '    text = post(batch_data + batch).text',
          '    # Every value as REDCap sent it: text, with blanks as ""',
          `    frames.append(pd.read_csv(io.StringIO(text)${sep}, dtype=str, keep_default_na=False))`,
          'df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()',
          'print(df)',
        ]),
  ];
}

export const pythonRequests = defineTarget({
  id: 'python-requests',
  label: 'Python (requests)',
  language: 'python',
  extension: 'py',
  generate(request, options) {
    const { kind, format, errorFormat, csvDelimiter, fallbackFileName } = options.response;
    const entries = bodyEntries(request, options);
    const plan = batchPlan(request, entries, options);
    const files = entries.filter((e) => e.kind === 'file');
    const fromEnv = entries.some((e) => e.kind === 'token');
    const csv = kind === 'format' && format === 'csv';
    const json = plan ? plan.format === 'json' : kind === 'format' && format === 'json';

    const imports = [
      csv && 'import io',
      json && 'import json',
      (fromEnv || kind === 'file') && 'import os',
      kind === 'file' && 'import re',
      'import sys',
      errorFormat === 'xml' && 'import xml.etree.ElementTree as ET',
      '',
      csv && 'import pandas as pd',
      'import requests',
    ].filter((l) => l !== false);

    const token = `The token is read from the environment: export ${TOKEN_ENV}=<your token>`;
    const lines = [
      '#!/usr/bin/env python3',
      ...introComments(options, { token }).map((l) => `# ${l}`),
      ...imports,
      '',
    ];
    if (fromEnv) {
      lines.push(
        `token = os.environ.get(${py(TOKEN_ENV)})`,
        'if not token:',
        `    sys.exit(${py(MISSING_TOKEN)})`,
        '',
      );
    }
    if (plan) {
      lines.push(`url = ${py(request.url)}`, ...batched(plan, errorFormat, csvDelimiter));
      return lines.join('\n') + '\n';
    }
    lines.push(`url = ${py(request.url)}`, ...pairList('data', entries));
    if (files.length > 0) {
      lines.push(...files.map((f) => `# ${fileUploadComment(f.fileName)}`), 'files = {');
      for (const f of files) {
        const part = `(${py(f.fileName)}, open(${py(f.fileName)}, "rb"), ${py(f.type)})`;
        lines.push(`    ${py(f.name)}: ${part},`);
      }
      lines.push('}', 'response = requests.post(url, data=data, files=files)');
    } else {
      lines.push('response = requests.post(url, data=data)');
    }
    lines.push('if not response.ok:', ...ERROR_LINES[errorFormat]);
    lines.push('    sys.exit(f"HTTP {response.status_code}: {error}")', '');

    if (kind === 'file') {
      lines.push(
        `# ${FILE_NAME_COMMENT}`,
        `match = re.search(r'${FILE_NAME_PATTERN}', response.headers.get("Content-Type", ""))`,
        `name = os.path.basename(match[1]) if match else ${py(fallbackFileName)}`,
        'with open(name, "wb") as file:',
        '    file.write(response.content)',
        'print(f"Saved {name}")',
      );
    } else if (json) {
      lines.push('print(json.dumps(response.json(), indent=2, ensure_ascii=False))');
    } else if (csv) {
      const sep = csvDelimiter === ',' ? '' : `, sep=${py(csvDelimiter)}`;
      lines.push(
        '# Every value as REDCap sent it: text, with blanks as ""',
        `df = pd.read_csv(io.StringIO(response.text)${sep}, dtype=str, keep_default_na=False)`,
        'print(df)',
      );
    } else {
      lines.push('print(response.text)');
    }
    return lines.join('\n') + '\n';
  },
});
