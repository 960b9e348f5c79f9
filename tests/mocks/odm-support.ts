import { ALICE_SUPER_TOKEN } from '../../mocks/fixtures/index.ts';
import type { MockRedcap } from '../../mocks/redcap.ts';

/** Small helpers shared by the project XML (ODM) tests. */

export async function post(redcap: MockRedcap, fields: Record<string, string>) {
  const response = await redcap.handle({
    method: 'POST',
    url: 'http://mock.test/api/',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(new URLSearchParams(fields).toString()),
  });
  return {
    status: response.status,
    contentType: response.headers['content-type'],
    text:
      response.body instanceof Uint8Array
        ? new TextDecoder().decode(response.body)
        : String(response.body),
  };
}

/** Create Project with a project XML file; `data` as JSON unless given. */
export const createFromOdm = (
  redcap: MockRedcap,
  odm: string,
  extra: Record<string, string> = {},
) =>
  post(redcap, {
    token: ALICE_SUPER_TOKEN,
    content: 'project',
    format: 'json',
    returnFormat: 'json',
    data: '[{"project_title":"From XML","purpose":"0"}]',
    odm,
    ...extra,
  });

/** One method's JSON answer for a token (throws on a non-200 answer). */
export async function exportJson(
  redcap: MockRedcap,
  token: string,
  content: string,
  extra: Record<string, string> = {},
): Promise<unknown> {
  const r = await post(redcap, { token, content, format: 'json', returnFormat: 'json', ...extra });
  if (r.status !== 200) throw new Error(`${content}: ${r.status} ${r.text}`);
  return JSON.parse(r.text);
}

/** The store's projects as text: equal before and after = a refused request changed nothing. */
export function storeSnapshot(redcap: MockRedcap): string {
  return JSON.stringify(redcap.store.data.projects, (_key, value: unknown) =>
    value instanceof Uint8Array ? Array.from(value) : value,
  );
}
