/**
 * `privilegedComparison`: AIF360's two-group view (BinaryLabelDatasetMetric and
 * ClassificationMetric, 0.6.1): every count and rate for all rows, the privileged group and the
 * unprivileged rows, and the signed "unprivileged minus privileged" differences and ratios,
 * inequality indices and differential fairness.
 */
import type { Level } from "../data/columns.js";
import { FairnessInputError } from "../data/errors.js";
import type { FairnessInput } from "../data/inputTypes.js";
import { prepare } from "../data/prepare.js";
import {
  benefits,
  betweenGroupGeneralizedEntropyIndex,
  generalizedEntropyIndex,
} from "../inequality/entropy.js";
import { neumaierSum } from "../stats/summation.js";
import { smoothedEmpiricalDifferentialFairness } from "./differentialFairness.js";

/** Options of {@link privilegedComparison}. */
export interface PrivilegedComparisonOptions {
  /** The privileged level of the (single) sensitive feature; every other row is unprivileged. */
  readonly privileged: Level;
  /** Alpha of the generalized entropy indices. @defaultValue 2 */
  readonly alpha?: number;
  /** Concentration of the smoothed rates in differential fairness. @defaultValue 1 */
  readonly concentration?: number;
}

/** AIF360's per-group counts and rates (weighted when weights are given). */
export interface PrivilegedRates {
  /** Σ w. */
  readonly numInstances: number;
  /** Σ w of favorable labels. */
  readonly numPositives: number;
  /** Σ w of unfavorable labels. */
  readonly numNegatives: number;
  /** numPositives / numInstances. */
  readonly baseRate: number;
  /** Present with predictions: the confusion counts and rates below. */
  readonly classification?: {
    /** Σ w over favorable label, favorable prediction. */
    readonly numTruePositives: number;
    /** Σ w over unfavorable label, favorable prediction. */
    readonly numFalsePositives: number;
    /** Σ w over favorable label, unfavorable prediction. */
    readonly numFalseNegatives: number;
    /** Σ w over unfavorable label, unfavorable prediction. */
    readonly numTrueNegatives: number;
    /** Σ w · score over favorable labels (with scores; NaN without). */
    readonly numGeneralizedTruePositives: number;
    /** Σ w · score over unfavorable labels. */
    readonly numGeneralizedFalsePositives: number;
    /** Σ w · (1 − score) over favorable labels. */
    readonly numGeneralizedFalseNegatives: number;
    /** Σ w · (1 − score) over unfavorable labels. */
    readonly numGeneralizedTrueNegatives: number;
    /** TP / P. */
    readonly truePositiveRate: number;
    /** FP / N. */
    readonly falsePositiveRate: number;
    /** FN / P. */
    readonly falseNegativeRate: number;
    /** TN / N. */
    readonly trueNegativeRate: number;
    /** GTP / P. */
    readonly generalizedTruePositiveRate: number;
    /** GFP / N. */
    readonly generalizedFalsePositiveRate: number;
    /** GFN / P. */
    readonly generalizedFalseNegativeRate: number;
    /** GTN / N. */
    readonly generalizedTrueNegativeRate: number;
    /** TP / (TP + FP); 0 when undefined (AIF360). */
    readonly positivePredictiveValue: number;
    /** FP / (TP + FP); 0 when undefined (AIF360). */
    readonly falseDiscoveryRate: number;
    /** FN / (FN + TN); 0 when undefined (AIF360). */
    readonly falseOmissionRate: number;
    /** TN / (FN + TN); 0 when undefined (AIF360). */
    readonly negativePredictiveValue: number;
    /** (TP + TN) / n; 0 when undefined (AIF360). */
    readonly accuracy: number;
    /** 1 − accuracy. */
    readonly errorRate: number;
    /** TP + FP. */
    readonly numPredPositives: number;
    /** TN + FN. */
    readonly numPredNegatives: number;
    /** (TP + FP) / n. */
    readonly selectionRate: number;
  };
}

