/**
 * Reweighing kernel (Kamiran & Calders 2012) on encoded columns: class codes, group codes and
 * optional weights. No validation here; the public `reweighing` validates once at the boundary.
 */
import { addCompensated, neumaierSum } from "../stats/summation.js";

/** Weighted and unweighted cell totals and the reweighing factor of every (group, class) cell. */
export interface ReweighingCells {
  readonly groups: number;
  readonly classes: number;
  /** Rows per cell, at index `group * classes + cls`. */
  readonly count: Float64Array;
  /** Sum of the incoming weights per cell (equal to `count` without weights). */
  readonly weight: Float64Array;
  /** `W(g, c) = n_c · n_g / (n · n_{g,c})` on weighted totals; NaN for an empty cell. */
  readonly factor: Float64Array;
  /** Weighted totals per group, per class, and overall. */
  readonly groupTotal: Float64Array;
  readonly classTotal: Float64Array;
  readonly total: number;
}

/**
 * Computes the cells in one pass over the rows. The factor is evaluated in AIF360's order,
 * `(n_c · n_g) / (n · n_{g,c})`, so that two-group results match `Reweighing` to the last bit.
 */
export function reweighingCells(
  cls: Uint32Array,
  classes: number,
  group: Uint32Array,
  groups: number,
  weight: Float64Array | undefined,
): ReweighingCells {
  const cells = groups * classes;
  const count = new Float64Array(cells);
  const cellWeight = new Float64Array(cells);
  const compensation = new Float64Array(cells);
  for (let i = 0; i < cls.length; i++) {
    const cell = group[i]! * classes + cls[i]!;
    count[cell]! += 1;
    // Compensated per cell: millions of fractional weights would otherwise drift.
    addCompensated(cellWeight, compensation, cell, weight === undefined ? 1 : weight[i]!);
  }
  for (let cell = 0; cell < cells; cell++) cellWeight[cell]! += compensation[cell]!;
  const groupTotal = new Float64Array(groups);
  const groupComp = new Float64Array(groups);
  const classTotal = new Float64Array(classes);
  const classComp = new Float64Array(classes);
  for (let g = 0; g < groups; g++) {
    for (let c = 0; c < classes; c++) {
      const w = cellWeight[g * classes + c]!;
      addCompensated(groupTotal, groupComp, g, w);
      addCompensated(classTotal, classComp, c, w);
    }
  }
  for (let g = 0; g < groups; g++) groupTotal[g]! += groupComp[g]!;
  for (let c = 0; c < classes; c++) classTotal[c]! += classComp[c]!;
  const total = neumaierSum(cellWeight);
  const factor = new Float64Array(cells);
  for (let g = 0; g < groups; g++) {
    for (let c = 0; c < classes; c++) {
      const cell = g * classes + c;
      const w = cellWeight[cell]!;
      factor[cell] = w > 0 ? (classTotal[c]! * groupTotal[g]!) / (total * w) : Number.NaN;
    }
  }
  return { groups, classes, count, weight: cellWeight, factor, groupTotal, classTotal, total };
}

/** New per-row weights: the incoming weight (1 without weights) times its cell's factor. */
export function applyReweighing(
  cells: ReweighingCells,
  cls: Uint32Array,
  group: Uint32Array,
  weight: Float64Array | undefined,
): Float64Array {
  const out = new Float64Array(cls.length);
  for (let i = 0; i < cls.length; i++) {
    const f = cells.factor[group[i]! * cells.classes + cls[i]!]!;
    out[i] = weight === undefined ? f : weight[i]! * f;
  }
  return out;
}
