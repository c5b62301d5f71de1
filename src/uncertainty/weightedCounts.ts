/**
 * The bootstrap of weighted confusion counts from per-cell summaries instead of resampling rows.
 *
 * Resampling the rows of a group with replacement and summing their weights per cell has this
 * structure: the numbers of rows drawn in the cells are one multinomial draw over the cells (as
 * for unweighted counts), and given those numbers, each cell's weighted sum is the sum of that
 * many draws with replacement from the weights of the cell's rows, independently across cells.
 * This module draws the first step exactly and the second step, cell by cell:
 * - when the cell's weights take at most `MAX_WEIGHT_VALUES` distinct values (reweighing gives
 *   one per cell), by one multinomial draw over the values: exactly the row bootstrap's law;
 * - otherwise, when the count drawn is large enough that the Berry–Esseen bound on the
 *   Kolmogorov distance between the exact law of the sum and the normal with the same mean and
 *   variance is at most `NORMAL_WEIGHT_SUM_TOLERANCE`, by that normal (mean N·mean weight,
 *   variance N·weight variance, N the count drawn);
 * - otherwise by drawing the rows of the cell (exact).
 * So the replicated cell sums always have the row bootstrap's means, variances and covariances;
 * only cells drawn by the normal differ from its law, by at most the stated Kolmogorov distance.
 * References: Efron & Tibshirani (1993), An Introduction to the Bootstrap, ch. 6; I. Shevtsova
 * (2011), "On the absolute constants in the Berry–Esseen type inequalities for identically
 * distributed summands", arXiv:1111.6554 (the constant 0.4748).
 */
import { addCompensated, neumaierSum } from "../stats/summation.js";
import type { CellRows, CountStatistic, ResamplePlan } from "./resample.js";

/**
 * The most distinct weight values in one (group, cell) that are drawn exactly by a multinomial
 * over the values; a cell with more is summarised by its weights' moments.
 */
export const MAX_WEIGHT_VALUES = 64;

/**
 * The largest Berry–Esseen bound, on the Kolmogorov distance between the exact law of a cell's
 * replicated weight sum and its normal approximation, at which the normal is used.
 */
export const NORMAL_WEIGHT_SUM_TOLERANCE = 0.01;

/** Shevtsova's (2011) constant of the Berry–Esseen inequality for identically distributed summands. */
const BERRY_ESSEEN_CONSTANT = 0.4748;

/**
 * How weighted counts were resampled: `weightedMultinomial` when every cell sum was drawn from
 * its exact law, `weightedNormal` when some were drawn from the normal approximation.
 */
export type WeightedResampling = "weightedMultinomial" | "weightedNormal";

/** The summary of the rows of one (group, cell) the replicates are drawn from. */
interface CellPlan {
  /** The distinct weights and how many rows hold each, or undefined (more than the cap). */
  readonly values: Float64Array | undefined;
  readonly valueCounts: Float64Array | undefined;
  /** Mean and standard deviation of the cell's weights. */
  readonly mean: number;
  readonly sd: number;
  /** Smallest count drawn at which the normal is within the tolerance (Infinity: never). */
  readonly normalFrom: number;
}

/**
 * Each cell's plan, from its weighted sum and passes over the rows: the counts (unless given), the distinct
 * weights (up to the cap; stopping once every cell has more), then the central moments of the
 * cells with more distinct weights.
 */
function cellPlans(
  rows: CellRows,
  sums: Float64Array,
  rowCounts: Float64Array | undefined,
): { plans: CellPlan[]; counts: Float64Array } {
  const { cell, group, weight, k } = rows;
  const n = cell.length;
  const cells = 4 * k;
  const count = new Float64Array(cells);
  const seen = Array.from({ length: cells }, () => new Map<number, number>());
  const many = new Uint8Array(cells);
  // Repeats of a cell's previous weight are counted aside and added to its map when it changes.
  const last = new Float64Array(cells).fill(Number.NaN);
  const repeats = new Float64Array(cells);
  const flush = (c: number) => {
    if (repeats[c]! === 0) return;
    const values = seen[c]!;
    values.set(last[c]!, values.get(last[c]!)! + repeats[c]!);
    repeats[c] = 0;
  };
  if (rowCounts !== undefined) count.set(rowCounts);
  else for (let i = 0; i < n; i++) count[4 * group[i]! + cell[i]!]! += 1;
  // Cells not yet known to hold more than the cap of distinct weights: once none is left (soon,
  // for continuous weights), the rest of the rows need not be read for this.
  let open = count.filter((x) => x > 0).length;
  for (let i = 0; i < n && open > 0; i++) {
    const c = 4 * group[i]! + cell[i]!;
    const w = weight[i]!;
    if (many[c]) continue;
    if (w === last[c]) {
      repeats[c]! += 1;
      continue;
    }
    flush(c);
    const values = seen[c]!;
    const times = values.get(w);
    if (times !== undefined) values.set(w, times + 1);
    else if (values.size < MAX_WEIGHT_VALUES) values.set(w, 1);
    else {
      many[c] = 1;
      open -= 1;
    }
    last[c] = w;
  }
  for (let c = 0; c < cells; c++) if (!many[c]) flush(c);
  const mean = count.map((x, c) => (x > 0 ? sums[c]! / x : 0));
  const squares = new Float64Array(cells);
  const cubes = new Float64Array(cells);
  if (many.some((x) => x === 1)) {
    for (let i = 0; i < n; i++) {
      const c = 4 * group[i]! + cell[i]!;
      if (!many[c]) continue;
      const d = Math.abs(weight[i]! - mean[c]!);
      squares[c]! += d * d;
      cubes[c]! += d * d * d;
    }
  }
  const plans = Array.from({ length: cells }, (_, c): CellPlan => {
    if (!many[c]) {
      const values = seen[c]!;
      return {
        values: Float64Array.from(values.keys()),
        valueCounts: Float64Array.from(values.values()),
        mean: mean[c]!,
        sd: 0,
        normalFrom: Number.POSITIVE_INFINITY,
      };
    }
    const sd = Math.sqrt(squares[c]! / count[c]!);
    // Berry–Esseen: sup |F_N − Φ| ≤ C ρ / (σ³ √N), ρ the third absolute central moment.
    const ratio = (BERRY_ESSEEN_CONSTANT * (cubes[c]! / count[c]!)) / (sd * sd * sd);
    const normalFrom = sd > 0 ? Math.ceil((ratio / NORMAL_WEIGHT_SUM_TOLERANCE) ** 2) : 0;
    return { values: undefined, valueCounts: undefined, mean: mean[c]!, sd, normalFrom };
  });
  return { plans, counts: count };
}

