import { scalarField } from '../../src/lib/redcap/decode.ts';
import { DEFAULT_400, renderTable, respond } from '../wire/render.ts';
import { dagsOf, findDag } from '../store/access.ts';
import type { ProjectData } from '../store/types.ts';
import {
  cell,
  countAnswer,
  DAG_RIGHT,
  readAccessRows,
  refuseDagUser,
} from '../wire/access-data.ts';
import { requiredNameList } from '../wire/params.ts';
import { badRequest, type Route, type RouteContext } from '../wire/route.ts';

/** Data Access Groups (§2.15). Every method but Switch DAG refuses a user in a DAG (403). */

const DAG_COLUMNS = ['data_access_group_name', 'unique_group_name', 'data_access_group_id'];

function payloadFormat(ctx: RouteContext) {
  return ctx.format === 'odm' ? 'xml' : ctx.format;
}

export const exportDags: Route = {
  right: 'export',
  module: DAG_RIGHT,
  handle(ctx) {
    refuseDagUser(ctx);
    const format = payloadFormat(ctx);
    const rows = dagsOf(ctx.project).map((d) => ({ ...d }));
    ctx.log('Manage/Design', `Export DAGs ${ctx.apiTag}`);
    return respond(200, format, renderTable(DAG_COLUMNS, rows, format));
  },
};

/**
 * The unique name REDCap derives from a label: lower case, spaces `_`, every other character
 * that is not a letter, digit or `_` dropped (`dag-a` → `daga`, `New DAG` → `new_dag`), 18
 * characters at most; the mock adds `_2`, `_3`, … when it is taken.
 */
export function uniqueGroupName(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .toLowerCase()
      .replace(/ /g, '_')
      .replace(/[^a-z0-9_]/g, '')
      .replace(/^_+|_+$/g, '')
      .slice(0, 18) || 'dag';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const name = `${base.slice(0, 18 - String(n).length - 1)}_${n}`;
    if (!taken.has(name)) return name;
  }
}

export const importDags: Route = {
  right: 'import',
  module: DAG_RIGHT,
  handle(ctx) {
    refuseDagUser(ctx);
    const { project } = ctx;
    const rows = readAccessRows(ctx);
    const problems: string[] = [];
    for (const cells of rows) {
      const label = cell(cells, 'data_access_group_name') ?? '';
      const unique = cell(cells, 'unique_group_name') ?? '';
      if (label === '') problems.push('The data_access_group_name cannot be blank');
      else if (unique !== '' && !findDag(project, unique)) {
        problems.push(
          `The unique_group_name '${unique}' is not a data access group of the project`,
        );
      }
    }
    if (rows.length === 0) throw badRequest(DEFAULT_400);
    if (problems.length > 0) throw badRequest(problems.join('\n'));
    const dags = dagsOf(project);
    for (const cells of rows) {
      const label = cell(cells, 'data_access_group_name')!;
      const unique = cell(cells, 'unique_group_name') ?? '';
      const existing = findDag(project, unique);
      if (existing) {
        existing.data_access_group_name = label;
        continue;
      }
      const name = uniqueGroupName(label, new Set(dags.map((d) => d.unique_group_name)));
      const id = project.nextDagId ?? Math.max(0, ...dags.map((d) => d.data_access_group_id)) + 1;
      project.nextDagId = id + 1;
      dags.push({
        data_access_group_id: id,
        data_access_group_name: label,
        unique_group_name: name,
      });
    }
    ctx.log('Manage/Design', `Import DAGs ${ctx.apiTag}`);
    return countAnswer(ctx, rows.length);
  },
};

/** Takes a DAG away: its records and users are then in no DAG. */
function removeDag(project: ProjectData, unique: string): void {
  project.dags = dagsOf(project).filter((d) => d.unique_group_name !== unique);
  for (const r of project.records) if (r.dag === unique) r.dag = '';
  for (const u of project.users) {
    if (u.data_access_group === unique) u.data_access_group = '';
    if (u.dag_switch) u.dag_switch = u.dag_switch.filter((d) => d !== unique);
  }
}

export const deleteDags: Route = {
  // §2.1 notes: the router asks Delete Record for every delete except DAG and File Repository.
  right: 'import',
  module: DAG_RIGHT,
  handle(ctx) {
    refuseDagUser(ctx);
    const { project } = ctx;
    const names = requiredNameList(ctx.fields, 'dags', (n) => !!findDag(project, n));
    for (const name of names) removeDag(project, name);
    ctx.log('Manage/Design', `Delete DAGs ${ctx.apiTag}`);
    return countAnswer(ctx, names.length);
  },
};

export const switchDag: Route = {
  // The mock's choice: a switch changes the user, so it needs API Import/Update.
  right: 'import',
  handle(ctx) {
    const { project, user } = ctx;
    const dag = (scalarField(ctx.fields, 'dag') ?? '').trim();
    if (dag !== '' && !findDag(project, dag)) {
      throw badRequest(
        `The value of the parameter "dag" is not valid: '${dag}' is not a data access group of the project`,
      );
    }
    if (!(user.dag_switch ?? []).includes(dag)) {
      throw badRequest(
        dag === ''
          ? 'You may not leave your data access group with the DAG Switcher'
          : `You may not switch into the data access group '${dag}'`,
      );
    }
    user.data_access_group = dag;
    ctx.log('Manage/Design', `Switch DAG ${ctx.apiTag}`);
    return respond(200, ctx.returnFormat, '1');
  },
};

export const exportUserDagMappings: Route = {
  right: 'export',
  module: DAG_RIGHT,
  handle(ctx) {
    refuseDagUser(ctx);
    const format = payloadFormat(ctx);
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

export const importUserDagMappings: Route = {
  right: 'import',
  module: DAG_RIGHT,
  handle(ctx) {
    refuseDagUser(ctx);
    const { project } = ctx;
    const rows = readAccessRows(ctx);
    if (rows.length === 0) throw badRequest(DEFAULT_400);
    const problems: string[] = [];
    for (const cells of rows) {
      const username = cell(cells, 'username') ?? '';
      const dag = cell(cells, 'redcap_data_access_group') ?? '';
      if (!project.users.some((u) => u.username === username)) {
        problems.push(`The user '${username}' is not a user of the project`);
      }
      if (dag !== '' && !findDag(project, dag)) {
        problems.push(`The data access group '${dag}' does not exist`);
      }
    }
    if (problems.length > 0) throw badRequest(problems.join('\n'));
    for (const cells of rows) {
      const user = project.users.find((u) => u.username === cell(cells, 'username'))!;
      user.data_access_group = cell(cells, 'redcap_data_access_group') ?? '';
    }
    ctx.log('Manage/Design', `Import User-DAG assignments ${ctx.apiTag}`);
    return countAnswer(ctx, rows.length);
  },
};
