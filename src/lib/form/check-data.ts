import { CsvError, readCsv } from '../csv/csv.ts';
import { locateJsonError } from '../json/locate-error.ts';
import { readXml, XmlError } from '../xml/xml.ts';

export type DataFormat = 'json' | 'csv' | 'xml';

/**
 * A message when `data` does not parse as the format REDCap will read it in (format, or xml
 * when format is not sent); null when it does.
 */
export function checkData(format: DataFormat, text: string): string | null {
  if (format === 'json') {
    const problem = locateJsonError(text);
    return problem
      ? `is not valid JSON (line ${problem.line}, column ${problem.column}): ${problem.message}`
      : null;
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
