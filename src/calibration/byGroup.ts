/**
 * calibrationByGroup: every calibration measure, curve and test per group and overall, plus the
 * likelihood-ratio test of group differences and the impossibility notes.
 */
import type { Columns, GroupIndex, Level } from "../data/columns.js";
import { FairnessInputError } from "../data/errors.js";
import type { FairnessInput } from "../data/inputTypes.js";
import { groupLabel } from "../data/levels.js";
import { prepare } from "../data/prepare.js";
import { type GroupSelector, groupIndexOf } from "../data/selector.js";
import { type MimeBundle, tableDisplay } from "../frame/display.js";
import { BinningCache, type BinStrategy } from "../metrics/calibration/binning.js";
import {
  type GroupCalibrationTest,
  groupCalibrationTestOfFits,
  type HosmerLemeshowTest,
  hosmerLemeshow,
} from "../metrics/calibration/hypothesis.js";
import {
  DEFAULT_LOGIT_CLIP,
  fitInterceptWithOffset,
  fitSlope,
  type InterceptFit,
  logitColumn,
  rescaleInterceptFit,
  rescaleSlopeFit,
  type SlopeFit,
} from "../metrics/calibration/recalibration.js";
import {
  type BrierDecomposition,
  binnedErrors,
  brierDecomposition,
  type GeneralizedRates,
  generalizedRates,
  observedExpectedRatio,
  totals,
} from "../metrics/calibration/scalar.js";
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
import { logLoss } from "../metrics/probabilistic.js";
import { confusionOf, countConfusion } from "../stats/confusion.js";
import { partitionRows, take } from "../stats/partition.js";
import { type CalibrationCurve, curveFromColumns } from "./curve.js";
import { type CalibrationNote, chouldechovaNote, kleinbergNote } from "./impossibility.js";

/**
 * Options of {@link calibrationByGroup} and {@link calibrationSummary}.
 *
 * @category Calibration
 */
export interface CalibrationOptions {
  /** Bins of the reliability curve, ECE/MCE and the Murphy decomposition. @defaultValue 10 */
  readonly bins?: number;
  /** Binning of the reliability curve and the Murphy decomposition. @defaultValue 'uniform' */
  readonly strategy?: BinStrategy;
  /** Significance level of the Wilson intervals of the curve. @defaultValue 0.05 */
  readonly alpha?: number;
  /** p is clipped to [logitClip, 1 − logitClip] before logit(p) in the recalibration models. @defaultValue 1e-6 */
  readonly logitClip?: number;
  /** Equal-mass bins of the Hosmer–Lemeshow test. @defaultValue 10 */
  readonly hosmerLemeshowBins?: number;
  /**
   * How weights enter equal-mass edges, standard errors, intervals and tests: `relative`
   * (rescaled to sum to the number of weighted rows: scaling all weights changes nothing) or
   * `frequency` (a weight of k is k copies of the row). @defaultValue 'relative'
   */
  readonly weights?: WeightKind;
}

/**
 * Every calibration measure of one set of rows.
 *
 * @category Calibration
 */
export interface CalibrationSummary {
  /** Rows (unweighted). */
  readonly count: number;
  /** Σ weights (equals `count` without weights). */
  readonly weightedCount: number;
  /** Weighted share of positives. */
  readonly baseRate: number;
  /** Weighted mean predicted probability. */
  readonly meanPrediction: number;
  /** Reliability curve on the chosen binning. */
  readonly curve: CalibrationCurve;
  /** ECE on `bins` equal-width bins. */
  readonly expectedCalibrationError: number;
  /** ECE on `bins` equal-mass bins. */
  readonly expectedCalibrationErrorQuantile: number;
  /** MCE on `bins` equal-width bins. */
  readonly maximumCalibrationError: number;
  /** Brier score and its Murphy decomposition on the curve's binning. */
  readonly brier: BrierDecomposition;
  /** Log loss: weighted mean of −[y ln p + (1 − y) ln(1 − p)] (see {@link logLoss}). */
  readonly logLoss: number;
  /** Mean prediction − base rate. */
  readonly calibrationInTheLarge: number;
  /** Σw·y / Σw·p. */
  readonly observedExpectedRatio: number;
  /** Logistic recalibration `logit P(y=1) = a + b · logit(p)` (calibration slope b). */
  readonly recalibration: SlopeFit;
  /** `logit P(y=1) = a + logit(p)` (calibration intercept a, slope fixed at 1). */
  readonly calibrationIntercept: InterceptFit;
  /** Hosmer–Lemeshow goodness-of-fit test on `hosmerLemeshowBins` equal-mass bins. */
  readonly hosmerLemeshow: HosmerLemeshowTest;
  /** Mean score among positives and among negatives. */
  readonly generalizedRates: GeneralizedRates;
}

