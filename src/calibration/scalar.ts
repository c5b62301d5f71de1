/**
 * Scalar calibration measures on validated columns: ECE / MCE on binned sums, Brier score and
 * its Murphy decomposition, log loss, calibration-in-the-large, observed/expected ratio and the
 * generalized (score-based) rates. Kernels: typed arrays in, numbers out, one pass each.
 */
import { type BinStrategy, binEdges, binSums } from "./binning.js";
import type { ProbabilityColumns } from "./validate.js";

/** Neumaier-compensated running sum. */
class Sum {
  #s = 0;
  #c = 0;
  add(x: number): void {
    const t = this.#s + x;
    this.#c += Math.abs(this.#s) >= Math.abs(x) ? this.#s - t + x : x - t + this.#s;
    this.#s = t;
  }
  get value(): number {
    return this.#s + this.#c;
  }
}

/** Binned calibration errors. */
export interface BinnedErrors {
  /** Σ_b (W_b / W) · |ȳ_b − p̄_b| over non-empty bins. */
  readonly ece: number;
  /** max_b |ȳ_b − p̄_b| over non-empty bins. */
  readonly mce: number;
}

/** ECE and MCE for a binning (Naeini, Cooper & Hauskrecht 2015). */
export function binnedErrors(
  c: ProbabilityColumns,
  bins: number,
  strategy: BinStrategy,
): BinnedErrors {
  const edges = binEdges(c.score, bins, strategy, c.weight);
  const s = binSums(c.label, c.score, c.weight, edges);
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
): BrierDecomposition {
  const brier = brierScore(c);
  const edges = binEdges(c.score, bins, strategy, c.weight);
  const s = binSums(c.label, c.score, c.weight, edges);
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

/** Weighted mean of f(y, p) over the rows; NaN when the total weight is 0. */
function weightedMean(c: ProbabilityColumns, f: (y: number, p: number) => number): number {
  const num = new Sum();
  const den = new Sum();
  for (let i = 0; i < c.score.length; i++) {
    const w = c.weight === undefined ? 1 : c.weight[i]!;
    if (w === 0) continue;
    num.add(w * f(c.label[i]!, c.score[i]!));
    den.add(w);
  }
  return num.value / den.value;
}

/** Brier score: weighted mean of (p − y)² (scikit-learn `brier_score_loss`). */
export function brierScore(c: ProbabilityColumns): number {
  return weightedMean(c, (y, p) => (p - y) ** 2);
}

/**
 * Log loss with scikit-learn's convention: the two columns [1 − p, p] are each clipped to
 * [ε, 1 − ε], ε = float64 machine epsilon, then −(y log p + (1 − y) log(1 − p)).
 */
export function logLoss(c: ProbabilityColumns): number {
  const eps = Number.EPSILON;
  const clip = (x: number) => Math.min(1 - eps, Math.max(eps, x));
  return weightedMean(c, (y, p) => -(y === 1 ? Math.log(clip(p)) : Math.log(clip(1 - p))));
}

/** Σw·y, Σw·p and Σw, compensated. */
export function totals(c: ProbabilityColumns): { weight: number; sumY: number; sumP: number } {
  const w = new Sum();
  const y = new Sum();
  const p = new Sum();
  for (let i = 0; i < c.score.length; i++) {
    const wi = c.weight === undefined ? 1 : c.weight[i]!;
    w.add(wi);
    if (c.label[i] === 1) y.add(wi);
    p.add(wi * c.score[i]!);
  }
  return { weight: w.value, sumY: y.value, sumP: p.value };
}

/** Calibration-in-the-large: mean prediction − observed rate (positive = over-prediction). */
export function calibrationInTheLarge(c: ProbabilityColumns): number {
  const t = totals(c);
  return t.sumP / t.weight - t.sumY / t.weight;
}

/** Observed / expected ratio Σw·y / Σw·p (TFMA's calibration is its inverse, Σp / Σy). */
export function observedExpectedRatio(c: ProbabilityColumns): number {
  const t = totals(c);
  return t.sumY / t.sumP;
}

/** AIF360's generalized rates: mean score among positives (GTPR) and among negatives (GFPR). */
export interface GeneralizedRates {
  /** Σw·p over y = 1 / Σw over y = 1 (Kleinberg's balance for the positive class). */
  readonly truePositiveRate: number;
  /** Σw·p over y = 0 / Σw over y = 0 (Kleinberg's balance for the negative class). */
  readonly falsePositiveRate: number;
  /** Weighted count of positives and negatives. */
  readonly positives: number;
  readonly negatives: number;
}

/** Generalized TPR and FPR; NaN where a class is absent. */
export function generalizedRates(c: ProbabilityColumns): GeneralizedRates {
  const pos = new Sum();
  const neg = new Sum();
  const posScore = new Sum();
  const negScore = new Sum();
  for (let i = 0; i < c.score.length; i++) {
    const w = c.weight === undefined ? 1 : c.weight[i]!;
    if (c.label[i] === 1) {
      pos.add(w);
      posScore.add(w * c.score[i]!);
    } else {
      neg.add(w);
      negScore.add(w * c.score[i]!);
    }
  }
  return {
    truePositiveRate: pos.value > 0 ? posScore.value / pos.value : Number.NaN,
    falsePositiveRate: neg.value > 0 ? negScore.value / neg.value : Number.NaN,
    positives: pos.value,
    negatives: neg.value,
  };
}
