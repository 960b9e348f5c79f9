import { decodeBody, scalarField } from '../src/lib/redcap/decode.ts';
import { FAILURE_KINDS, FAILURE_LABELS } from '../src/lib/workshop/types.ts';
import type { MockRedcap } from './redcap.ts';
import { API_PAGE_TEXT, LEARNER, pendingRequests, tokenHolders } from './store/tokens.ts';
import type { MockResponse } from './wire/render.ts';
import { applyTokenAction, isTokenOp, setFailure } from './workshop.ts';

/**
 * mock:server's administrator page (issue #23): `GET /admin/` on the server's own port, plain
 * HTML with forms that POST back to it, no script. It regenerates, deletes, approves tokens and
 * sets the failure switch in mock:server's own store, so a snippet copied with an old token gets
 * REDCap's 403 over HTTP. The mock's tokens are public demo tokens, so the page shows them.
 */

export const ADMIN_PATH = '/admin/';

export interface AdminRequest {
  readonly method: string;
  readonly url: string;
  readonly contentType: string | null;
  readonly body: Uint8Array;
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function form(fields: Readonly<Record<string, string>>, label: string): string {
  const hidden = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('');
  return `<form method="post" action="${ADMIN_PATH}">${hidden}<button type="submit">${escapeHtml(label)}</button></form>`;
}

function projectSection(redcap: MockRedcap, slug: string): string {
  const project = redcap.store.project(slug);
  if (!project) return '';
  const rows = tokenHolders(project).map((h) => {
    const user = project.users.find((u) => u.username === h.username);
    const who = { project: slug, username: h.username };
    const actions = [
      h.hasToken ? form({ op: 'regenerate', ...who }, 'Regenerate token') : '',
      h.hasToken ? form({ op: 'delete', ...who }, 'Delete token') : '',
      !h.role
        ? form(
            { op: h.apiRights ? 'remove-api' : 'grant-api', ...who },
            h.apiRights ? 'Remove API rights' : 'Grant API rights',
          )
        : '',
      h.apiRights && !h.hasToken
        ? form({ op: 'request', ...who }, 'Request API token (as this user)')
        : '',
    ].join('');
    return `<tr><td>${escapeHtml(h.username)}</td><td>${h.apiRights ? 'yes' : 'no'}</td><td><code>${escapeHtml(user?.token || '—')}</code></td><td>${actions}</td></tr>`;
  });
  const learner = project.users.some((u) => u.username === LEARNER)
    ? ''
    : form(
        { op: 'add-learner', project: slug, username: LEARNER },
        'Add a new user without API rights (learner)',
      );
  return `<section><h2>${escapeHtml(project.info.project_title)} <small>(${escapeHtml(slug)})</small></h2><table><thead><tr><th>User</th><th>API rights</th><th>Token</th><th>Actions</th></tr></thead><tbody>${rows.join('')}</tbody></table>${learner}</section>`;
}

function page(redcap: MockRedcap, message: string | null, ok: boolean): string {
  const pending = pendingRequests(redcap.store);
  const requests = pending.length
    ? `<ul>${pending
        .map(
          (r) =>
            `<li>${escapeHtml(r.username)} requests an API token for the project ${escapeHtml(r.project)} (${escapeHtml(r.requested)}) ${form({ op: 'approve', project: r.project, username: r.username }, 'Approve')}</li>`,
        )
        .join('')}</ul>`
    : '<p>No token requests are waiting.</p>';
  const setting = redcap.failures.setting;
  const options = FAILURE_KINDS.map(
    (k) =>
      `<option value="${k}"${setting?.kind === k ? ' selected' : ''}>${escapeHtml(FAILURE_LABELS[k])}</option>`,
  ).join('');
  const failure = `<form method="post" action="${ADMIN_PATH}"><input type="hidden" name="op" value="failure"><label>Next calls fail: <select name="kind"><option value="">No failure</option>${options}</select></label> <label>how many (empty: until switched off) <input name="count" inputmode="numeric" size="4"></label> <button type="submit">Set</button></form><p>Now: ${setting ? `${escapeHtml(FAILURE_LABELS[setting.kind])}${setting.remaining === null ? ', until switched off' : `, ${setting.remaining} more call(s)`}` : 'no failure'}.</p>`;
  const notice = message
    ? `<p role="status" class="${ok ? 'ok' : 'bad'}">${escapeHtml(message)}</p>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mock REDCap: API tokens (administrator)</title>
<style>body{font:16px system-ui,sans-serif;margin:1rem 2rem;max-width:70rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left}form{display:inline-block;margin:.1rem}.bad{color:#a00}.ok{color:#060}</style></head>
<body><h1>Mock REDCap: API tokens (administrator)</h1>
<p><strong>A token is back-door access to the project's data with its user's rights: never share it, store it where only you can read it, and regenerate it if it may have leaked.</strong> ${escapeHtml(API_PAGE_TEXT.regenerateAdvice)}</p>
${notice}
<h2>Token requests</h2>${requests}
<h2>Failures on demand</h2>${failure}
${redcap.store.projects.map((p) => projectSection(redcap, p.slug)).join('\n')}
</body></html>
`;
}

const HTML = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };

/** The admin page's answer, or null when the request is not for it. */
export async function adminAnswer(
  redcap: MockRedcap,
  request: AdminRequest,
): Promise<MockResponse | null> {
  let path: string;
  try {
    path = new URL(request.url).pathname;
  } catch {
    return null;
  }
  if (path !== ADMIN_PATH && path !== ADMIN_PATH.slice(0, -1)) return null;
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD') {
    return { status: 200, headers: HTML, body: page(redcap, null, true) };
  }
  if (method !== 'POST') {
    return { status: 405, headers: { ...HTML, allow: 'GET, POST' }, body: 'Method Not Allowed\n' };
  }
  const { fields } = await decodeBody(request.contentType, request.body);
  const op = scalarField(fields, 'op');
  if (op === 'failure') {
    const kind = setFailure(
      redcap,
      scalarField(fields, 'kind'),
      scalarField(fields, 'count') ?? null,
    );
    const words = kind ? `The next calls fail: ${FAILURE_LABELS[kind]}.` : 'Failures switched off.';
    return { status: 200, headers: HTML, body: page(redcap, words, true) };
  }
  if (!isTokenOp(op)) {
    return { status: 400, headers: HTML, body: page(redcap, 'Unknown action.', false) };
  }
  const project = scalarField(fields, 'project') ?? '';
  const username = scalarField(fields, 'username') ?? '';
  const outcome = applyTokenAction(redcap, { op, project, username });
  const words = outcome.ok ? `Done: ${op} for ${username} on ${project}.` : outcome.message;
  return { status: outcome.ok ? 200 : 400, headers: HTML, body: page(redcap, words, outcome.ok) };
}
