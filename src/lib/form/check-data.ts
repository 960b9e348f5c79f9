import { CsvError, readCsv } from '../csv/csv.ts';
import { readXml, XmlError } from '../xml/xml.ts';

export type DataFormat = 'json' | 'csv' | 'xml';

/** Where JSON.parse failed, from V8's "(line L column C)" or "at position N". */
function jsonWhere(message: string, text: string): string {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return `line ${lc[1]}, column ${lc[2]}`;
  const position = /position (\d+)/.exec(message);
  if (!position) return '';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/**
 * A message when `data` does not parse as the format REDCap will read it in (format, or xml
 * when format is not sent); null when it does.
 */
export function checkData(format: DataFormat, text: string): string | null {
  if (format === 'json') {
    try {
      JSON.parse(text);
      return null;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const where = jsonWhere(message, text);
      return `is not valid JSON${where ? ` (${where})` : ''}: ${message.replace(/\s*\(line \d+ column \d+\)/, '')}`;
    }
  }
  if (format === 'csv') {
    try {
      readCsv(text);
      return null;
    } catch (error) {
      if (error instanceof CsvError) return `is not valid CSV: ${error.message}`;
      throw error;
    }
  }
  try {
    readXml(text);
    return null;
  } catch (error) {
    if (error instanceof XmlError) {
      return `is not valid XML: ${error.message}. REDCap reads data as XML when format is not sent.`;
    }
    throw error;
  }
}
