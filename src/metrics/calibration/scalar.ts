/**
 * Scalar calibration measures on validated columns: ECE / MCE on binned sums, the Murphy
 * decomposition of the Brier score, calibration-in-the-large, observed/expected ratio and the
 * generalized (score-based) rates. Kernels: typed arrays in, numbers out, one pass each.
 */

import { addCompensated } from "../../stats/summation.js";
import { brierScore as brierOf } from "../probabilistic.js";
import { type BinningCache, type BinStrategy, binColumns } from "./binning.js";
import type { ProbabilityColumns } from "./validate.js";

/** Compensated sums in slots of one array pair: value of slot i is `sum[i] + comp[i]`. */
class Sums {
  readonly sum: Float64Array;
  readonly comp: Float64Array;
  constructor(slots: number) {
    this.sum = new Float64Array(slots);
    this.comp = new Float64Array(slots);
  }
  add(i: number, x: number): void {
    addCompensated(this.sum, this.comp, i, x);
  }
  value(i: number): number {
    return this.sum[i]! + this.comp[i]!;
  }
}

/** Binned calibration errors. */
export interface BinnedErrors {
  /** Σ_b (W_b / W) · |ȳ_b − p̄_b| over non-empty bins. */
  readonly ece: number;
  /** max_b |ȳ_b − p̄_b| over non-empty bins. */
  readonly mce: number;
}

/**
 * ECE and MCE for a binning (Naeini, Cooper & Hauskrecht 2015); `scale` as in `quantileEdges`;
 * `cache` shares the binning with the other measures of the same rows.
 */
export function binnedErrors(
  c: ProbabilityColumns,
  bins: number,
  strategy: BinStrategy,
  scale = 1,
  cache?: BinningCache,
): BinnedErrors {
  const s = binColumns(c, bins, strategy, scale, cache).sums;
  let total = 0;
  for (let b = 0; b < bins; b++) total += s.weight[b]!;
  let ece = 0;
  let mce = 0;
  for (let b = 0; b < bins; b++) {
    const w = s.weight[b]!;
    if (!(w > 0)) continue;
    const gap = Math.abs(s.sumY[b]! / w - s.sumP[b]! / w);
    ece += (w / total) * gap;
    if (gap > mce) mce = gap;
  }
  return { ece, mce };
}

/** Murphy (1973) decomposition of the Brier score on a binning. */
export interface BrierDecomposition {
  /** Weighted mean of (p − y)². */
  readonly brier: number;
  /** Σ_b (W_b / W) (p̄_b − ȳ_b)²: miscalibration, lower is better. */
  readonly reliability: number;
  /** Σ_b (W_b / W) (ȳ_b − ȳ)²: how far bins are from the base rate, higher is better. */
  readonly resolution: number;
  /** ȳ (1 − ȳ): the Brier score of always predicting the base rate. */
  readonly uncertainty: number;
  /**
   * brier − (reliability − resolution + uncertainty): zero when p is constant within each bin,
   * otherwise the within-bin variance term.
   */
  readonly remainder: number;
}

/** Brier score and its Murphy decomposition on a binning. */
export function brierDecomposition(
  c: ProbabilityColumns,
  bins: number,
  strategy: BinStrategy,
  scale = 1,
  cache?: BinningCache,
): BrierDecomposition {
  const brier = brierScore(c);
  const s = binColumns(c, bins, strategy, scale, cache).sums;
  let total = 0;
  let positives = 0;
  for (let b = 0; b < bins; b++) {
    total += s.weight[b]!;
    positives += s.sumY[b]!;
  }
  const base = positives / total;
  let reliability = 0;
  let resolution = 0;
  for (let b = 0; b < bins; b++) {
    const w = s.weight[b]!;
    if (!(w > 0)) continue;
    const yb = s.sumY[b]! / w;
    const pb = s.sumP[b]! / w;
    reliability += (w / total) * (pb - yb) ** 2;
    resolution += (w / total) * (yb - base) ** 2;
  }
  const uncertainty = base * (1 - base);
  return {
    brier,
    reliability,
    resolution,
    uncertainty,
    remainder: brier - (reliability - resolution + uncertainty),
  };
}

/** Brier score: weighted mean of (p − y)² (scikit-learn `brier_score_loss`). */
export function brierScore(c: ProbabilityColumns): number {
  return brierOf(c.label, c.score, c.weight);
}

/** Σw·y, Σw·p and Σw, compensated. */
export function totals(c: ProbabilityColumns): { weight: number; sumY: number; sumP: number } {
  const s = new Sums(3);
  for (let i = 0; i < c.score.length; i++) {
    const w = c.weight === undefined ? 1 : c.weight[i]!;
    s.add(0, w);
    if (c.label[i] === 1) s.add(1, w);
    s.add(2, w * c.score[i]!);
  }
  return { weight: s.value(0), sumY: s.value(1), sumP: s.value(2) };
}

/** Calibration-in-the-large: mean prediction − observed rate (positive = over-prediction). */
export function calibrationInTheLarge(c: ProbabilityColumns): number {
  const t = totals(c);
  return t.sumP / t.weight - t.sumY / t.weight;
}

/**
 * Observed / expected ratio Σw·y / Σw·p (TFMA's calibration is its inverse, Σp / Σy); NaN when
 * Σw·p = 0 (zero denominator).
 */
export function observedExpectedRatio(c: ProbabilityColumns): number {
  const t = totals(c);
  return t.sumP > 0 ? t.sumY / t.sumP : Number.NaN;
}

/** AIF360's generalized rates: mean score among positives (GTPR) and among negatives (GFPR). */
export interface GeneralizedRates {
  /** Σw·p over y = 1 / Σw over y = 1 (Kleinberg's balance for the positive class). */
  readonly truePositiveRate: number;
  /** Σw·p over y = 0 / Σw over y = 0 (Kleinberg's balance for the negative class). */
  readonly falsePositiveRate: number;
  /** Weighted count of positives. */
  readonly positives: number;
  /** Weighted count of negatives. */
  readonly negatives: number;
}

/** Generalized TPR and FPR; NaN where a class is absent. */
export function generalizedRates(c: ProbabilityColumns): GeneralizedRates {
  // slots: 0 = Σw over y=0, 1 = Σw over y=1, 2 = Σw·p over y=0, 3 = Σw·p over y=1
  const s = new Sums(4);
  for (let i = 0; i < c.score.length; i++) {
    const w = c.weight === undefined ? 1 : c.weight[i]!;
    const y = c.label[i]!;
    s.add(y, w);
    s.add(2 + y, w * c.score[i]!);
  }
  const positives = s.value(1);
  const negatives = s.value(0);
  return {
    truePositiveRate: positives > 0 ? s.value(3) / positives : Number.NaN,
    falsePositiveRate: negatives > 0 ? s.value(2) / negatives : Number.NaN,
    positives,
    negatives,
  };
}
