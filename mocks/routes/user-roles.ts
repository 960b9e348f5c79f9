import { findRole, rolesOf } from '../store/access.ts';
import type { ProjectUser } from '../store/types.ts';
import { deleteRoles, importRoleMappings, importRoles } from '../store/users.ts';
import { countAnswer, readAccessRows } from '../wire/access-data.ts';
import { paramsOf } from '../wire/params.ts';
import { DEFAULT_400, payloadFormat, renderTable, respond } from '../wire/render.ts';
import { badRequest, USER_RIGHTS_RIGHT, type Route } from '../wire/route.ts';
import { renderAccess, rightsObject, roleRightKeys } from '../wire/user-rights.ts';

/**
 * User roles and role assignments (§2.24). All need the User Rights right; the rules are the
 * store's (`store/users.ts`).
 */

export const exp_user_roles: Route = {
  right: 'export',
  module: USER_RIGHTS_RIGHT,
  handle(ctx) {
    const { project } = ctx;
    const format = payloadFormat(ctx.format);
    // §2.24: role rights are strings ('design': '0'), unlike Export Users; forms stay numbers.
    const rows = rolesOf(project).map((r) => ({
      unique_role_name: r.unique_role_name,
      role_label: r.role_label,
      ...rightsObject(project, r.rights, true),
    }));
    const columns = [
      'unique_role_name',
      'role_label',
      ...roleRightKeys(project),
      'forms',
      'forms_export',
    ];
    ctx.log('Manage/Design', `Export user roles ${ctx.apiTag}`);
    return respond(200, format, renderAccess(columns, rows, format));
  },
};

export const imp_user_roles: Route = {
  right: 'import',
  module: USER_RIGHTS_RIGHT,
  handle(ctx) {
    const { project } = ctx;
    const rows = readAccessRows(ctx, paramsOf(ctx, 'imp_user_roles'));
    if (rows.length === 0) throw badRequest(DEFAULT_400);
    importRoles(project, rows);
    ctx.log('Manage/Design', `Import user roles ${ctx.apiTag}`);
    return countAnswer(ctx, rows.length);
  },
};

export const del_user_roles: Route = {
  right: 'delete',
  module: USER_RIGHTS_RIGHT,
  handle(ctx) {
    const { project } = ctx;
    const names = paramsOf(ctx, 'del_user_roles').requiredList(
      'roles',
      (n) => !!findRole(project, n),
    );
    deleteRoles(project, names);
    ctx.log('Manage/Design', `Delete user roles ${ctx.apiTag}`);
    return countAnswer(ctx, names.length);
  },
};

export const exp_user_role_maps: Route = {
  right: 'export',
  module: USER_RIGHTS_RIGHT,
  handle(ctx) {
    const format = payloadFormat(ctx.format);
    const rows = ctx.project.users.map((u: ProjectUser) => ({
      username: u.username,
      unique_role_name: u.role ?? '',
      data_access_group: u.data_access_group,
    }));
    ctx.log('Manage/Design', `Export user-role assignments ${ctx.apiTag}`);
    return respond(
      200,
      format,
      renderTable(['username', 'unique_role_name', 'data_access_group'], rows, format),
    );
  },
};

export const imp_user_role_maps: Route = {
  right: 'import',
  module: USER_RIGHTS_RIGHT,
  handle(ctx) {
    const { project } = ctx;
    const rows = readAccessRows(ctx, paramsOf(ctx, 'imp_user_role_maps'));
    if (rows.length === 0) throw badRequest(DEFAULT_400);
    importRoleMappings(project, rows);
    ctx.log('Manage/Design', `Import user-role assignments ${ctx.apiTag}`);
    return countAnswer(ctx, rows.length);
  },
};
