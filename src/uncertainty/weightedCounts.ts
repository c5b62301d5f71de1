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
  /** The distinct weights and how many rows hold each (values), or undefined (moments). */
  readonly values: Float64Array | undefined;
  readonly valueCounts: Float64Array | undefined;
  /** Mean and standard deviation of the cell's weights. */
  readonly mean: number;
  readonly sd: number;
  /** Smallest count drawn at which the normal is within the tolerance (Infinity: never). */
  readonly normalFrom: number;
  /** The cell's rows' weights are `weights[from..to)`. */
  readonly from: number;
  readonly to: number;
}

/** Distinct values of `w[from..to)` with their multiplicities, or undefined above the cap. */
function distinctValues(
  w: Float64Array,
  from: number,
  to: number,
): { values: Float64Array; valueCounts: Float64Array } | undefined {
  const seen = new Map<number, number>();
  let last = Number.NaN;
  let lastIndex = -1;
  const counts: number[] = [];
  for (let i = from; i < to; i++) {
    const v = w[i] as number;
    if (v === last) {
      counts[lastIndex]! += 1;
      continue;
    }
    let index = seen.get(v);
    if (index === undefined) {
      if (seen.size === MAX_WEIGHT_VALUES) return undefined;
      index = seen.size;
      seen.set(v, index);
      counts.push(0);
    }
    counts[index]! += 1;
    last = v;
    lastIndex = index;
  }
  return { values: Float64Array.from(seen.keys()), valueCounts: Float64Array.from(counts) };
}

/** The plan of one cell: its distinct values, or its moments and the normal's threshold. */
function cellPlan(w: Float64Array, from: number, to: number): CellPlan {
  const distinct = distinctValues(w, from, to);
  const n = to - from;
  const mean = n === 0 ? 0 : neumaierSum(w.subarray(from, to)) / n;
  if (distinct !== undefined) {
    return { ...distinct, mean, sd: 0, normalFrom: Number.POSITIVE_INFINITY, from, to };
  }
  let squares = 0;
  let cubes = 0;
  for (let i = from; i < to; i++) {
    const d = Math.abs((w[i] as number) - mean);
    squares += d * d;
    cubes += d * d * d;
  }
  const sd = Math.sqrt(squares / n);
  // Berry–Esseen: sup |F_N − Φ| ≤ C ρ / (σ³ √N), ρ the third absolute central moment.
  const ratio = (BERRY_ESSEEN_CONSTANT * (cubes / n)) / (sd * sd * sd);
  const normalFrom = sd > 0 ? Math.ceil((ratio / NORMAL_WEIGHT_SUM_TOLERANCE) ** 2) : 0;
  return { values: undefined, valueCounts: undefined, mean, sd, normalFrom, from, to };
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
 * @example
 * const rows = {
 *   cell: Uint8Array.of(0, 3, 3, 1), group: new Uint32Array(4), weight: Float64Array.of(2, 1, 1, 2), k: 1,
 * };
 * const plan = { nBoot: 3, rng: randomSource(1), stratified: true };
 * weightedCountReplicates(rows, (t, out) => { out[0] = t[0] + t[1] + t[2] + t[3]; }, 1, plan)
 *   .resampling; // => "weightedMultinomial"
 */
export function weightedCountReplicates(
  rows: CellRows,
  statistic: CountStatistic,
  m: number,
  plan: ResamplePlan,
): { replicates: Float64Array; resampling: WeightedResampling } {
  const { nBoot, rng, stratified } = plan;
  const { cell, group, weight, k } = rows;
  const n = cell.length;
  const cells = 4 * k;
  // The weights gathered cell by cell (a counting sort on 4·group + cell).
  const counts = new Float64Array(cells);
  for (let i = 0; i < n; i++) counts[4 * group[i]! + cell[i]!]! += 1;
  const start = new Uint32Array(cells + 1);
  for (let c = 0; c < cells; c++) start[c + 1] = start[c]! + counts[c]!;
  const next = start.slice(0, cells);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[next[4 * group[i]! + cell[i]!]!++] = weight[i]!;
  const plans = Array.from({ length: cells }, (_, c) =>
    cellPlan(weights, start[c]!, start[c + 1]!),
  );

  const drawn = new Float64Array(cells);
  const table = new Float64Array(cells);
  const valueDraws = new Float64Array(MAX_WEIGHT_VALUES);
  const parts = new Float64Array(MAX_WEIGHT_VALUES);
  const compensation = new Float64Array(cells);
  const values = new Float64Array(m);
  const out = new Float64Array(m * nBoot);
  const total = n;
  let normal = false;
  for (let b = 0; b < nBoot; b++) {
    if (stratified) {
      for (let g = 0; g < k; g++) {
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
        table[c] = 0;
        compensation[c] = 0;
        for (let j = 0; j < count; j++) {
          addCompensated(table, compensation, c, weights[rng.integer(p.from, p.to - 1)]!);
        }
        table[c]! += compensation[c]!;
      }
    }
    statistic(table, values);
    for (let s = 0; s < m; s++) out[s * nBoot + b] = values[s] as number;
  }
  return { replicates: out, resampling: normal ? "weightedNormal" : "weightedMultinomial" };
}
