import { findDag } from '../store/access.ts';
import { DAG_KEYS, deleteUsers, importUsers, rightKeys, USER_KEYS } from '../store/users.ts';
import { countAnswer, readAccessRows } from '../wire/access-data.ts';
import { paramsOf } from '../wire/params.ts';
import { DEFAULT_400, payloadFormat, respond } from '../wire/render.ts';
import { badRequest, USER_RIGHTS_RIGHT, type Route } from '../wire/route.ts';
import { renderAccess, rightsObject } from '../wire/user-rights.ts';

/** Users (§2.23). All need the User Rights right; the rules are the store's (`store/users.ts`). */

export const exp_users: Route = {
  right: 'export',
  module: USER_RIGHTS_RIGHT,
  handle(ctx) {
    const { project } = ctx;
    const format = payloadFormat(ctx.format);
    const rows = project.users.map((u) => {
      const dag = findDag(project, u.data_access_group);
      return {
        username: u.username,
        email: u.email,
        firstname: u.firstname,
        lastname: u.lastname,
        expiration: u.expiration,
        data_access_group: dag ? dag.unique_group_name : '',
        data_access_group_id: dag ? String(dag.data_access_group_id) : '',
        data_access_group_label: dag ? dag.data_access_group_name : '',
        ...rightsObject(project, u.rights, false),
      };
    });
    const columns = [...USER_KEYS, ...DAG_KEYS, ...rightKeys(project), 'forms', 'forms_export'];
    ctx.log('Manage/Design', `Export users ${ctx.apiTag}`);
    return respond(200, format, renderAccess(columns, rows, format));
  },
};

export const imp_users: Route = {
  right: 'import',
  module: USER_RIGHTS_RIGHT,
  handle(ctx) {
    const { project } = ctx;
    const rows = readAccessRows(ctx, paramsOf(ctx, 'imp_users'));
    if (rows.length === 0) throw badRequest(DEFAULT_400);
    importUsers(project, rows);
    ctx.log('Manage/Design', `Import users ${ctx.apiTag}`);
    return countAnswer(ctx, rows.length);
  },
};

export const del_users: Route = {
  right: 'delete',
  module: USER_RIGHTS_RIGHT,
  handle(ctx) {
    const { project } = ctx;
    const names = paramsOf(ctx, 'del_users').requiredList('users', (n) =>
      project.users.some((u) => u.username === n),
    );
    deleteUsers(project, names);
    ctx.log('Manage/Design', `Delete users ${ctx.apiTag}`);
    return countAnswer(ctx, names.length);
  },
};