/** The weights of the rows of cell c, gathered in one pass. */
function cellWeights(rows: CellRows, c: number, size: number): Float64Array {
  const out = new Float64Array(size);
  let j = 0;
  for (let i = 0; i < rows.cell.length; i++) {
    if (4 * rows.group[i]! + rows.cell[i]! === c) out[j++] = rows.weight[i]!;
  }
  return out;
}

/**
 * Bootstrap replicates of statistics of weighted confusion counts, drawn from per-cell summaries
 * (see the module comment): the same law as resampling the rows (within each group when
 * stratified) and summing their weights per cell, exactly when every cell has at most
 * `MAX_WEIGHT_VALUES` distinct weights, otherwise with cell sums from the normal approximation
 * where its Berry–Esseen bound is at most `NORMAL_WEIGHT_SUM_TOLERANCE`. The cell counts are drawn
 * with the same calls as `multinomialCountReplicates`, so a cell whose rows all share one weight
 * w replicates w times the unweighted count.
 * Cost O(n) to summarise the cells, then O(nBoot · (cells · distinct values + cost of the
 * statistic)) plus the rows drawn in cells too small for the normal.
 *
 * @param sums - the weighted sum of each cell (k × 4, compensated), the cells' totals
 * @param rowCounts - the number of rows of each cell (k × 4), when counted already; otherwise
 *   the rows are counted here
 *
 * @example
 * const rows = {
 *   cell: Uint8Array.of(0, 3, 3, 1), group: new Uint32Array(4), weight: Float64Array.of(2, 1, 1, 2), k: 1,
 * };
 * const plan = { nBoot: 3, rng: randomSource(1), stratified: true };
 * weightedCountReplicates(rows, Float64Array.of(2, 2, 0, 2), (t, out) => { out[0] = t[0]; }, 1, plan)
 *   .resampling; // => "weightedMultinomial"
 */
export function weightedCountReplicates(
  rows: CellRows,
  sums: Float64Array,
  statistic: CountStatistic,
  m: number,
  plan: ResamplePlan,
  rowCounts?: Float64Array,
): { replicates: Float64Array; resampling: WeightedResampling } {
  const { nBoot, rng, stratified } = plan;
  const cells = 4 * rows.k;
  const { plans, counts } = cellPlans(rows, sums, rowCounts);
  // The weights of a cell whose rows are drawn, gathered the first time they are needed.
  const gathered: (Float64Array | undefined)[] = new Array(cells);
  const drawn = new Float64Array(cells);
  const table = new Float64Array(cells);
  const valueDraws = new Float64Array(MAX_WEIGHT_VALUES);
  const parts = new Float64Array(MAX_WEIGHT_VALUES);
  const compensation = new Float64Array(cells);
  const values = new Float64Array(m);
  const out = new Float64Array(m * nBoot);
  const total = rows.cell.length;
  let normal = false;
  for (let b = 0; b < nBoot; b++) {
    if (stratified) {
      for (let g = 0; g < rows.k; g++) {
        const inGroup = counts.subarray(4 * g, 4 * g + 4);
        const size = inGroup[0]! + inGroup[1]! + inGroup[2]! + inGroup[3]!;
        const target = drawn.subarray(4 * g, 4 * g + 4);
        if (size > 0) rng.multinomial(size, inGroup, target);
        else target.fill(0);
      }
    } else if (total > 0) {
      rng.multinomial(total, counts, drawn);
    }
    for (let c = 0; c < cells; c++) {
      const count = drawn[c]!;
      const p = plans[c]!;
      if (count === 0) {
        table[c] = 0;
      } else if (p.values !== undefined && p.values.length === 1) {
        table[c] = count * p.values[0]!;
      } else if (p.values !== undefined) {
        const d = p.values.length;
        rng.multinomial(count, p.valueCounts!, valueDraws);
        for (let j = 0; j < d; j++) parts[j] = valueDraws[j]! * p.values[j]!;
        table[c] = neumaierSum(parts.subarray(0, d));
      } else if (count >= p.normalFrom) {
        normal = true;
        table[c] = count * p.mean + Math.sqrt(count) * p.sd * rng.normal();
      } else {
        const weights = gathered[c] ?? cellWeights(rows, c, counts[c]!);
        gathered[c] = weights;
        table[c] = 0;
        compensation[c] = 0;
        for (let j = 0; j < count; j++) {
          addCompensated(table, compensation, c, weights[rng.integer(0, weights.length - 1)]!);
        }
        table[c]! += compensation[c]!;
      }
    }
    statistic(table, values);
    for (let s = 0; s < m; s++) out[s * nBoot + b] = values[s] as number;
  }
  return { replicates: out, resampling: normal ? "weightedNormal" : "weightedMultinomial" };
}
