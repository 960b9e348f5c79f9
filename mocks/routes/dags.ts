import { dagsOf, findDag } from '../store/access.ts';
import { deleteDags, importDags, importUserDags, switchDag } from '../store/dags.ts';
import { countAnswer, readAccessRows, refuseDagUser } from '../wire/access-data.ts';
import { paramsOf } from '../wire/params.ts';
import { DEFAULT_400, payloadFormat, renderTable, respond } from '../wire/render.ts';
import { badRequest, DAG_RIGHT, type Route } from '../wire/route.ts';

/**
 * Data Access Groups (§2.15). Every method but Switch DAG refuses a user in a DAG (403); the
 * rules are the store's (`store/dags.ts`).
 */

const DAG_COLUMNS = ['data_access_group_name', 'unique_group_name', 'data_access_group_id'];

export const exp_dags: Route = {
  right: 'export',
  module: DAG_RIGHT,
  handle(ctx) {
    refuseDagUser(ctx);
    const format = payloadFormat(ctx.format);
    const rows = dagsOf(ctx.project).map((d) => ({ ...d }));
    ctx.log('Manage/Design', `Export DAGs ${ctx.apiTag}`);
    return respond(200, format, renderTable(DAG_COLUMNS, rows, format));
  },
};

export const imp_dags: Route = {
  right: 'import',
  module: DAG_RIGHT,
  handle(ctx) {
    refuseDagUser(ctx);
    const rows = readAccessRows(ctx, paramsOf(ctx, 'imp_dags'));
    if (rows.length === 0) throw badRequest(DEFAULT_400);
    importDags(ctx.project, rows);
    ctx.log('Manage/Design', `Import DAGs ${ctx.apiTag}`);
    return countAnswer(ctx, rows.length);
  },
};

export const del_dags: Route = {
  // §2.1 notes: the router asks Delete Record for every delete except DAG and File Repository.
  right: 'import',
  module: DAG_RIGHT,
  handle(ctx) {
    refuseDagUser(ctx);
    const { project } = ctx;
    const names = paramsOf(ctx, 'del_dags').requiredList('dags', (n) => !!findDag(project, n));
    deleteDags(project, names);
    ctx.log('Manage/Design', `Delete DAGs ${ctx.apiTag}`);
    return countAnswer(ctx, names.length);
  },
};

export const switch_dag: Route = {
  // The mock's choice: a switch changes the user, so it needs API Import/Update.
  right: 'import',
  handle(ctx) {
    switchDag(ctx.project, ctx.user, paramsOf(ctx, 'switch_dag').trimmed('dag'));
    ctx.log('Manage/Design', `Switch DAG ${ctx.apiTag}`);
    return respond(200, ctx.returnFormat, '1');
  },
};

export const exp_user_dag_maps: Route = {
  right: 'export',
  module: DAG_RIGHT,
  handle(ctx) {
    refuseDagUser(ctx);
    const format = payloadFormat(ctx.format);
    const rows = ctx.project.users.map((u) => ({
      username: u.username,
      redcap_data_access_group: u.data_access_group,
    }));
    ctx.log('Manage/Design', `Export User-DAG assignments ${ctx.apiTag}`);
    return respond(
      200,
      format,
      renderTable(['username', 'redcap_data_access_group'], rows, format),
    );
  },
};

export const imp_user_dag_maps: Route = {
  right: 'import',
  module: DAG_RIGHT,
  handle(ctx) {
    refuseDagUser(ctx);
    const rows = readAccessRows(ctx, paramsOf(ctx, 'imp_user_dag_maps'));
    if (rows.length === 0) throw badRequest(DEFAULT_400);
    importUserDags(ctx.project, rows);
    ctx.log('Manage/Design', `Import User-DAG assignments ${ctx.apiTag}`);
    return countAnswer(ctx, rows.length);
  },
};
