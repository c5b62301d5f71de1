/**
 * Net benefit of treating by a risk model at threshold probabilities (decision-curve analysis,
 * Vickers and Elkin, Med Decis Making 26:565–574, 2006), from weighted counts per score bin.
 */
import { IssueCollector } from "../data/errors.js";
import { type ScoreRule, validateLabelsAndScores } from "../metrics/calibration/validate.js";
import { addCompensated } from "../stats/summation.js";

/** The default threshold grid: 0.01, 0.02, …, 0.99 (k / 100). */
export const DEFAULT_NET_BENEFIT_GRID: readonly number[] = Array.from(
  { length: 99 },
  (_, k) => (k + 1) / 100,
);

/**
 * Net benefit of the model, treat-all and treat-none at one threshold probability.
 *
 * @category Clinical utility
 */
export interface NetBenefitPoint {
  /** Threshold probability pt: treat when score ≥ pt. */
  readonly threshold: number;
  /** Σw over rows (n; the row count without weights). */
  readonly total: number;
  /** Σw·y / Σw. */
  readonly prevalence: number;
  /** Σw over rows with score ≥ pt and y = 1. */
  readonly truePositives: number;
  /** Σw over rows with score ≥ pt and y = 0. */
  readonly falsePositives: number;
  /** Rows (unweighted) with score ≥ pt. */
  readonly treatedRows: number;
  /** TP/n − FP/n · pt/(1 − pt). */
  readonly netBenefit: number;
  /** prevalence − (1 − prevalence) · pt/(1 − pt): treating everyone. */
  readonly treatAll: number;
  /** Treating no one: always 0. */
  readonly treatNone: number;
  /** netBenefit / prevalence (NaN when prevalence is 0). */
  readonly standardizedNetBenefit: number;
  /** treatAll / prevalence (NaN when prevalence is 0). */
  readonly standardizedTreatAll: number;
  /**
   * Net interventions avoided per 100 patients compared with treating everyone, at the same
   * net benefit: 100 · (netBenefit − treatAll) / (pt / (1 − pt)) (Vickers et al., BMJ 2016).
   */
  readonly interventionsAvoidedPer100: number;
}

/**
 * Checks threshold probabilities: each finite and strictly inside (0, 1). Returns them sorted
 * ascending without duplicates.
 *
 * @throws FairnessInputError `out_of_range` naming the field and position of every bad value
 */
export function checkThresholds(field: string, thresholds: ArrayLike<number>): number[] {
  const issues = new IssueCollector();
  if (thresholds.length === 0) issues.add("empty_input", [field], `${field} lists no threshold`);
  for (let i = 0; i < thresholds.length; i++) {
    const t = thresholds[i];
    if (typeof t !== "number" || !(t > 0 && t < 1)) {
      issues.add(
        "out_of_range",
        [field, i],
        `a threshold probability must lie strictly between 0 and 1, got ${String(t)}`,
      );
    }
  }
  issues.throwIfAny();
  return [...new Set(Array.from(thresholds))].sort((a, b) => a - b);
}

/** Index of the first threshold greater than `score`: the number of thresholds ≤ score. */
export function binOfScore(sorted: readonly number[], score: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= score) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Weighted counts per (label, score bin) of a set of rows: slot `2 · bin + label`, where bin is
 * the number of thresholds ≤ score (so a row counts as treated at threshold j when bin > j).
 * Also the unweighted counts. Sums are compensated. Cost O(n log T).
 */
export function binCounts(
  label: Uint8Array,
  score: Float64Array,
  weight: Float64Array | undefined,
  rows: ArrayLike<number>,
  sorted: readonly number[],
): { weighted: Float64Array; unweighted: Float64Array } {
  const size = 2 * (sorted.length + 1);
  const sum = new Float64Array(size);
  const comp = new Float64Array(size);
  const unweighted = new Float64Array(size);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    const slot = 2 * binOfScore(sorted, score[r] as number) + (label[r] as number);
    addCompensated(sum, comp, slot, weight === undefined ? 1 : (weight[r] as number));
    unweighted[slot]! += 1;
  }
  for (let s = 0; s < size; s++) sum[s] = (sum[s] as number) + (comp[s] as number);
  return { weighted: sum, unweighted };
}

