import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { toBruno } from '../lib/collections/bruno.ts';
import { COLLECTION_NAME } from '../lib/collections/download.ts';
import { toPostman } from '../lib/collections/postman.ts';
import { catalogRequests, exampleFiles } from '../lib/collections/requests.ts';
import type { MethodDefinition } from '../lib/methods/define-method.ts';

/** `--postman`: the whole catalog as a Postman v2.1 collection, on stdout. */
export function printPostman(methods: readonly MethodDefinition[]): void {
  const collection = toPostman(catalogRequests(methods), { name: COLLECTION_NAME });
  process.stdout.write(`${JSON.stringify(collection, null, 2)}\n`);
}

/**
 * `--bruno <dir>`: the whole catalog as a Bruno collection in <dir>, with the files the upload
 * examples send beside it (their `@file(…)` paths are relative to the collection).
 */
export function writeBruno(methods: readonly MethodDefinition[], dir: string): void {
  const files = toBruno(catalogRequests(methods), { name: COLLECTION_NAME });
  for (const file of files) {
    const path = join(dir, ...file.path.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
  for (const [name, bytes] of exampleFiles(methods)) writeFileSync(join(dir, name), bytes);
  process.stderr.write(`wrote ${files.length} files to ${dir}\n`);
}
