import { redactToken, type RedcapRequest } from '../redcap/request.ts';
import { shellCurl } from './targets/shell-curl.ts';
import type { SnippetOptions, SnippetTarget } from './types.ts';

export const TARGETS = [shellCurl] as const satisfies readonly SnippetTarget[];
export type TargetId = (typeof TARGETS)[number]['id'];

export function getTarget(id: string): SnippetTarget | undefined {
  return TARGETS.find((t) => t.id === id);
}

/** A snippet for the request; the token is redacted unless showToken is explicitly set. */
export function generateSnippet(
  target: SnippetTarget,
  request: RedcapRequest,
  options: SnippetOptions = {},
): string {
  return target.generate(options.showToken ? request : redactToken(request), options);
}

export type { SnippetOptions, SnippetTarget } from './types.ts';
