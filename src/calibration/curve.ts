/**
 * Reliability curves: scikit-learn's `calibration_curve`, extended with per-bin counts and a
 * Wilson interval for each bin's observed rate.
 */

import {
  type BinningCache,
  type BinStrategy,
  type BinSums,
  binColumns,
} from "../metrics/calibration/binning.js";
import {
  type BinaryLabels,
  checkAlpha,
  checkBins,
  checkWeightKind,
  type ProbabilityColumns,
  validateProbabilities,
  type WeightKind,
  weightScale,
} from "../metrics/calibration/validate.js";
import { wilsonInterval } from "../uncertainty/proportion.js";

/** Options of {@link calibrationCurve}. */
export interface CalibrationCurveOptions {
  /** Number of bins. @defaultValue 10 */
  readonly bins?: number;
  /** Equal-width bins on [0, 1] or equal-mass bins (score quantiles). @defaultValue 'uniform' */
  readonly strategy?: BinStrategy;
  /** Sample weights (non-negative). */
  readonly sampleWeight?: ArrayLike<number>;
  /**
   * How weights enter the Wilson intervals and equal-mass edges: `relative` (rescaled to sum to
   * the number of weighted rows) or `frequency` (a weight of k is k copies of the row).
   * @defaultValue 'relative'
   */
  readonly weights?: WeightKind;
  /** Significance level of the Wilson interval of each bin's observed rate. @defaultValue 0.05 */
  readonly alpha?: number;
}

/** One non-empty bin of a reliability curve. */
export interface CalibrationBin {
  /** Index of the bin among all `bins` (empty bins are skipped, so indices can jump). */
  readonly bin: number;
  /** Lower edge (a score equal to an inner edge belongs to the lower bin). */
  readonly lower: number;
  /** Upper edge. */
  readonly upper: number;
  /** Rows in the bin (unweighted). */
  readonly count: number;
  /** Σ weights in the bin (equals `count` without weights). */
  readonly weightedCount: number;
  /** Weighted mean predicted probability (scikit-learn's `prob_pred`). */
  readonly meanPredicted: number;
  /** Weighted fraction of positives (scikit-learn's `prob_true`). */
  readonly observedRate: number;
  /** Lower end of the Wilson interval of the observed rate, on the effective count (see `weights`). */
  readonly observedLow: number;
  /** Upper end of that interval. */
  readonly observedHigh: number;
}

/** A reliability curve. */
export interface CalibrationCurve {
  /** How the bins were chosen. */
  readonly strategy: BinStrategy;
  /** All `bins + 1` edges (quantile edges can repeat). */
  readonly edges: readonly number[];
  /** Observed rate of each non-empty bin (scikit-learn's `prob_true`). */
  readonly probTrue: readonly number[];
  /** Mean prediction of each non-empty bin (scikit-learn's `prob_pred`). */
  readonly probPred: readonly number[];
  /** The non-empty bins in order. */
  readonly bins: readonly CalibrationBin[];
}

/** Builds the curve from validated columns (shared with calibrationByGroup). */
export function curveFromColumns(
  columns: ProbabilityColumns,
  bins: number,
  strategy: BinStrategy,
  alpha: number,
  weights: WeightKind,
  cache?: BinningCache,
): CalibrationCurve {
  const scale = weightScale(columns.weight, weights);
  const { edges, sums } = binColumns(columns, bins, strategy, scale, cache);
  return curveFromSums(sums, edges, strategy, alpha, scale);
}

function curveFromSums(
  sums: BinSums,
  edges: Float64Array,
  strategy: BinStrategy,
  alpha: number,
  scale: number,
): CalibrationCurve {
  const out: CalibrationBin[] = [];
  for (let b = 0; b < sums.count.length; b++) {
    const w = sums.weight[b]!;
    if (!(w > 0)) continue;
    const y = sums.sumY[b]!;
    // min(): a compensated sum over a subset of the rows can round above the group's total.
    const interval = wilsonInterval(Math.min(y, w) * scale, w * scale, 1 - alpha);
    out.push({
      bin: b,
      lower: edges[b]!,
      upper: edges[b + 1]!,
      count: sums.count[b]!,
      weightedCount: w,
      meanPredicted: sums.sumP[b]! / w,
      observedRate: y / w,
      observedLow: interval.lower,
      observedHigh: interval.upper,
    });
  }
  return {
    strategy,
    edges: Array.from(edges),
    probTrue: out.map((b) => b.observedRate),
    probPred: out.map((b) => b.meanPredicted),
    bins: out,
  };
}

/**
 * Reliability curve: the scores are cut into bins and, for each non-empty bin, the mean
 * prediction is set against the observed rate of positives. Identical to scikit-learn's
 * `calibration_curve(y_true, y_prob, n_bins, strategy)`: uniform edges
 * `numpy.linspace(0, 1, bins + 1)`, quantile edges `numpy.percentile(y_prob, linspace(0, 1, bins +
 * 1) · 100)` (linear interpolation, edges may repeat), bin = `searchsorted(edges[1:-1], p,
 * side='left')` (a score on an inner edge goes to the lower bin), empty bins left out. Extends it
 * with per-bin unweighted and weighted counts and a Wilson interval of the observed rate.
 * With `weights: 'frequency'`, integer weights give the same curve as repeated rows (quantile
 * edges and intervals included); with the default `relative`, scaling all weights changes
 * nothing.
 *
 * Reference: Niculescu-Mizil & Caruana (2005), "Predicting good probabilities with supervised
 * learning"; scikit-learn `sklearn.calibration.calibration_curve`.
 * Cost: O(n log bins) for uniform bins, O(n log n) for quantile bins (a sort).
 *
 * @param yTrue labels, 0/1 or booleans
 * @param yProb predicted probabilities of the positive class, in [0, 1]
 * @throws FairnessInputError on non-binary labels, probabilities outside [0, 1], bad weights
 * @throws RangeError when `bins` is not an integer >= 1 or `alpha` is not in (0, 1)
 * @example
 * calibrationCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], { bins: 2 }).probTrue; // => [0.3333333333333333, 1]
 */
export function calibrationCurve(
  yTrue: BinaryLabels,
  yProb: ArrayLike<number>,
  options: CalibrationCurveOptions = {},
): CalibrationCurve {
  const bins = options.bins ?? 10;
  const strategy = options.strategy ?? "uniform";
  const alpha = options.alpha ?? 0.05;
  const weights = options.weights ?? "relative";
  checkWeightKind("calibrationCurve", weights);
  checkBins("calibrationCurve", bins);
  checkAlpha("calibrationCurve", alpha);
  if (strategy !== "uniform" && strategy !== "quantile") {
    throw new RangeError(
      `calibrationCurve: strategy must be 'uniform' or 'quantile', got ${String(strategy)}`,
    );
  }
  const columns = validateProbabilities(yTrue, yProb, options.sampleWeight);
  return curveFromColumns(columns, bins, strategy, alpha, weights);
}
