import type { AccessSummary } from '../../lib/project/user-access.ts';
import type { MockHandle, MockProject } from './mock-handle.ts';

/** The page's base path ('/' or '/playground/'): the mock's address and worker live under it. */
export function basePath(): string {
  return new URL('./', document.baseURI).pathname;
}

export const NO_SERVICE_WORKER =
  'The mock project needs a service worker, and browsers allow those only on https:// pages or on localhost / 127.0.0.1. Open the playground at http://127.0.0.1:4173/ (npm start) or serve it over https.';

/** Starts the in-page mock REDCap; its chunk is loaded only here, by dynamic import. */
export async function startInPageMock(): Promise<MockHandle> {
  if (!window.isSecureContext || !('serviceWorker' in navigator)) {
    throw new Error(NO_SERVICE_WORKER);
  }
  const [{ startBrowserMock }, access] = await Promise.all([
    import('../../../mocks/browser.ts'),
    import('./seeded-access.ts').then((module) => module.seededAccess()),
  ]);
  const mock = await startBrowserMock({ base: basePath() });
  return {
    projects: withAccess(mock.projects, access),
    pendingMethods: mock.pendingMethods,
    reset: () => mock.reset(),
    stop: () => mock.stop(),
    state: {
      kept: mock.kept,
      save: () => mock.saveState(),
      async open(bytes) {
        const opened = await mock.openState(bytes);
        if (!opened.ok) return opened;
        // What each user may do, from the opened data's own rights.
        const projects = withAccess(opened.description.projects, new Map(opened.access));
        return { ok: true, projects };
      },
      keep: (on) => mock.keepState(on),
      status: () => mock.keptState(),
    },
    loader: {
      inspect: (file) => mock.inspectProject(file),
      async load(file, options, onProgress) {
        const answer = await mock.loadProject(file, options, onProgress);
        if (!answer.ok) return answer;
        const project = { ...answer.project, users: answer.users };
        return { ok: true, project, records: answer.records, fake: answer.fake };
      },
    },
    workshop: (project, username, action) => mock.workshop(project, username, action),
    setFailure: (kind, count) => mock.setFailure(kind, count),
    redcapVersion: (version) => mock.redcapVersion(version),
  };
}

/** The chooser's users, each with what it may do when the seed says. */
export function withAccess(
  projects: readonly MockProject[],
  access: ReadonlyMap<string, AccessSummary>,
): MockProject[] {
  return projects.map((project) => ({
    ...project,
    users: project.users.map((user) => {
      const summary = access.get(user.token);
      return summary ? { ...user, access: summary } : user;
    }),
  }));
}
