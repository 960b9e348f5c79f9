/**
 * Rows travel from the table worker, and stay in the page, packed: one JSON string per row
 * instead of an array of cell strings. 100,000 rows × 50 fields are then 100,000 strings, not
 * 5,000,000: cheap to receive (structured clone) and cheap for the garbage collector, whose
 * pauses otherwise become the page's longest tasks.
 */
export function packRow(row: readonly string[]): string {
  return JSON.stringify(row);
}

function unpack(packed: string, width: number): string[] {
  const row = JSON.parse(packed) as string[];
  while (row.length < width) row.push('');
  return row;
}

/**
 * On rows from unpackedRows, the packed strings underneath (the table worker is sent those as
 * they are). Read in view-client.ts: this file is in the entry chunk, so it stays one line.
 */
export const PACKED = Symbol();

/**
 * Packed rows seen as TableData rows (`rows[i][j]`, `length`, `slice`, iteration all work):
 * a row is unpacked when read, padded to `width` (rows read before a later row added a
 * column). Read-only, like TableData.
 */
export function unpackedRows(
  packed: readonly string[],
  width: number,
): readonly (readonly string[])[] {
  return new Proxy(packed as unknown as string[][], {
    get(target, key, receiver) {
      if (key === PACKED) return target;
      if (typeof key === 'string') {
        const index = Number(key);
        if (Number.isInteger(index) && index >= 0 && String(index) === key) {
          const row = (target as unknown as string[])[index];
          return row === undefined ? undefined : unpack(row, width);
        }
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
    set: () => false,
    deleteProperty: () => false,
  });
}
