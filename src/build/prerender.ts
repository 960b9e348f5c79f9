// Build step (issue #22): index.html arrives with the page's first render in it, so the method
// list shows before any script runs and answers clicks as soon as the entry hydrates it.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createServer, type Plugin } from 'vite';

/** Where the prerendered page goes: the app's mount point in index.html. */
export const MOUNT_POINT = '<div id="app"></div>';

/** `html` with `body` inside the mount point; throws if index.html lost its mount point. */
export function insertPrerendered(html: string, body: string): string {
  if (!html.includes(MOUNT_POINT)) throw new Error(`index.html has no ${MOUNT_POINT}`);
  return html.replace(MOUNT_POINT, () => `<div id="app">${body}</div>`);
}

/** Renders src/prerender.ts with Vite's SSR loader (Svelte compiled for the server). */
async function renderApp(root: string): Promise<string> {
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    plugins: [svelte()],
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    const module = (await server.ssrLoadModule('/src/prerender.ts')) as {
      prerenderApp: () => string;
    };
    return module.prerenderApp();
  } finally {
    await server.close();
  }
}

export function prerenderPlugin(): Plugin {
  let root = process.cwd();
  return {
    name: 'playground-prerender',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        return insertPrerendered(html, await renderApp(root));
      },
    },
  };
}
