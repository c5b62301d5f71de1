/**
 * Bin edges and per-bin sums for reliability curves, ECE and the Murphy decomposition, with
 * scikit-learn's `calibration_curve` conventions: uniform edges `numpy.linspace(0, 1, bins + 1)`,
 * quantile edges `numpy.percentile(p, numpy.linspace(0, 1, bins + 1) * 100)` (linear
 * interpolation), bin = `numpy.searchsorted(edges[1:-1], p, side='left')`.
 */
import { orderByScore } from "../../stats/order.js";
import { valuesAtRanks } from "../../stats/select.js";
import { addCompensated } from "../../stats/summation.js";
import type { ProbabilityColumns } from "./validate.js";

/** How bin edges are chosen: equal width on [0, 1], or equal mass (quantiles of the scores). */
export type BinStrategy = "uniform" | "quantile";

/** `numpy.linspace(0, 1, bins + 1)`, reproduced operation by operation (k · (1 / bins), last = 1). */
export function uniformEdges(bins: number): Float64Array {
  const edges = new Float64Array(bins + 1);
  const step = 1 / bins;
  for (let k = 0; k < bins; k++) edges[k] = k * step;
  edges[bins] = 1;
  return edges;
}

/**
 * numpy's `_lerp`: `a + (b − a)·t`, computed from the upper end when `t ≥ 0.5` so that the result
 * is monotone and exact at both ends.
 */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * {@link quantileEdges} without weights, from the order statistics it interpolates between
 * ({@link valuesAtRanks}) instead of a sort of every score. With unit weights the cumulative
 * weight of the k-th smallest score is k + 1, so the value at virtual position j is the j-th
 * smallest (for fewer than 10⁹ rows, where the rounding slack of 10⁻⁹ per row stays below one);
 * the edges are the same to the bit.
 */
function unweightedQuantileEdges(score: Float64Array, bins: number): Float64Array {
  const m = score.length;
  const linear = uniformEdges(bins);
  const virtual = new Float64Array(bins + 1);
  const ranks: number[] = [];
  for (let k = 0; k <= bins; k++) {
    virtual[k] = (m - 1) * ((linear[k]! * 100) / 100);
    const previous = Math.floor(virtual[k]!);
    if (virtual[k]! >= m - 1) ranks.push(m - 1);
    else ranks.push(previous, previous + 1);
  }
  const values = valuesAtRanks(score, ranks);
  const edges = new Float64Array(bins + 1);
  for (let k = 0, i = 0; k <= bins; k++) {
    if (virtual[k]! >= m - 1) edges[k] = values[i++]!;
    else {
      const gamma = virtual[k]! - Math.floor(virtual[k]!);
      edges[k] = lerp(values[i]!, values[i + 1]!, gamma);
      i += 2;
    }
  }
  return edges;
}

/**
 * Quantile edges: `numpy.percentile(score, numpy.linspace(0, 1, bins + 1) * 100)` with linear
 * interpolation. With weights, the percentile of the rows repeated by their weight (exact for
 * integer weights; zero-weight rows take no part), so integer weights equal duplicated rows.
 * `scale` multiplies every weight first (`weightScale` makes the edges scale-invariant).
 */
export function quantileEdges(
  score: Float64Array,
  bins: number,
  weight: Float64Array | undefined,
  scale = 1,
): Float64Array {
  if (weight === undefined && score.length > 0 && score.length < 1e9) {
    return unweightedQuantileEdges(score, bins);
  }
  let sorted: Float64Array;
  let cumulative: Float64Array;
  let total = 0;
  if (weight === undefined) {
    // Unweighted, only the sorted values matter: one native sort, no index order.
    sorted = Float64Array.from(score).sort();
    cumulative = new Float64Array(sorted.length);
    for (let k = 0; k < sorted.length; k++) cumulative[k] = ++total;
  } else {
    // Ascending, ties in row order (so the cumulative weights add in row order), rows of
    // positive weight only.
    const order = orderByScore(score);
    let m = 0;
    for (let k = 0; k < order.length; k++) if (weight[order[k]!]! > 0) order[m++] = order[k]!;
    sorted = new Float64Array(m);
    cumulative = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const i = order[k]!;
      sorted[k] = score[i]!;
      total += weight[i]! * scale;
      cumulative[k] = total;
    }
  }
  const m = sorted.length;
  // Value at position j of the rows repeated by weight: the first row whose cumulative weight
  // exceeds j (the last row past the end). A cumulative weight within rounding of j counts as
  // equal, so that rescaled weights (0.001 · w, or w · m/W) find the same row as w itself.
  const slack = 1e-9 * Math.max(1, total);
  // Rescaled weights sum to an integer up to rounding; snap it, so the virtual index (and with
  // it the interpolation) is the same as for the unscaled weights.
  if (Math.abs(total - Math.round(total)) <= slack) total = Math.round(total);
  const at = (j: number): number => {
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > j + slack) hi = mid;
      else lo = mid + 1;
    }
    return sorted[lo]!;
  };
  const linear = uniformEdges(bins);
  const edges = new Float64Array(bins + 1);
  for (let k = 0; k <= bins; k++) {
    const q = (linear[k]! * 100) / 100;
    const virtual = (total - 1) * q;
    const previous = Math.floor(virtual);
    const gamma = virtual - previous;
    if (virtual >= total - 1) edges[k] = sorted[m - 1]!;
    else if (virtual < 0) edges[k] = sorted[0]!;
    else edges[k] = lerp(at(previous), at(previous + 1), gamma);
  }
  return edges;
}

