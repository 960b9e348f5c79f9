/**
 * A tabular response as the Table view and the parse worker exchange it: column names and rows
 * of cells as text (REDCap sends every value as a string; numbers in JSON are stringified).
 * Rows are arrays, not objects, so 100,000 rows stay compact and cheap to move between threads.
 */
export interface TableData {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}
