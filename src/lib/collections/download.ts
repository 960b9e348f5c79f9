import type { MethodDefinition, ParamValues } from '../methods/define-method.ts';
import { METHODS } from '../methods/index.ts';
import { brunoRequest, toBruno } from './bruno.ts';
import { toPostman } from './postman.ts';
import { catalogRequests, collectionRequest, exampleFiles } from './requests.ts';
import { zip, type ZipEntry } from './zip.ts';

/**
 * What the page's Postman / Bruno downloads hold (issue #25): the whole catalog, one group, or
 * the request on screen with the values typed. None reads a token: the token is always the
 * collection variable.
 */

export type CollectionFormat = 'postman' | 'bruno';
export type CollectionScope = 'catalog' | 'group' | 'request';

export interface CollectionDownload {
  readonly fileName: string;
  readonly type: string;
  readonly bytes: Uint8Array;
}

export const COLLECTION_NAME = 'REDCap API (REDCap API Playground)';

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const encoder = new TextEncoder();

function postmanFile(fileName: string, collection: unknown): CollectionDownload {
  return {
    fileName,
    type: 'application/json',
    bytes: encoder.encode(`${JSON.stringify(collection, null, 2)}\n`),
  };
}

/** The Bruno collection folder as a ZIP, with the files the examples upload beside it. */
function brunoZip(
  folder: string,
  methods: readonly MethodDefinition[],
  name: string,
): CollectionDownload {
  const fileName = `${folder}.bruno.zip`;
  const files = toBruno(catalogRequests(methods), { name });
  const entries: ZipEntry[] = files.map((f) => ({
    path: `${folder}/${f.path}`,
    bytes: encoder.encode(f.content),
  }));
  for (const [file, bytes] of exampleFiles(methods))
    entries.push({ path: `${folder}/${file}`, bytes });
  return { fileName, type: 'application/zip', bytes: zip(entries) };
}

/**
 * The download for a format and scope. `method` is the one on screen (its group for 'group');
 * `values` what the user typed, for 'request' (assumed valid: validateParams first). Throws
 * CollectionError when a value cannot travel in the format.
 */
export function buildCollectionDownload(
  format: CollectionFormat,
  scope: CollectionScope,
  method: MethodDefinition,
  values: ParamValues,
): CollectionDownload {
  if (scope === 'request') {
    const request = collectionRequest(method, values);
    const name = `${method.label} (REDCap API Playground)`;
    return format === 'postman'
      ? postmanFile(
          `${method.id}.postman_collection.json`,
          toPostman([request], { name, grouped: false }),
        )
      : {
          fileName: `${method.id}.bru`,
          type: 'text/plain',
          bytes: encoder.encode(brunoRequest(request, 1)),
        };
  }
  const methods = scope === 'catalog' ? METHODS : METHODS.filter((m) => m.group === method.group);
  const name = scope === 'catalog' ? COLLECTION_NAME : `REDCap API: ${method.group}`;
  const stem = scope === 'catalog' ? 'redcap-api' : `redcap-api-${slug(method.group)}`;
  return format === 'postman'
    ? postmanFile(`${stem}.postman_collection.json`, toPostman(catalogRequests(methods), { name }))
    : brunoZip(stem, methods, name);
}
