/**
 * Confidence intervals from bootstrap replicates: percentile and bias-corrected and accelerated
 * (BCa). NaN replicates (a rate whose denominator vanished in a replicate) are dropped and counted.
 */
import { normalCdf, normalQuantile } from "../stats/distributions.js";
import { checkLevel } from "./proportion.js";
import {
  quantilePositions,
  quantileSorted,
  selectedWithoutNaN,
  sortedWithoutNaN,
} from "./quantile.js";

/** How a bootstrap interval is read off the replicates. */
export type BootstrapMethod = "percentile" | "bca";

/** One confidence level's bounds. */
export interface LevelBounds {
  /** Confidence level, e.g. 0.95. */
  readonly level: number;
  /** Lower bound (NaN when undefined). */
  readonly lower: number;
  /** Upper bound (NaN when undefined). */
  readonly upper: number;
}

/** A point estimate with its bootstrap intervals (one per level). */
export interface BootstrapEstimate {
  /** The statistic on the original data. */
  readonly estimate: number;
  /** One interval per requested level, in the order requested. */
  readonly intervals: readonly LevelBounds[];
  /** Replicates in which the statistic was NaN (left out of the quantiles). */
  readonly nanReplicates: number;
}

/**
 * Leave-one-out jackknife values of a statistic, each standing for `weights[i]` observations
 * (rows that give the same leave-one-out table share one value).
 */
export interface Jackknife {
  /** The statistic with one row (or one set of identical rows) left out. */
  readonly values: Float64Array;
  /** How many observations each value stands for. */
  readonly weights: Float64Array;
}

/**
 * The BCa acceleration â = Σ w(θ̄ − θᵢ)³ / (6·(Σ w(θ̄ − θᵢ)²)^{3/2}) from weighted jackknife values
 * (Efron & Tibshirani 1993, eq. 14.15); NaN jackknife values are ignored; 0 when they are all
 * equal. Cost O(n).
 */
export function acceleration(jackknife: Jackknife): number {
  const { values, weights } = jackknife;
  let total = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    total += weights[i] as number;
    sum += (weights[i] as number) * v;
  }
  if (!(total > 0)) return 0;
  const mean = sum / total;
  let num = 0;
  let den = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    const d = mean - v;
    num += (weights[i] as number) * d * d * d;
    den += (weights[i] as number) * d * d;
  }
  return den > 0 ? num / (6 * den ** 1.5) : 0;
}

/**
 * Bootstrap intervals of one statistic from its replicates.
 *
 * - `percentile`: [Q(α/2), Q(1 − α/2)] of the replicates (Efron & Tibshirani 1993, ch. 13).
 * - `bca`: the quantiles at α₁ = Φ(ẑ₀ + (ẑ₀ + z_{α/2})/(1 − â(ẑ₀ + z_{α/2}))) and α₂ likewise with
 *   z_{1−α/2}, where ẑ₀ = Φ⁻¹(share of replicates below the estimate, ties counting half) and â the
 *   jackknife acceleration (Efron & Tibshirani 1993, ch. 14; scipy `stats.bootstrap(method='BCa')`).
 *   When every replicate lies on one side of the estimate, ẑ₀ is infinite and the BCa bounds are
 *   NaN (scipy warns and returns NaN too).
 *
 * Quantiles interpolate linearly between order statistics (numpy's default). When every non-NaN
 * replicate is equal the interval is that value. Cost O(B log B) for B replicates.
 *
 * @param replicates - the statistic on each bootstrap replicate (NaN allowed)
 * @param estimate - the statistic on the data
 * @param levels - confidence levels in (0, 1)
 * @param jackknife - required for `bca`
 * @example
 * bootstrapInterval(Float64Array.of(1, 2, 3, 4, 5), 3, [0.5], "percentile").intervals[0].lower; // => 2
 */
export function bootstrapInterval(
  replicates: ArrayLike<number>,
  estimate: number,
  levels: readonly number[],
  method: BootstrapMethod,
  jackknife?: Jackknife,
): BootstrapEstimate {
  for (const level of levels) checkLevel("bootstrapInterval", level);
  // The percentile method reads a few order statistics (selected in linear time); BCa sorts.
  const { sorted, nanCount } =
    method === "percentile"
      ? selectedWithoutNaN(replicates, (m) =>
          levels.flatMap((level) => [
            ...quantilePositions(m, (1 - level) / 2),
            ...quantilePositions(m, 1 - (1 - level) / 2),
          ]),
        )
      : sortedWithoutNaN(replicates);
  const m = sorted.length;
  const nanBounds = (level: number) => ({ level, lower: Number.NaN, upper: Number.NaN });
  if (m === 0) return { estimate, intervals: levels.map(nanBounds), nanReplicates: nanCount };
  if (sorted[0] === sorted[m - 1]) {
    const v = sorted[0] as number;
    return {
      estimate,
      intervals: levels.map((level) => ({ level, lower: v, upper: v })),
      nanReplicates: nanCount,
    };
  }
  if (method === "percentile") {
    const intervals = levels.map((level) => ({
      level,
      lower: quantileSorted(sorted, (1 - level) / 2),
      upper: quantileSorted(sorted, 1 - (1 - level) / 2),
    }));
    return { estimate, intervals, nanReplicates: nanCount };
  }
  if (jackknife === undefined) {
    throw new TypeError("bootstrapInterval: method 'bca' needs jackknife values");
  }
  if (Number.isNaN(estimate)) {
    return { estimate, intervals: levels.map(nanBounds), nanReplicates: nanCount };
  }
  let below = 0;
  let atMost = 0;
  for (let i = 0; i < m; i++) {
    const v = sorted[i] as number;
    if (v < estimate) below += 1;
    if (v <= estimate) atMost += 1;
  }
  const z0 = normalQuantile((below + atMost) / (2 * m));
  if (!Number.isFinite(z0)) {
    return { estimate, intervals: levels.map(nanBounds), nanReplicates: nanCount };
  }
  const a = acceleration(jackknife);
  const adjusted = (z: number) => {
    const num = z0 + z;
    return normalCdf(z0 + num / (1 - a * num));
  };
  const intervals = levels.map((level) => {
    const z = normalQuantile((1 - level) / 2);
    return {
      level,
      lower: quantileSorted(sorted, adjusted(z)),
      upper: quantileSorted(sorted, adjusted(-z)),
    };
  });
  return { estimate, intervals, nanReplicates: nanCount };
}

/** How a bootstrap at one confidence level was made, as results record it. */
export interface BootstrapRecord {
  /** Replicates. */
  readonly nBoot: number;
  /** Seed of the random source. */
  readonly seed: number;
  /** Confidence level. */
  readonly level: number;
  /** The generator (`RANDOM_METHOD`). */
  readonly random: string;
}
