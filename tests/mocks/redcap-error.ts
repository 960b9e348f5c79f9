import type { MockRedcap } from '../../mocks/redcap.ts';

/** Shared by the fuzz tests: a seeded generator, and whether an answer is one of REDCap's error bodies. */

const XML_ERROR =
  /^<\?xml version="1\.0" encoding="UTF-8" \?>\n<hash><error>[^]*<\/error><\/hash>$/;

/** §1.8's three shapes, chosen by the Content-Type the answer announces. */
export function isRedcapError(contentType: string, body: string): boolean {
  if (contentType.startsWith('application/json')) {
    try {
      const parsed = JSON.parse(body) as unknown;
      return (
        typeof parsed === 'object' &&
        parsed !== null &&
        Object.keys(parsed).join() === 'error' &&
        typeof (parsed as { error: unknown }).error === 'string'
      );
    } catch {
      return false;
    }
  }
  if (contentType.startsWith('text/csv')) return body.startsWith('ERROR: ');
  if (contentType.startsWith('text/xml')) return XML_ERROR.test(body);
  return false;
}

/** mulberry32: small, fast, deterministic; the same seed gives the same run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
export type Rng = ReturnType<typeof prng>;

export type Pairs = readonly (readonly [string, string])[];

/** Posts form pairs to the core as a client would; the answer's status, text and Content-Type. */
export async function sendPairs(redcap: MockRedcap, pairs: Pairs) {
  const params = new URLSearchParams();
  for (const [k, v] of pairs) params.append(k, v);
  const response = await redcap.handle({
    method: 'POST',
    url: 'http://mock.test/api/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(params.toString()),
  });
  const text =
    typeof response.body === 'string' ? response.body : new TextDecoder().decode(response.body);
  return { status: response.status, text, type: response.headers['content-type'] ?? '' };
}
