import { notFoundPage } from '../../mocks/handlers.ts';
import {
  ALICE_LONGITUDINAL_TOKEN,
  ALICE_SUPER_TOKEN,
  ALICE_TOKEN,
} from '../../mocks/fixtures/index.ts';
import { createMockRedcap } from '../../mocks/redcap.ts';
import type { MethodDefinition } from '../lib/methods/define-method.ts';
import {
  planExchanges,
  type Answer,
  type Exchange,
  type Recording,
  type TokenKind,
} from '../lib/openapi/exchanges.ts';
import { NOT_API_KEY } from '../lib/openapi/document.ts';
import { encodeBody } from '../lib/redcap/encode.ts';
import { buildRedcapRequest, type RedcapRequest } from '../lib/redcap/request.ts';

/**
 * Runs every planned exchange against a fresh mock REDCap (so no write sees another's effects)
 * and records the answers. The clock and the public address are fixed, so two runs record the
 * same bytes: the committed recording (src/lib/openapi/recording.json) can be compared.
 */

const API_URL = 'https://redcap.example.edu/redcap/api/';
const NOW = new Date('2026-01-15T09:30:00Z');
/** Well-formed, but no project's: REDCap answers 403. */
const UNKNOWN_TOKEN = '0123456789ABCDEF0123456789ABCDEF';

const TOKENS: Readonly<Record<TokenKind, string>> = {
  classic: ALICE_TOKEN,
  longitudinal: ALICE_LONGITUDINAL_TOKEN,
  super: ALICE_SUPER_TOKEN,
  unknown: UNKNOWN_TOKEN,
};

/** Rows an example keeps of a long list: enough to show the shape, small enough to read. */
export const EXAMPLE_ROWS = 3;
/** What a token in an answer (Create Project's new token) is shown as: never a value. */
export const TOKEN_MASK = 'X'.repeat(32);

async function bodyBytes(request: RedcapRequest): Promise<{ bytes: Uint8Array; type: string }> {
  const { body, contentType } = encodeBody(request);
  const response = new Response(body);
  return {
    bytes: new Uint8Array(await response.arrayBuffer()),
    type: contentType ?? response.headers.get('content-type') ?? '',
  };
}

function asText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A JSON list, CSV table or REDCap XML `<records>` list cut to its first rows. */
export function shorten(mediaType: string, text: string): { text: string; rows?: number } {
  if (mediaType === 'application/json' && text.startsWith('[')) {
    try {
      const list = JSON.parse(text) as unknown[];
      if (list.length > EXAMPLE_ROWS) {
        return { text: JSON.stringify(list.slice(0, EXAMPLE_ROWS)), rows: list.length };
      }
    } catch {
      return { text };
    }
  }
  if (mediaType === 'text/csv') {
    // A line break ends a row only outside quotes (an even number of quotes before it).
    const ends: number[] = [];
    let quotes = 0;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '"') quotes++;
      else if (text[i] === '\n' && quotes % 2 === 0) ends.push(i);
    }
    const rows = ends.length - 1;
    if (rows > EXAMPLE_ROWS) return { text: text.slice(0, ends[EXAMPLE_ROWS]! + 1), rows };
  }
  if (mediaType === 'text/xml' && text.includes('\n<records>\n')) {
    const items = text.split(/(?<=<\/item>)\n(?=<item>)/);
    if (items.length > EXAMPLE_ROWS) {
      return { text: `${items.slice(0, EXAMPLE_ROWS).join('\n')}\n</records>`, rows: items.length };
    }
  }
  return { text };
}

function answerOf(
  status: number,
  contentType: string,
  raw: Uint8Array | string,
  secrets: readonly string[] = [],
): Answer {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  let text = asText(bytes);
  if (text === null) return { status, mediaType, body: null, byteLength: bytes.byteLength };
  for (const secret of secrets) text = text.split(secret).join(TOKEN_MASK);
  const { text: body, rows } = shorten(mediaType, text);
  return { status, mediaType, body, byteLength: bytes.byteLength, ...(rows && { rows }) };
}

async function run(exchange: Exchange, method: MethodDefinition): Promise<Answer> {
  const redcap = createMockRedcap({
    now: () => new Date(NOW),
    publicBaseUrl: 'https://redcap.example.edu/redcap/',
  });
  const built = buildRedcapRequest(method, exchange.params, {
    apiUrl: API_URL,
    token: TOKENS[exchange.token],
  });
  const request: RedcapRequest = exchange.content
    ? {
        ...built,
        body: built.body.map(([name, value]) =>
          name === 'content' ? ([name, exchange.content!] as const) : ([name, value] as const),
        ),
      }
    : built;
  const { bytes, type } = await bodyBytes(request);
  const response = await redcap.handle({
    method: 'POST',
    url: request.url,
    headers: { 'content-type': type },
    body: bytes,
  });
  const contentType =
    Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ??
    '';
  const secrets = [...Object.values(TOKENS), ...redcap.tokens().map((t) => t.token)];
  return answerOf(response.status, contentType, response.body, secrets);
}

/** The answers of the mock to every planned exchange, and the web server's 404 page. */
export async function recordExchanges(methods: readonly MethodDefinition[]): Promise<Recording> {
  const byId = new Map(methods.map((m) => [m.id, m]));
  const recording: Record<string, Answer> = {};
  for (const exchange of planExchanges(methods)) {
    const method = byId.get(exchange.methodId);
    if (!method) throw new Error(`no method ${exchange.methodId} for ${exchange.key}`);
    recording[exchange.key] = await run(exchange, method);
  }
  const page = notFoundPage();
  recording[NOT_API_KEY] = answerOf(
    page.status,
    page.headers.get('content-type') ?? '',
    new Uint8Array(await page.arrayBuffer()),
  );
  return recording;
}
