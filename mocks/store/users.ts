import { findDag, findRole, noRights, rolesOf } from './access.ts';
import { formNames } from './dictionary.ts';
import { badRequest } from './errors.ts';
import { cell, type Cells, type ProjectData, type UserRights, type UserRole } from './types.ts';

/**
 * Users (§2.23), user roles and role assignments (§2.24) in the store: which rights a row may
 * set and to which levels, new users and roles, role members following their role. Every row is
 * checked first; any problem refuses all of them (the texts are the mock's) and nothing changes.
 */

export type PlainRight = keyof Omit<UserRights, 'forms' | 'forms_export'>;

/** The rights columns of Export Users, in §2.23's order (before forms, forms_export). */
export const RIGHT_KEYS = [
  'design',
  'alerts',
  'user_rights',
  'data_access_groups',
  'reports',
  'stats_and_charts',
  'manage_survey_participants',
  'calendar',
  'data_import_tool',
  'data_comparison_tool',
  'logging',
  'email_logging',
  'file_repository',
  'data_quality_create',
  'data_quality_execute',
  'api_export',
  'api_import',
  'api_modules',
  'mobile_app',
  'mobile_app_download_data',
  'record_create',
  'record_rename',
  'record_delete',
  'lock_records_all_forms',
  'lock_records',
  'lock_records_customization',
] as const satisfies readonly PlainRight[];

/** §2.23: only "when those modules are enabled" — here, when randomization is on. */
const RANDOM_KEYS = ['random_setup', 'random_dashboard', 'random_perform'] as const;

export const USER_KEYS = ['username', 'email', 'firstname', 'lastname', 'expiration'] as const;
export const DAG_KEYS = [
  'data_access_group',
  'data_access_group_id',
  'data_access_group_label',
] as const;

/** Levels a right may take: most are 0/1 (§2.23). */
const MAX_LEVEL: Partial<Record<PlainRight, number>> = { user_rights: 2, lock_records: 2 };

export function rightKeys(project: ProjectData): PlainRight[] {
  return [...RIGHT_KEYS, ...(project.info.randomization_enabled === 1 ? RANDOM_KEYS : [])];
}

/**
 * Applies a row's rights to `rights` (or only checks them when `problems` gets lines). Right
 * values must be whole numbers in range; forms `form:level` pairs of the project's instruments
 * (levels 0–3). The texts are the mock's.
 */
export function readRights(
  project: ProjectData,
  cells: Cells,
  rights: UserRights,
  who: string,
  problems: string[],
): void {
  const keys = rightKeys(project) as string[];
  const forms = formNames(project);
  for (const [name, raw] of cells) {
    const value = raw.trim();
    if (keys.includes(name)) {
      const key = name as PlainRight;
      const max = MAX_LEVEL[key] ?? 1;
      if (!/^\d+$/.test(value) || Number(value) > max) {
        problems.push(`${who}: the value of "${name}" must be a whole number from 0 to ${max}`);
      } else rights[key] = Number(value);
    } else if (name === 'data_export') {
      // The older single export right (PyCap's import_users doctest sends it): the same level
      // for every instrument's forms_export, as REDCap reads it.
      if (!/^[0-3]$/.test(value)) {
        problems.push(`${who}: the value of "data_export" must be 0, 1, 2 or 3`);
      } else for (const form of forms) rights.forms_export[form] = Number(value);
    } else if (name === 'forms' || name === 'forms_export') {
      for (const pair of value.split(',').filter((p) => p.trim() !== '')) {
        const [form = '', level = ''] = pair.split(':').map((s) => s.trim());
        if (!forms.includes(form)) {
          problems.push(`${who}: "${form}" in "${name}" is not an instrument of the project`);
        } else if (!/^[0-3]$/.test(level)) {
          problems.push(`${who}: the level of "${form}" in "${name}" must be 0, 1, 2 or 3`);
        } else rights[name][form] = Number(level);
      }
    }
  }
}

function unknownColumns(cells: Cells, allowed: readonly string[]): string[] {
  return cells.map(([n]) => n).filter((n) => !allowed.includes(n));
}

/** A new role's name: `U-` + 10 uppercase letters and digits (§2.24), from a counter. */
function newRoleName(taken: readonly UserRole[]): string {
  for (let n = taken.length + 1; ; n++) {
    const name = `U-${(n * 2654435761).toString(36).toUpperCase().padStart(10, '0').slice(-10)}`;
    if (!taken.some((r) => r.unique_role_name === name)) return name;
  }
}

/** Members of a role have its rights (REDCap gives a role's users the role's rights). */
function syncMembers(project: ProjectData, role: UserRole): void {
  for (const u of project.users) {
    if (u.role === role.unique_role_name) u.rights = structuredClone(role.rights);
  }
}