/** Differences (unprivileged − privileged) and ratios (unprivileged / privileged). */
export interface PrivilegedDifferences {
  /** Base rate ratio of the labels. */
  readonly datasetDisparateImpact: number;
  /** Base rate difference of the labels. */
  readonly datasetStatisticalParityDifference: number;
  /** ε of the labels over every level of the feature. */
  readonly datasetSmoothedEmpiricalDifferentialFairness: number;
  /** Present with predictions. */
  readonly classification?: {
    /** TPR_u − TPR_p (also equal opportunity difference). */
    readonly truePositiveRateDifference: number;
    /** FPR_u − FPR_p. */
    readonly falsePositiveRateDifference: number;
    /** FNR_u − FNR_p. */
    readonly falseNegativeRateDifference: number;
    /** FOR_u − FOR_p. */
    readonly falseOmissionRateDifference: number;
    /** FDR_u − FDR_p. */
    readonly falseDiscoveryRateDifference: number;
    /** FPR_u / FPR_p. */
    readonly falsePositiveRateRatio: number;
    /** FNR_u / FNR_p. */
    readonly falseNegativeRateRatio: number;
    /** FOR_u / FOR_p. */
    readonly falseOmissionRateRatio: number;
    /** FDR_u / FDR_p. */
    readonly falseDiscoveryRateRatio: number;
    /** ((FPR_u − FPR_p) + (TPR_u − TPR_p)) / 2, signed (the two parts can cancel). */
    readonly averageOddsDifference: number;
    /** (|FPR_u − FPR_p| + |TPR_u − TPR_p|) / 2. */
    readonly averageAbsOddsDifference: number;
    /** ((PPV_u − PPV_p) + (FOR_u − FOR_p)) / 2. */
    readonly averagePredictiveValueDifference: number;
    /** max(|FPR_u − FPR_p|, |TPR_u − TPR_p|). */
    readonly equalizedOddsDifference: number;
    /** max(|GFPR_u − GFPR_p|, |GTPR_u − GTPR_p|) (NaN without scores). */
    readonly generalizedEqualizedOddsDifference: number;
    /** ERR_u − ERR_p. */
    readonly errorRateDifference: number;
    /** ERR_u / ERR_p. */
    readonly errorRateRatio: number;
    /** Selection rate ratio of the predictions. */
    readonly disparateImpact: number;
    /** Selection rate difference of the predictions. */
    readonly statisticalParityDifference: number;
    /** Generalized entropy index (alpha) of the benefits 1 + ŷ − y, unweighted. */
    readonly generalizedEntropyIndex: number;
    /** GE(1). */
    readonly theilIndex: number;
    /** √(2 GE(2)). */
    readonly coefficientOfVariation: number;
    /** GE(alpha) with benefits replaced by the unprivileged / privileged means. */
    readonly betweenGroupGeneralizedEntropyIndex: number;
    /** Between-group GE(1). */
    readonly betweenGroupTheilIndex: number;
    /** Between-group √(2 GE(2)). */
    readonly betweenGroupCoefficientOfVariation: number;
    /** GE(alpha) with benefits replaced by each level's mean. */
    readonly betweenAllGroupsGeneralizedEntropyIndex: number;
    /** Between-all-groups GE(1). */
    readonly betweenAllGroupsTheilIndex: number;
    /** Between-all-groups √(2 GE(2)). */
    readonly betweenAllGroupsCoefficientOfVariation: number;
    /** ε of the predictions. */
    readonly smoothedEmpiricalDifferentialFairness: number;
    /** ε of the predictions − ε of the labels. */
    readonly differentialFairnessBiasAmplification: number;
  };
}

/** The result of {@link privilegedComparison}. */
export interface PrivilegedComparison {
  /** Every row. */
  readonly all: PrivilegedRates;
  /** Rows of the privileged level. */
  readonly privileged: PrivilegedRates;
  /** Every other row. */
  readonly unprivileged: PrivilegedRates;
  /** Unprivileged against privileged. */
  readonly differences: PrivilegedDifferences;
}

const orZero = (num: number, den: number) => (den === 0 ? 0 : num / den);

