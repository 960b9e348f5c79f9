import { TOKEN_FIELD } from '../../redcap/request.ts';
import { shellQuote } from '../quote.ts';
import { TOKEN_ENV, type SnippetTarget } from '../types.ts';

export const shellCurl: SnippetTarget = {
  id: 'shell-curl',
  label: 'Shell (curl)',
  language: 'shell',
  extension: 'sh',
  generate(request, options) {
    const multipart = request.bodyKind === 'multipart';
    const lines: string[] = ['#!/usr/bin/env bash'];
    if (options.title) lines.push(`# ${options.title}, REDCap API`);
    if (options.mock) {
      lines.push('# Runs against the playground mock: start it first with `npm run mock:server`.');
    }
    if (!options.showToken) {
      lines.push(`# The token is read from the environment: export ${TOKEN_ENV}=<your token>`);
    }
    const args: string[] = [
      'curl --silent --show-error --fail-with-body',
      `--write-out '%{stderr}HTTP status: %{http_code}\\n'`,
      `--request POST ${shellQuote(request.url)}`,
    ];
    for (const [name, value] of request.body) {
      if (name === TOKEN_FIELD && !options.showToken) {
        const read = `"${name}=\${${TOKEN_ENV}:?Set ${TOKEN_ENV} to your REDCap API token}"`;
        args.push(multipart ? `--form-string ${read}` : `--data-urlencode ${read}`);
      } else if (typeof value !== 'string') {
        args.push(`--form ${shellQuote(`${name}=@${value.name}`)}`);
      } else if (multipart) {
        args.push(`--form-string ${shellQuote(`${name}=${value}`)}`);
      } else {
        args.push(`--data-urlencode ${shellQuote(`${name}=${value}`)}`);
      }
    }
    lines.push(args.join(' \\\n  '));
    return lines.join('\n') + '\n';
  },
};