/** Import Users (§2.23): new users are added without rights, known ones updated. */
export function importUsers(project: ProjectData, rows: readonly Cells[]): void {
  const allowed = [
    ...USER_KEYS,
    ...DAG_KEYS,
    ...rightKeys(project),
    'forms',
    'forms_export',
    'data_export',
  ] as string[];
  const problems: string[] = [];
  const users = structuredClone(project.users);
  for (const cells of rows) {
    const username = cell(cells, 'username') ?? '';
    if (username === '') {
      problems.push('Each row needs a username');
      continue;
    }
    const who = `User "${username}"`;
    const unknown = unknownColumns(cells, allowed);
    if (unknown.length > 0) problems.push(`${who}: unknown attributes ${unknown.join(', ')}`);
    let user = users.find((u) => u.username === username);
    if (!user) {
      user = {
        username,
        email: '',
        firstname: '',
        lastname: '',
        token: '',
        expiration: '',
        data_access_group: '',
        rights: noRights(formNames(project)),
        role: '',
      };
      users.push(user);
    }
    for (const key of ['email', 'firstname', 'lastname'] as const) {
      const value = cell(cells, key);
      if (value !== undefined) user[key] = value;
    }
    const expiration = cell(cells, 'expiration');
    if (expiration !== undefined) {
      if (expiration !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(expiration)) {
        problems.push(`${who}: "expiration" must be YYYY-MM-DD or blank`);
      } else user.expiration = expiration;
    }
    const dag = cell(cells, 'data_access_group');
    if (dag !== undefined) {
      if (dag !== '' && !findDag(project, dag)) {
        problems.push(`${who}: the data access group '${dag}' does not exist`);
      } else user.data_access_group = dag;
    }
    readRights(project, cells, user.rights, who, problems);
  }
  if (problems.length > 0) throw badRequest(problems.join('\n'));
  project.users = users;
}

/** Delete Users (§2.23). */
export function deleteUsers(project: ProjectData, names: readonly string[]): void {
  project.users = project.users.filter((u) => !names.includes(u.username));
}

/** Import User Roles (§2.24): a blank `unique_role_name` with a label makes a new role. */
export function importRoles(project: ProjectData, rows: readonly Cells[]): void {
  const allowed = [
    'unique_role_name',
    'role_label',
    ...rightKeys(project),
    'forms',
    'forms_export',
  ];
  const roles = structuredClone(rolesOf(project));
  const problems: string[] = [];
  for (const cells of rows) {
    const unique = cell(cells, 'unique_role_name') ?? '';
    const label = cell(cells, 'role_label');
    const who = unique === '' ? `New role "${label ?? ''}"` : `Role "${unique}"`;
    const unknown = unknownColumns(cells, allowed);
    if (unknown.length > 0) problems.push(`${who}: unknown attributes ${unknown.join(', ')}`);
    let role = roles.find((r) => r.unique_role_name === unique);
    if (unique !== '' && !role) {
      problems.push(`${who}: no such role in the project`);
      continue;
    }
    if (!role) {
      if (!label) {
        problems.push(`${who}: a new role needs a role_label`);
        continue;
      }
      role = {
        unique_role_name: newRoleName(roles),
        role_label: label,
        rights: noRights(formNames(project)),
      };
      roles.push(role);
    }
    if (label !== undefined && label !== '') role.role_label = label;
    readRights(project, cells, role.rights, who, problems);
  }
  if (problems.length > 0) throw badRequest(problems.join('\n'));
  project.roles = roles;
  for (const role of roles) syncMembers(project, role);
}

/** Delete User Roles (§2.24). */
export function deleteRoles(project: ProjectData, names: readonly string[]): void {
  project.roles = rolesOf(project).filter((r) => !names.includes(r.unique_role_name));
  // The mock's choice (§2.24 is unsure): members leave the role and keep its rights.
  for (const u of project.users) if (names.includes(u.role ?? '')) u.role = '';
}

/** Import User-Role Assignments (§2.24): a user takes the rights of the role given. */
export function importRoleMappings(project: ProjectData, rows: readonly Cells[]): void {
  const problems: string[] = [];
  for (const cells of rows) {
    const username = cell(cells, 'username') ?? '';
    const role = cell(cells, 'unique_role_name') ?? '';
    if (!project.users.some((u) => u.username === username)) {
      problems.push(`The user '${username}' is not a user of the project`);
    }
    if (role !== '' && !findRole(project, role)) {
      problems.push(`The role '${role}' does not exist`);
    }
  }
  if (problems.length > 0) throw badRequest(problems.join('\n'));
  for (const cells of rows) {
    const user = project.users.find((u) => u.username === cell(cells, 'username'))!;
    const role = findRole(project, cell(cells, 'unique_role_name') ?? '');
    user.role = role ? role.unique_role_name : '';
    // Unassigned users keep the rights they had (the mock's choice).
    if (role) user.rights = structuredClone(role.rights);
  }
}