function rates(sums: Float64Array, hasPredictions: boolean, hasScores: boolean): PrivilegedRates {
  const [n, pos, tp, fp, fn, tn, gtp, gfp, gfn, gtn] = sums as unknown as number[] as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const neg = n - pos;
  const base = { numInstances: n, numPositives: pos, numNegatives: neg, baseRate: pos / n };
  if (!hasPredictions) return base;
  const g = (v: number) => (hasScores ? v : Number.NaN);
  const accuracy = orZero(tp + tn, n);
  return {
    ...base,
    classification: {
      numTruePositives: tp,
      numFalsePositives: fp,
      numFalseNegatives: fn,
      numTrueNegatives: tn,
      numGeneralizedTruePositives: g(gtp),
      numGeneralizedFalsePositives: g(gfp),
      numGeneralizedFalseNegatives: g(gfn),
      numGeneralizedTrueNegatives: g(gtn),
      truePositiveRate: tp / pos,
      falsePositiveRate: fp / neg,
      falseNegativeRate: fn / pos,
      trueNegativeRate: tn / neg,
      generalizedTruePositiveRate: g(gtp) / pos,
      generalizedFalsePositiveRate: g(gfp) / neg,
      generalizedFalseNegativeRate: g(gfn) / pos,
      generalizedTrueNegativeRate: g(gtn) / neg,
      positivePredictiveValue: orZero(tp, tp + fp),
      falseDiscoveryRate: orZero(fp, tp + fp),
      falseOmissionRate: orZero(fn, fn + tn),
      negativePredictiveValue: orZero(tn, fn + tn),
      accuracy,
      errorRate: 1 - accuracy,
      numPredPositives: tp + fp,
      numPredNegatives: tn + fn,
      selectionRate: (tp + fp) / n,
    },
  };
}

/**
 * AIF360's comparison of an unprivileged and a privileged group (BinaryLabelDatasetMetric and
 * ClassificationMetric 0.6.1). The favorable label is `posLabel` (or 1); `yScore`, when given, is
 * the score of the favorable label (the generalized rates need it). Counts and rates are
 * weighted by `sampleWeight`; the entropy indices are not (AIF360 ignores instance weights there).
 * PPV, FDR, FOR, NPV and accuracy are 0 on a zero denominator, other rates NaN (AIF360's
 * conventions). Without `yPred` and `yScore`, only the dataset metrics are returned. One
 * sensitive feature; `privileged` names its privileged level and every other row is unprivileged.
 *
 * Cost: one pass over the rows.
 *
 * @throws FairnessInputError on invalid data or when either group has no rows
 * @example
 * const c = privilegedComparison(
 *   { yTrue: [1, 0, 1, 0], yPred: [1, 1, 0, 0], sensitiveFeatures: ["m", "m", "f", "f"] },
 *   { privileged: "m" },
 * );
 * c.differences.classification.statisticalParityDifference; // => -1
 */
