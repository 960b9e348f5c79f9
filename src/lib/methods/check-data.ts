import { CsvError, readCsv } from '../csv/csv.ts';
import { locateJsonError } from '../json/locate-error.ts';
import { readXml, XmlError } from '../xml/xml.ts';

export type DataFormat = 'json' | 'csv' | 'xml';

/** Methods whose JSON `data` may be one object instead of a list (project settings). */
const ONE_OBJECT_METHODS: ReadonlySet<string> = new Set(['imp_proj', 'imp_proj_sett']);

/** What REDCap says of JSON that is not a list of rows, in plain words; null when it is one. */
function jsonShapeProblem(value: unknown, oneObjectAllowed: boolean): string | null {
  const isRow = (item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item);
  if (Array.isArray(value)) {
    const at = value.findIndex((item) => !isRow(item));
    return at < 0
      ? null
      : `is a JSON array, but item ${at + 1} is not an object: REDCap expects every item to be one row, as in [{"record_id":"1","age":"30"}].`;
  }
  if (isRow(value)) {
    return oneObjectAllowed
      ? null
      : 'is one JSON object, but REDCap expects an array of rows: wrap it in [ ], as in [{"record_id":"1","age":"30"}]. REDCap answers “The JSON must be in an array, as in [{ ... }].”';
  }
  return 'is a single JSON value, but REDCap expects an array of rows, as in [{"record_id":"1","age":"30"}].';
}

/**
 * A message when `data` does not parse as the format REDCap will read it in (format, or xml
 * when format is not sent), or, in JSON, is not the list of rows REDCap reads; null when fine.
 * `methodId` tells which methods take one object (project settings).
 */
export function checkData(format: DataFormat, text: string, methodId = ''): string | null {
  if (format === 'json') {
    const problem = locateJsonError(text);
    if (problem)
      return `is not valid JSON (line ${problem.line}, column ${problem.column}): ${problem.message}`;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return null; // what the locator accepts, REDCap's decoder reads: nothing more to say
    }
    return jsonShapeProblem(value, ONE_OBJECT_METHODS.has(methodId));
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
