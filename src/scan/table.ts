/**
 * The scan's sufficient statistics: rows compressed into cells, one per distinct combination of
 * search-feature levels and expectation, each with its row count and outcome sum. Every score the
 * scan computes reads cells, never rows.
 */
import type { EncodedFeatures } from "./features.js";

/** Rows compressed into cells (see the module comment). */
export interface ScanTable {
  readonly features: EncodedFeatures;
  /** Each feature's level code per cell. */
  readonly cellCodes: readonly Uint32Array[];
  /** Rows per cell. */
  readonly cellRows: Float64Array;
  /** Total rows. */
  readonly rows: number;
  /** The expectation shared by the cell's rows. */
  readonly cellExpectation: Float64Array;
  /** The cell of each row; undefined when the table was built from cells (SQL aggregates). */
  readonly rowCell: Uint32Array | undefined;
}

/**
 * Groups rows by (levels of every feature, expectation). Cost O(n · features) with one hash
 * lookup per row.
 */
export function buildScanTable(features: EncodedFeatures, expectations: Float64Array): ScanTable {
  const n = expectations.length;
  const f = features.names.length;
  const index = new Map<string, number>();
  const rowCell = new Uint32Array(n);
  const firstRow: number[] = [];
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    let key = String(expectations[i]);
    for (let j = 0; j < f; j++) key += `,${features.codes[j]![i]}`;
    let cell = index.get(key);
    if (cell === undefined) {
      cell = firstRow.length;
      index.set(key, cell);
      firstRow.push(i);
      rows.push(0);
    }
    rows[cell]! += 1;
    rowCell[i] = cell;
  }
  const cells = firstRow.length;
  const cellCodes = features.codes.map((codes) => {
    const out = new Uint32Array(cells);
    for (let c = 0; c < cells; c++) out[c] = codes[firstRow[c]!]!;
    return out;
  });
  const cellExpectation = new Float64Array(cells);
  for (let c = 0; c < cells; c++) cellExpectation[c] = expectations[firstRow[c]!]!;
  return {
    features,
    cellCodes,
    cellRows: Float64Array.from(rows),
    rows: n,
    cellExpectation,
    rowCell,
  };
}

/** The outcome sum of each cell (of a table built from rows). */
export function cellOutcomeSums(table: ScanTable, outcomes: ArrayLike<number>): Float64Array {
  const rowCell = table.rowCell!;
  const sums = new Float64Array(table.cellRows.length);
  for (let i = 0; i < outcomes.length; i++) sums[rowCell[i]!]! += outcomes[i]!;
  return sums;
}

/** The cell of a uniformly drawn row index in [0, total rows): rows counted in cell order. */
export function cellOfRowIndex(table: ScanTable, row: number): number {
  if (table.rowCell !== undefined) return table.rowCell[row]!;
  let remaining = row;
  for (let c = 0; c < table.cellRows.length; c++) {
    remaining -= table.cellRows[c]!;
    if (remaining < 0) return c;
  }
  return table.cellRows.length - 1;
}
