import type { LogRow, MockRedcapData, ProjectData, ProjectUser } from './types.ts';

/** Who a token belongs to. */
/** A project listed from the start but built on its token's first use (the large fixtures). */
export interface LazyProject {
  readonly slug: string;
  readonly title: string;
  readonly username: string;
  /** 32 uppercase hex characters. */
  readonly token: string;
  build(): ProjectData;
}

export type Session =
  | { readonly kind: 'project'; readonly project: ProjectData; readonly user: ProjectUser }
  | { readonly kind: 'super'; readonly username: string };

export type Authentication =
  | { readonly ok: true; readonly session: Session }
  | { readonly ok: false; readonly status: 403; readonly message: string };

export const NO_API_PERMISSION = 'You do not have permissions to use the API';

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:MM:SS` in the server's local time, as REDCap's log stores it. */
export function formatTimestamp(date: Date): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

export function formatDate(date: Date): string {
  return formatTimestamp(date).slice(0, 10);
}

/**
 * The mock's state: a deep copy of a seed that `reset()` restores. Everything in it is plain
 * data, so tests and later features can read and change it directly.
 */
export class MockStore {
  readonly #seed: MockRedcapData;
  readonly #now: () => Date;
  readonly #lazy: readonly LazyProject[];
  data: MockRedcapData;

  /** `lazy`: projects built on their token's first use (and again after a reset). */
  constructor(
    seed: MockRedcapData,
    now: () => Date = () => new Date(),
    lazy: readonly LazyProject[] = [],
  ) {
    this.#seed = structuredClone(seed);
    this.#now = now;
    this.#lazy = lazy;
    this.data = structuredClone(seed);
  }

  /** The lazy projects not built yet (their tokens are listed all the same). */
  unbuilt(): LazyProject[] {
    return this.#lazy.filter((l) => !this.project(l.slug));
  }

  reset(): void {
    this.data = structuredClone(this.#seed);
  }

  /** Makes a project of `data` part of the seed as it is now (a loaded one): a reset keeps it. */
  adopt(project: ProjectData): void {
    this.#seed.projects.push(structuredClone(project));
  }

  now(): Date {
    return this.#now();
  }

  get version(): string {
    return this.data.version;
  }

  get projects(): readonly ProjectData[] {
    return this.data.projects;
  }

  project(slug: string): ProjectData | undefined {
    return this.data.projects.find((p) => p.slug === slug);
  }

  /**
   * Token check (§1.5): present, alphanumeric, and known; else 403. Tokens compare without
   * regard to case (REDCap's token column is case-insensitive in MySQL). An expired user
   * gets REDCap's expiry message.
   */
  authenticate(token: string | undefined): Authentication {
    const denied = { ok: false, status: 403, message: NO_API_PERMISSION } as const;
    if (!token || !/^[A-Za-z0-9]+$/.test(token)) return denied;
    const wanted = token.toUpperCase();
    if (wanted.length === 64) {
      const superUser = this.data.superTokens.find((s) => s.token.toUpperCase() === wanted);
      return superUser
        ? { ok: true, session: { kind: 'super', username: superUser.username } }
        : denied;
    }
    if (wanted.length !== 32) return denied;
    const lazy = this.unbuilt().find((l) => l.token.toUpperCase() === wanted);
    if (lazy) this.data.projects.push(lazy.build());
    for (const project of this.data.projects) {
      const user = project.users.find((u) => u.token.toUpperCase() === wanted);
      if (!user) continue;
      const today = formatDate(this.now());
      if (user.expiration !== '' && user.expiration <= today) {
        return {
          ok: false,
          status: 403,
          message: `You do not have API rights because your privileges have expired for this project as of ${user.expiration}.`,
        };
      }
      return { ok: true, session: { kind: 'project', project, user } };
    }
    return denied;
  }

  appendLog(project: ProjectData, row: Omit<LogRow, 'timestamp'>): void {
    project.log.push({ timestamp: formatTimestamp(this.now()), ...row });
  }
}
