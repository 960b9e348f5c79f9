import {
  COLLECTION_VARIABLES,
  CollectionError,
  URL_VARIABLE,
  variable,
  type CollectionRequest,
  type Expectation,
} from './requests.ts';

/**
 * A Bruno collection (https://docs.usebruno.com/bru-lang/overview): a folder with bruno.json,
 * collection.bru (the collection variables, empty), one folder per catalog group and one .bru
 * file per request. Bru's dictionaries trim values and cannot carry every string: a value
 * that would not come back as it was sent fails with a CollectionError naming the parameter.
 */

export interface BrunoFile {
  /** Relative to the collection folder, `/`-separated. */
  readonly path: string;
  readonly content: string;
}

const indent = (text: string, spaces: number): string =>
  text
    .split('\n')
    .map((line) => (line === '' ? '' : ' '.repeat(spaces) + line))
    .join('\n');

function block(name: string, lines: readonly string[]): string {
  return `${name} {\n${lines.map((l) => indent(l, 2)).join('\n')}\n}\n`;
}

/** A key Bru reads back as written: no `:`, no whitespace, not starting with `~` (disabled). */
function checkKey(key: string): void {
  if (key === '' || /[\s:"{}]/.test(key) || key.startsWith('~')) {
    throw new CollectionError(`${key}: this parameter name cannot be written in a Bruno file.`);
  }
}

/**
 * A value as Bru writes it: one line, or a '''-block for several. Bru trims values, so trailing
 * line breaks (blank CSV rows, which REDCap ignores) are dropped and reported; any other
 * surrounding whitespace, a carriage return or ''' cannot be written.
 */
export function bruValue(key: string, value: string): { text: string; trimmed: boolean } {
  const kept = value.replace(/\n+$/, '');
  const trimmed = kept !== value;
  if (kept !== kept.trim()) {
    throw new CollectionError(
      `${key}: Bruno trims values, so one that starts or ends with spaces or line breaks would change.`,
    );
  }
  if (kept.includes('\r') || kept.includes("'''")) {
    throw new CollectionError(
      `${key}: a carriage return or ''' cannot be written in a Bruno value.`,
    );
  }
  if (!kept.includes('\n')) return { text: kept, trimmed };
  return { text: `'''\n${indent(kept, 2)}\n'''`, trimmed };
}

/** A file part: `@file(<path>)`, relative to the collection folder. */
function fileValue(key: string, fileName: string): string {
  if (!/^[^()\s\\/][^()\n\r\\/]*$/.test(fileName) || fileName.trimEnd() !== fileName) {
    throw new CollectionError(
      `${key}: the file name ${JSON.stringify(fileName)} cannot be written in a Bruno file.`,
    );
  }
  return `@file(${fileName})`;
}

export function brunoTests(expect: Expectation): string[] {
  const lines = [
    `test(${JSON.stringify(`status is ${expect.status}`)}, function () {`,
    `  expect(res.getStatus()).to.equal(${expect.status});`,
    '});',
  ];
  if (expect.contentTypes.length > 0) {
    lines.push(
      `test(${JSON.stringify(`Content-Type is ${expect.contentTypes.join(' or ')}`)}, function () {`,
      "  const type = String(res.getHeader('content-type') || '').split(';')[0].trim().toLowerCase();",
      `  expect(${JSON.stringify(expect.contentTypes)}).to.include(type);`,
      '});',
    );
  }
  if (expect.namedFile) {
    lines.push(
      'test("a file, named in its Content-Type", function () {',
      "  expect(String(res.getHeader('content-type') || '')).to.match(/name=\"[^\"]+\"/);",
      '});',
    );
  }
  return lines;
}

/** One request as a .bru file; `seq` is its place in its folder (from 1). */
export function brunoRequest(request: CollectionRequest, seq: number): string {
  const multipart = request.bodyKind === 'multipart';
  const trimmed: string[] = [];
  const pairs = request.pairs.map((pair) => {
    checkKey(pair.key);
    if (pair.kind === 'file') return `${pair.key}: ${fileValue(pair.key, pair.fileName)}`;
    if (multipart && pair.value.startsWith('@file(')) {
      throw new CollectionError(`${pair.key}: Bruno would read this value as a file to upload.`);
    }
    const value = bruValue(pair.key, pair.value);
    if (value.trimmed) trimmed.push(pair.key);
    return `${pair.key}: ${value.text}`;
  });
  const docs = [request.description];
  if (request.destructive) docs.push('', 'This request changes the project.');
  if (trimmed.length > 0) {
    docs.push('', `Bruno cannot keep trailing line breaks: dropped from ${trimmed.join(', ')}.`);
  }
  return [
    block('meta', [`name: ${request.name}`, 'type: http', `seq: ${seq}`]),
    block('post', [
      `url: ${variable(URL_VARIABLE)}`,
      `body: ${multipart ? 'multipartForm' : 'formUrlEncoded'}`,
      'auth: none',
    ]),
    block(multipart ? 'body:multipart-form' : 'body:form-urlencoded', pairs),
    block('tests', brunoTests(request.expect)),
    block('docs', docs),
  ].join('\n');
}

/** A file or folder name from a method id or group name: letters, digits, spaces, `-`, `_`. */
export function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9 _-]/g, '_').trim() || '_';
}

/** The whole collection: the files to write under one folder. */
export function toBruno(
  requests: readonly CollectionRequest[],
  options: { readonly name: string },
): BrunoFile[] {
  const files: BrunoFile[] = [
    {
      path: 'bruno.json',
      content: `${JSON.stringify(
        { version: '1', name: options.name, type: 'collection', ignore: ['node_modules', '.git'] },
        null,
        2,
      )}\n`,
    },
    {
      path: 'collection.bru',
      content: [
        block(
          'vars:pre-request',
          COLLECTION_VARIABLES.map((name) => `${name}: `),
        ),
        block('docs', [
          'REDCap API requests from the REDCap API Playground, one per method.',
          `Set ${COLLECTION_VARIABLES.join(', ')} (e.g. bru run --env-var redcap_url=…);`,
          'the API URL ends in /api/. No token is stored in this collection.',
        ]),
      ].join('\n'),
    },
  ];
  const groups = new Map<string, CollectionRequest[]>();
  for (const request of requests) {
    const group = groups.get(request.group) ?? [];
    group.push(request);
    groups.set(request.group, group);
  }
  let folderSeq = 0;
  for (const [group, members] of groups) {
    const folder = safeName(group);
    folderSeq += 1;
    files.push({
      path: `${folder}/folder.bru`,
      content: block('meta', [`name: ${group}`, `seq: ${folderSeq}`]),
    });
    members.forEach((request, i) => {
      files.push({
        path: `${folder}/${safeName(request.methodId)}.bru`,
        content: brunoRequest(request, i + 1),
      });
    });
  }
  return files;
}
