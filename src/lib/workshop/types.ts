/**
 * The workshop's plain data (issue #23 items 1 and 3), shared by the mock (mocks/workshop.ts,
 * mocks/store/tokens.ts, mocks/failures.ts), the page and lesson checks: the token life cycle's
 * steps and what a user's API page shows, the failure switch, and the logs of what happened.
 * No log here ever holds a token; only `ApiPageState` of kind 'token' does (the user's own page).
 */

export const FAILURE_KINDS = [
  'network',
  'timeout',
  'server-error',
  'sso-login',
  'redirect',
  'revoked-token',
  'expired-user',
  'rate-limit',
] as const;

export type FailureKind = (typeof FAILURE_KINDS)[number];

export const FAILURE_LABELS: Readonly<Record<FailureKind, string>> = {
  network: 'The network is down',
  timeout: 'A timeout',
  'server-error': 'HTTP 500 with an HTML page',
  'sso-login': 'A single sign-on login page (HTML 200)',
  redirect: 'A redirect',
  'revoked-token': 'A revoked token (403)',
  'expired-user': 'A user whose rights expired (403)',
  'rate-limit': "REDCap's rate limit (429)",
};

export function isFailureKind(value: unknown): value is FailureKind {
  return typeof value === 'string' && (FAILURE_KINDS as readonly string[]).includes(value);
}

/** What the switch is set to: which failure, and for how many more calls (null: until off). */
export interface FailureSetting {
  readonly kind: FailureKind;
  readonly remaining: number | null;
}

/** One failure the mock served. */
export interface FailureEvent {
  readonly kind: FailureKind;
  /** The REDCap method the call asked for, when it resolved to one. */
  readonly methodId: string | null;
  /** The HTTP status sent; 0 for "the network is down" (no answer). */
  readonly status: number;
}

/** A request waiting for an administrator (REDCap's To-Do List "token access"). */
export interface TokenRequest {
  readonly project: string;
  readonly username: string;
  /** `YYYY-MM-DD HH:MM:SS`, as REDCap's log writes it. */
  readonly requested: string;
}

export type TokenEventKind =
  | 'learner-added'
  | 'rights-granted'
  | 'rights-removed'
  | 'requested'
  | 'approved'
  | 'regenerated'
  | 'deleted';

/** What happened to whose token, in order. */
export interface TokenEvent {
  readonly kind: TokenEventKind;
  readonly project: string;
  readonly username: string;
  readonly at: string;
}

/** What the user's API page shows. */
export type ApiPageState =
  | { readonly kind: 'no-rights' }
  | { readonly kind: 'none' }
  | { readonly kind: 'pending'; readonly requested: string }
  | { readonly kind: 'token'; readonly token: string };

export type TokenOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** A project user and where their token stands, for the administrator's view (no token). */
export interface TokenHolder {
  readonly username: string;
  readonly apiRights: boolean;
  readonly hasToken: boolean;
  readonly role: string;
}

export const TOKEN_OPS = [
  'add-learner',
  'grant-api',
  'remove-api',
  'request',
  'approve',
  'regenerate',
  'delete',
] as const;
export type TokenOp = (typeof TOKEN_OPS)[number];

export function isTokenOp(value: unknown): value is TokenOp {
  return typeof value === 'string' && (TOKEN_OPS as readonly string[]).includes(value);
}

export interface TokenAction {
  readonly op: TokenOp;
  readonly project: string;
  readonly username: string;
}

export interface WorkshopSnapshot {
  /** Whose API page `page` is. */
  readonly project: string;
  readonly username: string;
  readonly page: ApiPageState;
  /** The administrator's view: requests waiting, every project's. */
  readonly pending: readonly TokenRequest[];
  /** The project's users and where their tokens stand. */
  readonly holders: readonly TokenHolder[];
  /** What happened to tokens, oldest first. */
  readonly events: readonly TokenEvent[];
  /** The failure switch, and every failure served so far. */
  readonly failure: FailureSetting | null;
  readonly failures: readonly FailureEvent[];
}

export interface WorkshopAnswer {
  readonly snapshot: WorkshopSnapshot;
  /** The step's outcome (REDCap's words when it refused); null for a plain look. */
  readonly outcome: TokenOutcome | null;
}

/** The username the API page's "new project user" gets. */
export const LEARNER = 'learner';

/** REDCap's own words (LanguageUpdater/English.ini of REDCap 15.7.6, key in brackets). */
export const API_PAGE_TEXT = {
  /** edit_project_87 (markup removed) */
  tokenNotice:
    'The API token below is ONLY for you and will work ONLY with this project. This token allows special access to REDCap data and should NOT be shared with others. If you think your token has been compromised, then please contact your REDCap administrator immediately AND either delete or regenerate your token by using the buttons below.',
  /** edit_project_88 */
  requestNotice:
    'Use the button below to request an API token for this project from your REDCap administrator. You will need a different token for each project you would like to access. Please note that your REDCap administrator is emailed every time a token is requested.',
  /** edit_project_90 */
  requestSent:
    'Your API token request was successfully sent to a REDCap administrator. You will receive an email notification when they have approved your request. Thank you!',
  /** edit_project_179 */
  pending: 'Request pending',
  /** edit_project_117 */
  deleteAdvice:
    'Finished using the API for this project? If so, please delete your token for security reasons.',
  /** edit_project_119 */
  regenerateAdvice:
    'Think someone else knows your token? If so, please regenerate your token for security reasons.',
  /** edit_project_112 (markup removed) */
  deleteConfirm:
    'Are you sure you want to delete your API token for this project? This will remove your API access to this project and you will need to request a new API token in order to reinstate access.',
  /** edit_project_114 (markup removed) */
  regenerateConfirm:
    'Are you sure you want to regenerate your API token for this project? Your existing API token will be deactivated and you will need to use the new token for API access.',
  /** edit_project_99 */
  deleted: 'API token deletion succeeded!',
  /** edit_project_101 */
  regenerated:
    'API token regeneration succeeded! You will now see your new token displayed on this page.',
  /** control_center_263 (the e-mail to the user), followed by the project's title */
  approvedMail: 'An API token has been created for you for project',
  /**
   * REDCap hides the API link from a user without API rights (`project_api.php` redirects);
   * the mock says why instead (api_docs_006's advice, in short).
   */
  noRights:
    "You need the 'API' user right on this project (API Export and/or API Import/Update) before you can request a token: someone with User Rights access on the project grants it. Each project needs its own token.",
  /** The FAQ's advice, shown at every step (shared/token-faq.md). */
  secret:
    'A token is back-door access to the project’s data with your user rights: never share it, keep it where only you can read it (not in code you share, not in e-mail), and treat a leaked token as compromised: regenerate it.',
} as const;
