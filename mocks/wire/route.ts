import type { DecodedForm, FormFields } from '../../src/lib/redcap/decode.ts';
import type { DataFormat, Format, MockResponse } from './render.ts';
import type { MockStore, Session } from '../store/store.ts';
import type { ProjectData, ProjectUser, UserRights } from '../store/types.ts';

export { ApiError, badRequest } from '../store/errors.ts';

/**
 * The right a route needs (§2.1 notes): `export` → API Export; `import` → API Import/Update;
 * `delete` → API Import/Update and Delete Record; `none` → any valid token.
 */
export type RouteRight = 'none' | 'export' | 'import' | 'delete';

export interface RouteContext {
  readonly fields: FormFields;
  readonly files: DecodedForm['files'];
  readonly format: DataFormat;
  readonly returnFormat: Format;
  readonly store: MockStore;
  readonly session: Session;
  /**
   * The REDCap address the request came to, up to the `api/` of its path, with a trailing
   * slash (e.g. `http://127.0.0.1:8787/`): survey links are built on it as REDCap builds
   * them on its own base URL.
   */
  readonly baseUrl: string;
  /** The token's project and user; throws for a super token (only `none` routes get one). */
  readonly project: ProjectData;
  readonly user: ProjectUser;
  /** `(API)`, or `(API Playground)` when the request carries `playground=1` (§1.10). */
  readonly apiTag: string;
  /** Adds a log row; rows are written only if the route succeeds. */
  log(action: string, details: string, record?: string): void;
}

/** A module right the method also needs (§2.1 notes), and REDCap's 403 text without it. */
export interface ModuleRight {
  readonly right: keyof Omit<UserRights, 'forms' | 'forms_export'>;
  readonly message: string;
}

export interface Route {
  readonly right: RouteRight;
  /** Checked after `right`: e.g. Rename Record, Project Design, Logging. */
  readonly module?: ModuleRight;
  handle(ctx: RouteContext): MockResponse;
}

/** Structure imports need Project Design and Setup (§2.1 notes; the text is the mock's). */
export const DESIGN_RIGHT: ModuleRight = {
  right: 'design',
  message: 'You do not have Project Design and Setup privileges',
};

export const SURVEY_RIGHT: ModuleRight = {
  right: 'manage_survey_participants',
  message:
    'The API request cannot complete because currently you do not have "Manage Survey Participants" privileges, which are required for this operation.',
};

/** The DAG methods need the Data Access Groups right (§2.1 notes; the text is the mock's). */
export const DAG_RIGHT: ModuleRight = {
  right: 'data_access_groups',
  message: 'You do not have Data Access Groups privileges',
};

/** User and role methods need the User Rights right (§2.1 notes; the text is the mock's). */
export const USER_RIGHTS_RIGHT: ModuleRight = {
  right: 'user_rights',
  message: 'You do not have User Rights privileges',
};

/** §2.8: Randomize Record needs the Randomize right (REDCap's text). */
export const RANDOMIZE_RIGHT: ModuleRight = {
  right: 'random_perform',
  message: 'You do not have Randomize privileges',
};

/** The File Repository (§2.17) needs its right (403, the text is the mock's). */
export const FILE_REPOSITORY_RIGHT: ModuleRight = {
  right: 'file_repository',
  message: 'You do not have File Repository privileges',
};
