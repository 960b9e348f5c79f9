import { getMethod } from '../methods/index.ts';
import { bodyValue, redactToken, type RedcapRequest } from '../redcap/request.ts';
import { checkRequest } from './check.ts';
import { javascriptFetch } from './targets/javascript-fetch.ts';
import { nodeFetch } from './targets/node-fetch.ts';
import { phpCurl } from './targets/php-curl.ts';
import { pythonRequests } from './targets/python-requests.ts';
import { rHttr } from './targets/r-httr.ts';
import { shellCurl } from './targets/shell-curl.ts';
import { rubyNetHttp } from './targets/ruby-net-http.ts';
import { perlLwp } from './targets/perl-lwp.ts';
import { goNetHttp } from './targets/go-net-http.ts';
import { javaHttpClient } from './targets/java-httpclient.ts';
import { csharpHttpClient } from './targets/csharp-httpclient.ts';
import { powershell } from './targets/powershell.ts';
import { pythonPycap } from './targets/python-pycap.ts';
import { rRedcapr } from './targets/r-redcapr.ts';
import type { BodyFormat, ResponseShape, SnippetOptions, SnippetTarget } from './types.ts';

/** Every snippet target, in the order the UI offers them. */
export const TARGETS = [
  shellCurl,
  pythonRequests,
  pythonPycap,
  rHttr,
  rRedcapr,
  javascriptFetch,
  nodeFetch,
  phpCurl,
  rubyNetHttp,
  perlLwp,
  javaHttpClient,
  csharpHttpClient,
  goNetHttp,
  powershell,
] as const satisfies readonly SnippetTarget[];
export type TargetId = (typeof TARGETS)[number]['id'];

export function getTarget(id: string): SnippetTarget<TargetId> | undefined {
  return TARGETS.find((t) => t.id === id);
}

const FORMATS: readonly string[] = ['json', 'csv', 'xml'];
const DELIMITERS: Readonly<Record<string, string>> = { tab: '\t', ';': ';', '|': '|', '^': '^' };

/**
 * What a successful call answers and how errors come (§1.6): exports answer in `format` (xml
 * when absent or unknown, odm being XML too); writes answer in `returnFormat`, which falls back
 * to `format`, then xml. The method registry says whether the body is data, text or a file.
 */
export function responseShape(request: RedcapRequest): ResponseShape {
  const method = getMethod(request.methodId);
  const format = bodyValue(request, 'format');
  const dataFormat: BodyFormat =
    format && FORMATS.includes(format) ? (format as BodyFormat) : 'xml';
  const returnFormat = bodyValue(request, 'returnFormat')?.toLowerCase();
  const errorFormat =
    returnFormat && FORMATS.includes(returnFormat) ? (returnFormat as BodyFormat) : dataFormat;
  const writes = method?.destructive ?? false;
  const nothing = bodyValue(request, 'returnContent') === 'nothing';
  const kind = !method || (writes && nothing) ? 'text' : method.response.kind;
  const bodyFormat = kind === 'format' ? (writes ? errorFormat : dataFormat) : null;
  const delimiter = bodyValue(request, 'csvDelimiter');
  return {
    kind,
    format: bodyFormat,
    errorFormat,
    csvDelimiter: (!writes && delimiter && DELIMITERS[delimiter.toLowerCase()]) || ',',
    fallbackFileName: request.methodId === 'exp_instr_pdf' ? 'export.pdf' : 'file.raw',
  };
}

/**
 * A snippet for the request; the token is redacted unless showToken is explicitly set. Throws
 * SnippetError when the request holds something no target can send faithfully (checkRequest).
 */
export function generateSnippet(
  target: SnippetTarget,
  request: RedcapRequest,
  options: SnippetOptions = {},
): string {
  checkRequest(request);
  return target.generate(options.showToken ? request : redactToken(request), {
    ...options,
    response: options.response ?? responseShape(request),
  });
}

export { SnippetError, TOKEN_ENV } from './types.ts';
export type { ResponseShape, SnippetOptions, SnippetTarget } from './types.ts';
