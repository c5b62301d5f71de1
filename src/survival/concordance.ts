/**
 * Concordance of risk predictions with censored event times, between every pair of groups, in
 * one pass: Harrell's C (Harrell et al., JAMA 247:2543–2546, 1982) and Uno's inverse probability
 * of censoring weighted C at a horizon (Uno et al., Stat Med 30:1105–1117, 2011).
 */
import { kaplanMeierSorted, survivalBefore } from "./kaplanMeier.js";

/** Weighted pair counts by (group of the earlier event, group of the later row), k × k. */
export interface ConcordanceCounts {
  /** Number of groups. */
  readonly k: number;
  /** Comparable pairs where the earlier event has the higher risk. */
  readonly concordant: Float64Array;
  /** Comparable pairs with equal risks. */
  readonly tied: Float64Array;
  /** Comparable pairs. */
  readonly comparable: Float64Array;
  /** As `concordant`, each pair weighted by G(t_i−)⁻² and only events before the horizon. */
  readonly unoConcordant: Float64Array;
  /** As `tied`, IPCW-weighted. */
  readonly unoTied: Float64Array;
  /** As `comparable`, IPCW-weighted. */
  readonly unoComparable: Float64Array;
}

/** Ranks of values (0 for the smallest; equal values share a rank) and the number of ranks. */
export function denseRanks(values: Float64Array): { rank: Uint32Array; size: number } {
  const order = Array.from(values.keys()).sort((a, b) => values[a]! - values[b]!);
  const rank = new Uint32Array(values.length);
  let size = 0;
  order.forEach((r, i) => {
    if (i > 0 && values[r] !== values[order[i - 1]!]) size++;
    rank[r] = size;
  });
  return { rank, size: values.length === 0 ? 0 : size + 1 };
}

/**
 * Pair counts for concordance. A pair (i, j) is comparable when i has an event and
 * t_i < t_j, or t_i = t_j and j is censored; it is concordant when risk_i > risk_j and tied when
 * the risks are equal. Each pair counts w_i · w_j (weights are sample weights or bootstrap
 * multiplicities). Uno's counts keep events with t_i < horizon and weight the pair by
 * G(t_i−)⁻², G the Kaplan–Meier estimate of the censoring distribution from the same weights.
 *
 * Cost: O(n log n + n · k · log r) for r distinct risks (one Fenwick tree per group).
 *
 * @param order - rows sorted by time ascending
 */
export function concordanceCounts(
  time: Float64Array,
  event: Uint8Array,
  ranks: { rank: Uint32Array; size: number },
  group: Uint32Array,
  k: number,
  weight: Float64Array,
  order: Uint32Array,
  horizon: number,
): ConcordanceCounts {
  const { rank, size } = ranks;
  const censoring = kaplanMeierSorted(time, event, weight, order, true);
  const trees = new Float64Array(k * (size + 1));
  const totals = new Float64Array(k);
  const add = (g: number, r: number, w: number) => {
    const base = g * (size + 1);
    for (let i = r + 1; i <= size; i += i & -i) trees[base + i]! += w;
    totals[g]! += w;
  };
  // Σ weights of group g's rows with rank < r.
  const below = (g: number, r: number) => {
    const base = g * (size + 1);
    let s = 0;
    for (let i = r; i > 0; i -= i & -i) s += trees[base + i] as number;
    return s;
  };
  const cells = k * k;
  const counts = {
    k,
    concordant: new Float64Array(cells),
    tied: new Float64Array(cells),
    comparable: new Float64Array(cells),
    unoConcordant: new Float64Array(cells),
    unoTied: new Float64Array(cells),
    unoComparable: new Float64Array(cells),
  };
  let end = order.length;
  while (end > 0) {
    const t = time[order[end - 1] as number] as number;
    let start = end - 1;
    while (start > 0 && time[order[start - 1] as number] === t) start--;
    for (let p = start; p < end; p++) {
      const r = order[p] as number;
      if (event[r] === 0 && weight[r]! > 0) add(group[r] as number, rank[r] as number, weight[r]!);
    }
    const ipcw = t < horizon ? survivalBefore(censoring, t) ** -2 : 0;
    for (let p = start; p < end; p++) {
      const i = order[p] as number;
      const wi = weight[i] as number;
      if (event[i] === 0 || wi === 0) continue;
      const a = group[i] as number;
      const ri = rank[i] as number;
      for (let b = 0; b < k; b++) {
        const lower = below(b, ri);
        const equal = below(b, ri + 1) - lower;
        const cell = a * k + b;
        counts.concordant[cell]! += wi * lower;
        counts.tied[cell]! += wi * equal;
        counts.comparable[cell]! += wi * (totals[b] as number);
        if (ipcw > 0) {
          counts.unoConcordant[cell]! += ipcw * wi * lower;
          counts.unoTied[cell]! += ipcw * wi * equal;
          counts.unoComparable[cell]! += ipcw * wi * (totals[b] as number);
        }
      }
    }
    for (let p = start; p < end; p++) {
      const r = order[p] as number;
      if (event[r] === 1 && weight[r]! > 0) add(group[r] as number, rank[r] as number, weight[r]!);
    }
    end = start;
  }
  return counts;
}

/** (concordant + tied / 2) / comparable over the cells selected by `cells` (NaN when none). */
export function concordanceOf(
  concordant: Float64Array,
  tied: Float64Array,
  comparable: Float64Array,
  cells: readonly number[],
): number {
  let c = 0;
  let t = 0;
  let n = 0;
  for (const cell of cells) {
    c += concordant[cell] as number;
    t += tied[cell] as number;
    n += comparable[cell] as number;
  }
  return n > 0 ? (c + t / 2) / n : Number.NaN;
}
