import { armsOf } from '../store/longitudinal.ts';
import {
  deleteArms,
  importArms,
  requireDevelopment,
  requireLongitudinal,
} from '../store/structure.ts';
import { countAnswer } from '../wire/access-data.ts';
import { structureRows } from '../wire/import-data.ts';
import { armFilter, paramsOf } from '../wire/params.ts';
import { DEFAULT_400, payloadFormat, renderMatrix, respond, type Cell } from '../wire/render.ts';
import { badRequest, DESIGN_RIGHT, type Route } from '../wire/route.ts';

/**
 * Arms (§2.12). Classic projects answer REDCap's 400 for the export (§1.8; REDCapR's
 * redcap_delete asks for arms first and reads this text) and the mock's analogous texts for
 * import and delete. Changes need Project Design and development status (§2.1 notes).
 */

export const exp_arms: Route = {
  right: 'export',
  handle(ctx) {
    const { project } = ctx;
    requireLongitudinal(project, 'export', 'arms');
    const filter = armFilter(paramsOf(ctx, 'exp_arms'), armsOf(project));
    const rows: Cell[][] = [...armsOf(project)]
      .sort((a, b) => a.arm_num - b.arm_num)
      .filter((a) => !filter || filter.has(a.arm_num))
      .map((a) => [a.arm_num, a.name]);
    const format = payloadFormat(ctx.format);
    ctx.log('Manage/Design', `Export arms ${ctx.apiTag}`);
    return respond(200, format, renderMatrix(['arm_num', 'name'], rows, format));
  },
};

export const imp_arms: Route = {
  right: 'import',
  module: DESIGN_RIGHT,
  handle(ctx) {
    const { project } = ctx;
    requireLongitudinal(project, 'import', 'arms');
    requireDevelopment(project);
    const p = paramsOf(ctx, 'imp_arms');
    const rows = structureRows(ctx, p);
    if (rows.length === 0) throw badRequest(DEFAULT_400);
    importArms(project, rows, p.flag('override'));
    ctx.log('Manage/Design', `Import arms ${ctx.apiTag}`);
    return countAnswer(ctx, rows.length);
  },
};

export const del_arms: Route = {
  right: 'delete',
  module: DESIGN_RIGHT,
  handle(ctx) {
    const { project } = ctx;
    requireLongitudinal(project, 'delete', 'arms');
    requireDevelopment(project);
    const known = new Set(armsOf(project).map((a) => String(a.arm_num)));
    const p = paramsOf(ctx, 'del_arms');
    const arms = new Set(p.requiredList('arms', (v) => known.has(v)).map(Number));
    deleteArms(project, arms);
    ctx.log('Manage/Design', `Delete arms ${ctx.apiTag}`);
    return countAnswer(ctx, arms.size);
  },
};
