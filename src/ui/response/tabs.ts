import type { ParsedResponse } from '../../lib/redcap/response.ts';
import type { ResponseTab } from './load.ts';

export interface TabChoice {
  readonly id: ResponseTab;
  readonly label: string;
}

/** Whether an answer can be read as a table: a successful JSON, CSV or XML text. */
export function isTabular(parsed: ParsedResponse): boolean {
  return (
    parsed.ok &&
    parsed.text !== null &&
    (parsed.format === 'json' || parsed.format === 'csv' || parsed.format === 'xml')
  );
}

/** The views an answer offers: a file or an empty body has no Raw or Table view. */
export function tabsFor(parsed: ParsedResponse): readonly TabChoice[] {
  if (parsed.text === null || parsed.text === '')
    return [
      { id: 'pretty', label: parsed.text === null ? 'File' : 'Body' },
      { id: 'headers', label: 'Headers' },
    ];
  return isTabular(parsed)
    ? [
        { id: 'pretty', label: 'Pretty' },
        { id: 'table', label: 'Table' },
        { id: 'raw', label: 'Raw' },
        { id: 'headers', label: 'Headers' },
      ]
    : [
        { id: 'pretty', label: 'Pretty' },
        { id: 'raw', label: 'Raw' },
        { id: 'headers', label: 'Headers' },
      ];
}
