import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { toBruno } from '../lib/collections/bruno.ts';
import { toPostman } from '../lib/collections/postman.ts';
import { catalogRequests } from '../lib/collections/requests.ts';
import type { MethodDefinition } from '../lib/methods/define-method.ts';

export const COLLECTION_NAME = 'REDCap API (REDCap API Playground)';

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

/** The files the examples upload, by name (newman's --working-dir, Bruno's collection folder). */
export function exampleFiles(methods: readonly MethodDefinition[]): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const method of methods) {
    for (const value of Object.values(method.examples[0] ?? {})) {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const part = value as { kind?: string; name: string; bytes: Uint8Array };
        if (part.kind === 'file') files.set(part.name, part.bytes);
      }
    }
  }
  return files;
}