export function privilegedComparison(
  input: FairnessInput,
  options: PrivilegedComparisonOptions,
): PrivilegedComparison {
  const hasPredictions = input.yPred !== undefined || input.yScore !== undefined;
  const columns = prepare(hasPredictions ? input : { ...input, yPred: input.yTrue });
  const alpha = options.alpha ?? 2;
  const concentration = options.concentration ?? 1;
  if (columns.groups.featureNames.length !== 1) {
    throw new TypeError("privilegedComparison: give exactly one sensitive feature");
  }
  const privilegedCode = columns.groups.keys.findIndex((k) => k[0] === options.privileged);
  const n = columns.n;
  const side = new Uint32Array(n);
  for (let r = 0; r < n; r++) side[r] = columns.group[r] === privilegedCode ? 1 : 0;
  const rows = [0, 0];
  for (let r = 0; r < n; r++) rows[side[r]!]! += 1;
  if (rows[0] === 0 || rows[1] === 0) {
    throw new FairnessInputError([
      {
        code: "unknown_group",
        path: ["privileged"],
        message: `needs rows in both groups; privileged level ${JSON.stringify(options.privileged)} has ${rows[1]} rows, the others ${rows[0]}`,
      },
    ]);
  }
  const { label, pred, score, weight } = columns;
  const terms: number[][][] = [0, 1, 2].map(() => Array.from({ length: 10 }, () => []));
  for (let r = 0; r < n; r++) {
    const w = weight === undefined ? 1 : weight[r]!;
    const y = label[r]!;
    const p = pred![r]!;
    const s = score === undefined ? 0 : score[r]!;
    const cell = y === 1 ? (p === 1 ? 2 : 4) : p === 1 ? 3 : 5;
    for (const t of [terms[side[r]!]!, terms[2]!]) {
      t[0]!.push(w);
      if (y === 1) t[1]!.push(w);
      t[cell]!.push(w);
      t[y === 1 ? 6 : 7]!.push(w * s);
      t[y === 1 ? 8 : 9]!.push(w * (1 - s));
    }
  }
  const sums = terms.map((t) => Float64Array.from(t, (values) => neumaierSum(values)));
  const hasScores = score !== undefined;
  const [unprivileged, privileged, all] = sums.map((s) => rates(s, hasPredictions, hasScores)) as [
    PrivilegedRates,
    PrivilegedRates,
    PrivilegedRates,
  ];
  const levels = columns.groups.keys.length;
  const dataset = {
    datasetDisparateImpact: unprivileged.baseRate / privileged.baseRate,
    datasetStatisticalParityDifference: unprivileged.baseRate - privileged.baseRate,
    datasetSmoothedEmpiricalDifferentialFairness: smoothedEmpiricalDifferentialFairness(
      label,
      columns.group,
      levels,
      weight,
      concentration,
    ),
  };
  if (!hasPredictions) return { all, privileged, unprivileged, differences: dataset };
  const u = unprivileged.classification!;
  const p = privileged.classification!;
  const b = benefits(label, pred!);
  const between = (code: Uint32Array, groups: number, a: number) =>
    betweenGroupGeneralizedEntropyIndex(b, code, groups, a);
  const edf = smoothedEmpiricalDifferentialFairness(
    pred!,
    columns.group,
    levels,
    weight,
    concentration,
  );
  return {
    all,
    privileged,
    unprivileged,
    differences: {
      ...dataset,
      classification: {
        truePositiveRateDifference: u.truePositiveRate - p.truePositiveRate,
        falsePositiveRateDifference: u.falsePositiveRate - p.falsePositiveRate,
        falseNegativeRateDifference: u.falseNegativeRate - p.falseNegativeRate,
        falseOmissionRateDifference: u.falseOmissionRate - p.falseOmissionRate,
        falseDiscoveryRateDifference: u.falseDiscoveryRate - p.falseDiscoveryRate,
        falsePositiveRateRatio: u.falsePositiveRate / p.falsePositiveRate,
        falseNegativeRateRatio: u.falseNegativeRate / p.falseNegativeRate,
        falseOmissionRateRatio: u.falseOmissionRate / p.falseOmissionRate,
        falseDiscoveryRateRatio: u.falseDiscoveryRate / p.falseDiscoveryRate,
        averageOddsDifference:
          (u.falsePositiveRate - p.falsePositiveRate + (u.truePositiveRate - p.truePositiveRate)) /
          2,
        averageAbsOddsDifference:
          (Math.abs(u.falsePositiveRate - p.falsePositiveRate) +
            Math.abs(u.truePositiveRate - p.truePositiveRate)) /
          2,
        averagePredictiveValueDifference:
          (u.positivePredictiveValue -
            p.positivePredictiveValue +
            (u.falseOmissionRate - p.falseOmissionRate)) /
          2,
        equalizedOddsDifference: Math.max(
          Math.abs(u.falsePositiveRate - p.falsePositiveRate),
          Math.abs(u.truePositiveRate - p.truePositiveRate),
        ),
        generalizedEqualizedOddsDifference: Math.max(
          Math.abs(u.generalizedFalsePositiveRate - p.generalizedFalsePositiveRate),
          Math.abs(u.generalizedTruePositiveRate - p.generalizedTruePositiveRate),
        ),
        errorRateDifference: u.errorRate - p.errorRate,
        errorRateRatio: u.errorRate / p.errorRate,
        disparateImpact: u.selectionRate / p.selectionRate,
        statisticalParityDifference: u.selectionRate - p.selectionRate,
        generalizedEntropyIndex: generalizedEntropyIndex(b, alpha),
        theilIndex: generalizedEntropyIndex(b, 1),
        coefficientOfVariation: Math.sqrt(2 * generalizedEntropyIndex(b, 2)),
        betweenGroupGeneralizedEntropyIndex: between(side, 2, alpha),
        betweenGroupTheilIndex: between(side, 2, 1),
        betweenGroupCoefficientOfVariation: Math.sqrt(2 * between(side, 2, 2)),
        betweenAllGroupsGeneralizedEntropyIndex: between(columns.group, levels, alpha),
        betweenAllGroupsTheilIndex: between(columns.group, levels, 1),
        betweenAllGroupsCoefficientOfVariation: Math.sqrt(2 * between(columns.group, levels, 2)),
        smoothedEmpiricalDifferentialFairness: edf,
        differentialFairnessBiasAmplification:
          edf - dataset.datasetSmoothedEmpiricalDifferentialFairness,
      },
    },
  };
}
