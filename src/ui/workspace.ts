/**
 * The workspace (form, Execute, answer, snippets) is its own chunk, loaded right after the page
 * shows the method list: the list is usable before it arrives (issue #22). Once loaded, the
 * module is returned as it is, not as a promise, so a later render is synchronous.
 */
type WorkspaceModule = typeof import('./Workspace.svelte');

let loaded: WorkspaceModule | null = null;

export function loadWorkspace(): WorkspaceModule | Promise<WorkspaceModule> {
  return loaded ?? import('./Workspace.svelte').then((module) => (loaded = module));
}
