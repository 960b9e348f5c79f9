import { dagsOf, findDag, uniqueGroupName } from './access.ts';
import { badRequest } from './errors.ts';
import { cell, type Cells, type ProjectData, type ProjectUser } from './types.ts';

/**
 * Data Access Groups (§2.15) in the store: new and renamed groups, a group taken away, the DAG
 * Switcher, users' groups. Every row is checked first; any problem refuses all of them (the
 * texts are the mock's) and nothing changes.
 */

/** Import DAGs: a row naming a `unique_group_name` renames it; others are new groups. */
export function importDags(project: ProjectData, rows: readonly Cells[]): void {
  const problems: string[] = [];
  for (const cells of rows) {
    const label = cell(cells, 'data_access_group_name') ?? '';
    const unique = cell(cells, 'unique_group_name') ?? '';
    if (label === '') problems.push('The data_access_group_name cannot be blank');
    else if (unique !== '' && !findDag(project, unique)) {
      problems.push(`The unique_group_name '${unique}' is not a data access group of the project`);
    }
  }
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
    dags.push({ data_access_group_id: id, data_access_group_name: label, unique_group_name: name });
  }
}

/** Takes DAGs away: their records and users are then in no DAG. */
export function deleteDags(project: ProjectData, names: readonly string[]): void {
  for (const unique of names) {
    project.dags = dagsOf(project).filter((d) => d.unique_group_name !== unique);
    for (const r of project.records) if (r.dag === unique) r.dag = '';
    for (const u of project.users) {
      if (u.data_access_group === unique) u.data_access_group = '';
      if (u.dag_switch) u.dag_switch = u.dag_switch.filter((d) => d !== unique);
    }
  }
}

/** Switch DAG: only into a group the DAG Switcher gives the user ('' = no group). */
export function switchDag(project: ProjectData, user: ProjectUser, dag: string): void {
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
}

/** Import User-DAG Assignments: each row puts a user of the project into a group (or none). */
export function importUserDags(project: ProjectData, rows: readonly Cells[]): void {
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
}
