import { respond } from '../wire/render.ts';
import type { Route } from '../wire/route.ts';

/**
 * Export REDCap Version (§2.21): plain text such as `14.5.10`, no newline, whatever the
 * format; the Content-Type follows returnFormat (§1.6). Any valid token, super tokens too.
 */
export const exp_rc_v: Route = {
  right: 'none',
  handle(ctx) {
    if (ctx.session.kind === 'project') {
      ctx.log('Manage/Design', `Export REDCap version ${ctx.apiTag}`);
    }
    return respond(200, ctx.returnFormat, ctx.store.version);
  },
};