/**
 * One group of {@link calibrationByGroup}.
 *
 * @category Calibration
 */
export interface CalibrationGroup {
  /** One level per sensitive feature. */
  readonly key: readonly Level[];
  /** Levels joined with ", ". */
  readonly label: string;
  /** Rows in the group (0 for an empty intersection). */
  readonly count: number;
  /** The group's measures; undefined for an empty intersection. */
  readonly summary: CalibrationSummary | undefined;
}

/**
 * Result of {@link calibrationByGroup}: the overall and per-group measures, the group test and
 * the notes; `group(selector)` gives one group's measures by its level(s). In Deno's Jupyter
 * kernel it displays as a table (in tslab: `showInNotebook(result, tslab.display)`).
 *
 * @category Calibration
 * @hideconstructor
 */
export class CalibrationByGroupResult {
  /** Sensitive feature names. */
  readonly featureNames: readonly string[];
  /** Calibration of all rows together. */
  readonly overall: CalibrationSummary;
  /** Each group's calibration, in level order. */
  readonly byGroup: readonly CalibrationGroup[];
  /** Likelihood-ratio test of group-specific intercept and slope against shared ones. */
  readonly groupCalibrationTest: GroupCalibrationTest;
  /** Impossibility diagnostics, present when base rates differ between groups. */
  readonly notes: readonly CalibrationNote[];
  readonly #groups: GroupIndex;

  constructor(fields: {
    groups: GroupIndex;
    overall: CalibrationSummary;
    byGroup: readonly CalibrationGroup[];
    groupCalibrationTest: GroupCalibrationTest;
    notes: readonly CalibrationNote[];
  }) {
    this.featureNames = fields.groups.featureNames;
    this.overall = fields.overall;
    this.byGroup = fields.byGroup;
    this.groupCalibrationTest = fields.groupCalibrationTest;
    this.notes = fields.notes;
    this.#groups = fields.groups;
  }