/** The net benefit of a model from TP, FP and n at threshold pt (NaN when n is 0). */
export function netBenefitOfCounts(tp: number, fp: number, n: number, pt: number): number {
  return tp / n - (fp / n) * (pt / (1 - pt));
}

/**
 * Net benefit points at each sorted threshold from per-bin counts (`binCounts` layout).
 * Cost O(T).
 */
export function netBenefitPoints(
  counts: { weighted: Float64Array; unweighted: Float64Array },
  sorted: readonly number[],
): NetBenefitPoint[] {
  const { weighted, unweighted } = counts;
  const bins = sorted.length + 1;
  let positives = 0;
  let total = 0;
  for (let b = 0; b < bins; b++) {
    positives += weighted[2 * b + 1] as number;
    total += (weighted[2 * b] as number) + (weighted[2 * b + 1] as number);
  }
  const prevalence = positives / total;
  const points: NetBenefitPoint[] = new Array(sorted.length);
  // Walking thresholds from the highest down, each adds the rows of one more bin.
  let tp = 0;
  let fp = 0;
  let treatedRows = 0;
  for (let j = sorted.length - 1; j >= 0; j--) {
    const b = j + 1;
    tp += weighted[2 * b + 1] as number;
    fp += weighted[2 * b] as number;
    treatedRows += (unweighted[2 * b] as number) + (unweighted[2 * b + 1] as number);
    const pt = sorted[j] as number;
    const odds = pt / (1 - pt);
    const netBenefit = netBenefitOfCounts(tp, fp, total, pt);
    const treatAll = prevalence - (1 - prevalence) * odds;
    points[j] = {
      threshold: pt,
      total,
      prevalence,
      truePositives: tp,
      falsePositives: fp,
      treatedRows,
      netBenefit,
      treatAll,
      treatNone: 0,
      standardizedNetBenefit: prevalence > 0 ? netBenefit / prevalence : Number.NaN,
      standardizedTreatAll: prevalence > 0 ? treatAll / prevalence : Number.NaN,
      interventionsAvoidedPer100: (100 * (netBenefit - treatAll)) / odds,
    };
  }
  return points;
}

/**
 * Net benefit of treating the rows whose score is at least `threshold` (Vickers and Elkin 2006):
 * NB(pt) = TP/n − FP/n · pt/(1 − pt), with weighted counts when `sampleWeight` is given. A score
 * equal to pt counts as treated.
 *
 * Cost: O(n).
 *
 * @param yTrue - 0/1 outcomes
 * @param yScore - predicted risks (any real numbers; only `score ≥ threshold` matters)
 * @param threshold - threshold probability in (0, 1)
 * @throws FairnessInputError on a threshold outside (0, 1), non-binary labels, non-finite
 * scores or bad weights
 * @example
 * netBenefit([1, 0, 1, 0], [0.9, 0.6, 0.4, 0.1], 0.5); // => 0
 *
 * @category Clinical utility
 */
export function netBenefit(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  threshold: number,
  sampleWeight?: ArrayLike<number>,
): number {
  return decisionCurveOfArrays(yTrue, yScore, [threshold], sampleWeight)[0]!.netBenefit;
}

/** Net benefit thresholds any finite score (a risk on any scale); only probabilities are bounded. */
const SCORES: ScoreRule = { field: "yScore", probability: false };

/**
 * The decision curve of one set of rows: {@link NetBenefitPoint} at each threshold (sorted,
 * duplicates removed).
 *
 * Cost: O(n log T + T).
 *
 * @throws FairnessInputError as {@link netBenefit}
 * @example
 * decisionCurveOfArrays([1, 0, 1, 0], [0.9, 0.6, 0.4, 0.1], [0.5]).map((p) => p.treatAll); // => [0]
 */
export function decisionCurveOfArrays(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  thresholds: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): NetBenefitPoint[] {
  const sorted = checkThresholds("thresholds", thresholds);
  const { label, score, weight } = validateLabelsAndScores(yTrue, yScore, sampleWeight, SCORES);
  const rows = Uint32Array.from({ length: label.length }, (_, i) => i);
  return netBenefitPoints(binCounts(label, score, weight, rows, sorted), sorted);
}
