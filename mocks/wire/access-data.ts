import { respond, type MockResponse } from './render.ts';
import { odmUnsupported, type Params } from './params.ts';
import { readImportData, type Cells } from './import-data.ts';
import { ApiError, type RouteContext } from './route.ts';

/** Shared by the DAG, user and role routes (§2.15, §2.23, §2.24). */

/** §1.8: "DAG management methods when the token's user is assigned to a DAG" (mock's words). */
export const IN_DAG_MESSAGE =
  'You do not have permission to use this method because you are assigned to a Data Access Group';

/** 403 for a user in a DAG (every DAG method except Switch DAG, §2.15). */
export function refuseDagUser(ctx: RouteContext): void {
  if (ctx.user.data_access_group !== '') throw new ApiError(403, IN_DAG_MESSAGE);
}

/**
 * The rows of `data`. In JSON an object value (Import Users' `forms`, §2.23) becomes the
 * `form:1,form2:0` string CSV and XML use.
 */
export function readAccessRows(ctx: RouteContext, p: Params<'data'>): Cells[] {
  const format = odmUnsupported(ctx);
  let data = p.text('data') ?? '';
  if (format === 'json') {
    try {
      const parsed: unknown = JSON.parse(data);
      if (Array.isArray(parsed)) {
        const flat = parsed.map((item: unknown) =>
          typeof item === 'object' && item !== null && !Array.isArray(item)
            ? Object.fromEntries(
                Object.entries(item).map(([k, v]) => [
                  k,
                  typeof v === 'object' && v !== null && !Array.isArray(v)
                    ? Object.entries(v as Record<string, unknown>)
                        .map(([form, level]) => `${form}:${String(level)}`)
                        .join(',')
                    : v,
                ]),
              )
            : item,
        );
        data = JSON.stringify(flat);
      }
    } catch {
      // readImportData reports it.
    }
  }
  return readImportData(data, format, p.csvDelimiter());
}

/** A bare integer in returnFormat's Content-Type (§2.2). */
export function countAnswer(ctx: RouteContext, n: number): MockResponse {
  return respond(200, ctx.returnFormat, String(n));
}
