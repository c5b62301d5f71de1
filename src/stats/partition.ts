/**
 * Rows grouped contiguously (a counting sort by group code), for metrics that need each group's
 * rows: ranking metrics, probabilistic metrics and user metric functions.
 */

/** `rows.subarray(offsets[g], offsets[g + 1])` are the rows of group g, in input order. */
export interface Partition {
  readonly offsets: Uint32Array;
  readonly rows: Uint32Array;
}

/**
 * Stable counting sort of row indices by group code.
 *
 * Cost: O(n + groups).
 *
 * @example
 * partitionRows(Uint32Array.of(1, 0, 1), 2).rows; // => Uint32Array [1, 0, 2]
 */
export function partitionRows(groupCode: Uint32Array, groups: number): Partition {
  const offsets = new Uint32Array(groups + 1);
  for (let r = 0; r < groupCode.length; r++) offsets[groupCode[r]! + 1]! += 1;
  for (let g = 0; g < groups; g++) offsets[g + 1]! += offsets[g]!;
  const next = offsets.slice(0, groups);
  const rows = new Uint32Array(groupCode.length);
  for (let r = 0; r < groupCode.length; r++) rows[next[groupCode[r]!]!++] = r;
  return { offsets, rows };
}

/** Copies `values` at `rows` into a new array of the same type. */
export function take<T extends Float64Array | Uint8Array>(values: T, rows: Uint32Array): T {
  const out = new (values.constructor as new (n: number) => T)(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]!]!;
  return out;
}
