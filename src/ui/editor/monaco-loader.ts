import type * as MonacoApi from 'monaco-editor/editor/editor.api';

export type Monaco = typeof MonacoApi;

let loading: Promise<Monaco> | undefined;

/**
 * Monaco, loaded once and lazily: nothing of it is in the initial bundle. Workers are bundled
 * locally through Vite's ?worker imports (no CDN, CSP worker-src 'self').
 */
export function loadMonaco(): Promise<Monaco> {
  loading ??= (async () => {
    const [{ default: EditorWorker }, { default: JsonWorker }] = await Promise.all([
      import('monaco-editor/editor/editor.worker?worker'),
      import('monaco-editor/languages/features/json/json.worker?worker'),
    ]);
    self.MonacoEnvironment = {
      getWorker: (_workerId: string, label: string) =>
        label === 'json' ? new JsonWorker() : new EditorWorker(),
    };
    const monaco = await import('monaco-editor/editor/editor.api');
    await Promise.all([
      import('monaco-editor/features/register.all'),
      import('monaco-editor/languages/definitions/register.all'),
      import('monaco-editor/languages/features/json/register'),
    ]);
    return monaco;
  })();
  return loading;
}

export function prefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}
