import type { DecodedForm, FormFields } from '../../src/lib/redcap/decode.ts';
import type { DataFormat, Format, MockResponse } from './render.ts';
import type { MockStore, Session } from '../store/store.ts';
import type { ProjectData, ProjectUser, UserRights } from '../store/types.ts';

/** An error REDCap answers in the request's returnFormat. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export const badRequest = (message: string): ApiError => new ApiError(400, message);

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