  /**
   * One group's measures, the group named by its level (one feature), its levels in feature
   * order, or a record by feature name.
   *
   * @throws FairnessInputError `unknown_group` when no group with rows (and positive weight) matches
   * @example
   * const r = calibrationByGroup({
   *   yTrue: [0, 1, 0, 1, 0, 0, 1, 1],
   *   yScore: [0.25, 0.75, 0.25, 0.75, 0.2, 0.2, 0.8, 0.8],
   *   sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b"],
   * });
   * r.group("b").calibrationInTheLarge; // => 0
   */
  group(selector: GroupSelector): CalibrationSummary {
    const counts = this.byGroup.map((g) => (g.summary === undefined ? 0 : g.count));
    return this.byGroup[groupIndexOf(this.#groups, counts, selector)]!.summary!;
  }

  /**
   * Deno Jupyter display: one row per group (the overall row first) with the count, expected
   * and maximum calibration error, calibration-in-the-large, slope, intercept and the
   * Hosmer–Lemeshow p-value, then the group test and the notes.
   */
  [Symbol.for("Jupyter.display")](): MimeBundle {
    const value = (v: number) =>
      Number.isNaN(v) ? "NaN" : v.toFixed(3).replace(/^-(0\.0+)$/, "$1");
    const row = (label: string, count: number, s: CalibrationSummary | undefined) => [
      label,
      String(count),
      ...(s === undefined
        ? Array<string>(6).fill("")
        : [
            s.expectedCalibrationError,
            s.maximumCalibrationError,
            s.calibrationInTheLarge,
            s.recalibration.slope,
            s.calibrationIntercept.intercept,
            s.hosmerLemeshow.pValue,
          ].map(value)),
    ];
    const test = this.groupCalibrationTest;
    return tableDisplay(
      `Calibration by group (${this.featureNames.join(" × ")})`,
      [
        "group",
        "count",
        "expected calibration error",
        "maximum calibration error",
        "calibration-in-the-large",
        "slope",
        "intercept",
        "Hosmer–Lemeshow p",
      ],
      [
        row("overall", this.overall.count, this.overall),
        ...this.byGroup.map((g) => row(g.label, g.count, g.summary)),
      ],
      [
        `Do groups differ in calibration? Likelihood-ratio test: p = ${value(test.pValue)}`,
        ...this.notes.map((n) => n.message),
      ],
    );
  }
}

interface Resolved {
  readonly bins: number;
  readonly strategy: BinStrategy;
  readonly alpha: number;
  readonly logitClip: number;
  readonly hosmerLemeshowBins: number;
  readonly weights: WeightKind;
}

function resolveOptions(fn: string, options: CalibrationOptions): Resolved {
  const resolved = {
    bins: options.bins ?? 10,
    strategy: options.strategy ?? "uniform",
    alpha: options.alpha ?? 0.05,
    logitClip: options.logitClip ?? DEFAULT_LOGIT_CLIP,
    hosmerLemeshowBins: options.hosmerLemeshowBins ?? 10,
    weights: options.weights ?? "relative",
  };
  checkWeightKind(fn, resolved.weights);
  checkBins(fn, resolved.bins);
  checkBins(fn, resolved.hosmerLemeshowBins);
  checkAlpha(fn, resolved.alpha);
  if (resolved.strategy !== "uniform" && resolved.strategy !== "quantile") {
    throw new RangeError(
      `${fn}: strategy must be 'uniform' or 'quantile', got ${String(resolved.strategy)}`,
    );
  }
  if (!(resolved.logitClip > 0 && resolved.logitClip < 0.5)) {
    throw new RangeError(`${fn}: logitClip must be in (0, 0.5), got ${String(resolved.logitClip)}`);
  }
  return resolved;
}

function summarize(c: ProbabilityColumns, o: Resolved): CalibrationSummary {
  return summarizeWithFit(c, o).summary;
}

/** The summary and its slope fit before rescaling (which the group test reuses). */
function summarizeWithFit(
  c: ProbabilityColumns,
  o: Resolved,
): { summary: CalibrationSummary; slope: SlopeFit } {
  const t = totals(c);
  const scale = weightScale(c.weight, o.weights);
  const cache = new BinningCache(c);
  const uniform = binnedErrors(c, o.bins, "uniform", scale, cache);
  const quantile = binnedErrors(c, o.bins, "quantile", scale, cache);
  const z = logitColumn(c.score, o.logitClip);
  const slope = fitSlope(c.label, z, c.weight);
  const summary = {
    count: c.score.length,
    weightedCount: t.weight,
    baseRate: t.sumY / t.weight,
    meanPrediction: t.sumP / t.weight,
    curve: curveFromColumns(c, o.bins, o.strategy, o.alpha, o.weights, cache),
    expectedCalibrationError: uniform.ece,
    expectedCalibrationErrorQuantile: quantile.ece,
    maximumCalibrationError: uniform.mce,
    brier: brierDecomposition(c, o.bins, o.strategy, scale, cache),
    logLoss: logLoss(c.label, c.score, c.weight),
    calibrationInTheLarge: t.sumP / t.weight - t.sumY / t.weight,
    observedExpectedRatio: observedExpectedRatio(c),
    recalibration: rescaleSlopeFit(slope, scale),
    calibrationIntercept: rescaleInterceptFit(fitInterceptWithOffset(c.label, z, c.weight), scale),
    hosmerLemeshow: hosmerLemeshow(c, o.hosmerLemeshowBins, scale, cache),
    generalizedRates: generalizedRates(c),
  };
  return { summary, slope };
}

/**
 * Every calibration measure of one set of rows: reliability curve with Wilson intervals, ECE
 * (equal-width and equal-mass), MCE, Brier score with its Murphy decomposition, log loss,
 * calibration-in-the-large, observed/expected ratio, logistic recalibration slope and intercept
 * (and the intercept with slope fixed at 1) with standard errors, Hosmer–Lemeshow, and the
 * generalized rates. See {@link calibrationByGroup} for definitions.
 *
 * Cost: O(n log n) (quantile edges) plus O(n) per Newton iteration (typically 4–8).
 *
 * @throws FairnessInputError on non-binary labels, probabilities outside [0, 1], bad weights
 * @example
 * calibrationSummary([0, 1, 0, 1], [0.25, 0.75, 0.25, 0.75]).calibrationInTheLarge; // => 0
 */
export function calibrationSummary(
  yTrue: BinaryLabels,
  yProb: ArrayLike<number>,
  options: CalibrationOptions & { readonly sampleWeight?: ArrayLike<number> } = {},
): CalibrationSummary {
  const resolved = resolveOptions("calibrationSummary", options);
  return summarize(validateProbabilities(yTrue, yProb, options.sampleWeight), resolved);
}

function columnsOf(columns: Columns, rows: Uint32Array): ProbabilityColumns {
  return {
    label: take(columns.label, rows),
    score: take(columns.score!, rows),
    weight: columns.weight === undefined ? undefined : take(columns.weight, rows),
  };
}

/**
 * Calibration by group: for the overall rows and each group of the sensitive feature(s) (their
 * intersections when several are given), the measures of {@link calibrationSummary}; then a
 * likelihood-ratio test of whether calibration differs between groups, and impossibility notes.
 *
 * - Reliability curve: scikit-learn's `calibration_curve` (edges, `searchsorted(side='left')` on
 *   inner edges, non-empty bins), with counts and Wilson intervals.
 * - ECE = Σ_b (W_b/W) |ȳ_b − p̄_b|, MCE = max_b |ȳ_b − p̄_b| (Naeini et al. 2015). Binned ECE is
 *   biased upwards in small groups (each bin's |ȳ_b − p̄_b| has sampling noise): compare it with
 *   the Wilson intervals of the curve, or the Hosmer–Lemeshow p-value, before calling a gap real.
 * - Brier = REL − RES + UNC + within-bin term (Murphy 1973).
 * - Calibration slope b and intercept from `logit P(y=1) = a + b · logit(p)`; calibration
 *   intercept from `logit P(y=1) = a + logit(p)` (Cox 1958; Steyerberg, *Clinical Prediction
 *   Models*), fitted by Newton–Raphson, with standard errors from the inverse information.
 * - Group test: 2 (Σ_g ℓ_g − ℓ_shared) ~ χ²(2(k − 1)).
 * - Generalized rates (AIF360): mean score among positives / negatives; Kleinberg's balance
 *   for the positive / negative class compares them across groups.
 * - Notes: Kleinberg et al. (2016) and Chouldechova (2017) when base rates differ; the
 *   Chouldechova note uses hard predictions (`yPred`, or `yScore` at the threshold).
 *
 * Weights enter point estimates as given and inference as set by `weights`. Takes the same input object as `groupMetrics`;
 * `yScore` must be probabilities.
 *
 * Cost: O(n log n) overall plus O(n) per Newton iteration, for the overall rows and once more
 * over the groups.
 *
 * @throws FairnessInputError on invalid input or when `yScore` is missing or not probabilities
 * @throws RangeError on invalid options
 * @example
 * const r = calibrationByGroup({
 *   yTrue: [0, 1, 0, 1, 0, 0, 1, 1],
 *   yScore: [0.25, 0.75, 0.25, 0.75, 0.25, 0.25, 0.75, 0.75],
 *   sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b"],
 * });
 * r.byGroup.map((g) => g.summary?.calibrationInTheLarge); // => [0, 0]
 *
 * @category Calibration
 */
export function calibrationByGroup(
  input: FairnessInput,
  options: CalibrationOptions = {},
): CalibrationByGroupResult {
  return calibrationByGroupOfColumns(prepare(input), options);
}

/** {@link calibrationByGroup} on already prepared columns. */
export function calibrationByGroupOfColumns(
  columns: Columns,
  options: CalibrationOptions = {},
): CalibrationByGroupResult {
  const resolved = resolveOptions("calibrationByGroup", options);
  if (columns.score === undefined) {
    throw new FairnessInputError([
      {
        code: "missing_field",
        path: ["yScore"],
        message: "calibration needs predicted probabilities in yScore",
      },
    ]);
  }
  if (columns.scoreKind === "margin") {
    throw new FairnessInputError([
      {
        code: "invalid_option",
        path: ["scores"],
        message:
          "calibration needs probabilities; margins (scores: 'margin') are not calibrated probabilities",
      },
    ]);
  }
  const all: ProbabilityColumns = {
    label: columns.label,
    score: columns.score,
    weight: columns.weight,
  };
  const overall = summarizeWithFit(all, resolved);
  const k = columns.groups.keys.length;
  const partition = partitionRows(columns.group, k);
  // Each group's slope fit, reused by the group test (the same fit on the same rows).
  const slopes: (SlopeFit | undefined)[] = [];
  const byGroup: CalibrationGroup[] = columns.groups.keys.map((key, g) => {
    const rows = partition.rows.subarray(partition.offsets[g]!, partition.offsets[g + 1]!);
    const c = columnsOf(columns, rows);
    const weighted = c.weight === undefined ? rows.length : c.weight.reduce((s, w) => s + w, 0);
    const fitted = weighted > 0 ? summarizeWithFit(c, resolved) : undefined;
    slopes.push(fitted?.slope);
    return { key, label: groupLabel(key), count: rows.length, summary: fitted?.summary };
  });
  const notes: CalibrationNote[] = [];
  const kleinberg = kleinbergNote(
    byGroup.flatMap((g) =>
      g.summary === undefined
        ? []
        : [
            {
              group: g.label,
              baseRate: g.summary.baseRate,
              meanScore: g.summary.meanPrediction,
              generalizedTruePositiveRate: g.summary.generalizedRates.truePositiveRate,
              generalizedFalsePositiveRate: g.summary.generalizedRates.falsePositiveRate,
            },
          ],
    ),
  );
  if (kleinberg) notes.push(kleinberg);
  if (columns.pred !== undefined) {
    const confusion = countConfusion(columns);
    const chouldechova = chouldechovaNote(
      byGroup.map((g, i) => ({ group: g.label, counts: confusionOf(confusion, i) })),
    );
    if (chouldechova) notes.push(chouldechova);
  }
  return new CalibrationByGroupResult({
    groups: columns.groups,
    overall: overall.summary,
    byGroup,
    groupCalibrationTest: groupCalibrationTestOfFits(
      overall.slope,
      slopes,
      weightScale(columns.weight, resolved.weights),
    ),
    notes,
  });
}
