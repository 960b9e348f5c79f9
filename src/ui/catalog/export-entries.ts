import type { MethodDefinition } from '../../lib/methods/define-method.ts';
import { METHODS } from '../../lib/methods/index.ts';

/**
 * What the Export menu offers: one entry per download. Each builds its file only when chosen,
 * from modules loaded then (the OpenAPI generator and the mock's recorded answers are not part
 * of the page's first load). Other formats add their entries here.
 */
export interface ExportEntry {
  readonly id: string;
  readonly label: string;
  readonly fileName: string;
  readonly mediaType: string;
  build(): Promise<string>;
}

async function openApi(methods: readonly MethodDefinition[]): Promise<string> {
  const [{ buildOpenApi }, recording] = await Promise.all([
    import('../../lib/openapi/document.ts'),
    import('../../lib/openapi/recording.json'),
  ]);
  return `${JSON.stringify(buildOpenApi(methods, recording.default), null, 2)}\n`;
}

export function exportEntries(method: MethodDefinition): ExportEntry[] {
  return [
    {
      id: 'openapi-catalog',
      label: 'Whole catalog as OpenAPI 3.1',
      fileName: 'redcap-api.openapi.json',
      mediaType: 'application/json',
      build: () => openApi(METHODS),
    },
    {
      id: 'openapi-method',
      label: 'This method as OpenAPI 3.1',
      fileName: `redcap-${method.id}.openapi.json`,
      mediaType: 'application/json',
      build: () => openApi([method]),
    },
  ];
}