/** Edges for a strategy. */
export function binEdges(
  score: Float64Array,
  bins: number,
  strategy: BinStrategy,
  weight: Float64Array | undefined,
  scale = 1,
): Float64Array {
  return strategy === "uniform" ? uniformEdges(bins) : quantileEdges(score, bins, weight, scale);
}

/** `numpy.searchsorted(edges[1:-1], p, side='left')`: the number of inner edges strictly below p. */
export function binOf(edges: Float64Array, p: number): number {
  let lo = 1;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < p) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Per-bin sums over rows (weighted sums compensated by Neumaier's method). */
export interface BinSums {
  /** Rows per bin (unweighted). */
  readonly count: Float64Array;
  /** Σw per bin (equals `count` without weights). */
  readonly weight: Float64Array;
  /** Σw·y per bin. */
  readonly sumY: Float64Array;
  /** Σw·p per bin. */
  readonly sumP: Float64Array;
}

/** One pass over the rows filling the per-bin sums for the given edges. Cost O(n log bins). */
export function binSums(
  label: Uint8Array,
  score: Float64Array,
  weight: Float64Array | undefined,
  edges: Float64Array,
): BinSums {
  const bins = edges.length - 1;
  const count = new Float64Array(bins);
  const sums = [new Float64Array(bins), new Float64Array(bins), new Float64Array(bins)] as const;
  const comps = [new Float64Array(bins), new Float64Array(bins), new Float64Array(bins)] as const;
  for (let i = 0; i < score.length; i++) {
    const p = score[i]!;
    const w = weight === undefined ? 1 : weight[i]!;
    const b = binOf(edges, p);
    count[b]! += 1;
    addCompensated(sums[0], comps[0], b, w);
    if (label[i] === 1) addCompensated(sums[1], comps[1], b, w);
    addCompensated(sums[2], comps[2], b, w * p);
  }
  for (let k = 0; k < 3; k++) {
    const s = sums[k]!;
    const c = comps[k]!;
    for (let b = 0; b < bins; b++) s[b]! += c[b]!;
  }
  return { count, weight: sums[0], sumY: sums[1], sumP: sums[2] };
}

/** The edges of one binning and the rows' sums in its bins. */
export interface Binned {
  readonly edges: Float64Array;
  readonly sums: BinSums;
}

/**
 * Binnings of one set of rows, each computed once: the curve, ECE, MCE, the Brier decomposition
 * and Hosmer–Lemeshow of one summary share their (strategy, bins) binnings instead of sorting
 * and summing the rows again. Uniform edges do not depend on `scale`.
 */
export class BinningCache {
  readonly #memo = new Map<string, Binned>();
  constructor(readonly columns: ProbabilityColumns) {}

  get(bins: number, strategy: BinStrategy, scale: number): Binned {
    const key = strategy === "uniform" ? `u${bins}` : `q${bins}:${scale}`;
    let binned = this.#memo.get(key);
    if (binned === undefined) {
      binned = binColumns(this.columns, bins, strategy, scale);
      this.#memo.set(key, binned);
    }
    return binned;
  }
}

/** Edges and sums of `c` for a binning, from `cache` when given (it must hold `c`). */
export function binColumns(
  c: ProbabilityColumns,
  bins: number,
  strategy: BinStrategy,
  scale: number,
  cache?: BinningCache,
): Binned {
  if (cache !== undefined) return cache.get(bins, strategy, scale);
  const edges = binEdges(c.score, bins, strategy, c.weight, scale);
  return { edges, sums: binSums(c.label, c.score, c.weight, edges) };
}
