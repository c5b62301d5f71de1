/**
 * The calibration hierarchy of Van Calster et al. (J Clin Epidemiol 74:167–176, 2016) per group:
 * mean calibration (observed/expected ratio and calibration intercept, with intervals), weak
 * calibration (calibration slope and intercept, with intervals) and moderate calibration (the
 * smooth calibration curve against the diagonal, with ICI), and a verdict in words.
 */

import type { Columns, Level } from "../data/columns.js";
import type { FairnessInput } from "../data/inputTypes.js";
import { prepare } from "../data/prepare.js";
import {
  DEFAULT_LOGIT_CLIP,
  fitInterceptWithOffset,
  fitSlope,
  logitColumn,
  rescaleInterceptFit,
  rescaleSlopeFit,
} from "../metrics/calibration/recalibration.js";
import { totals } from "../metrics/calibration/scalar.js";
import type { ProbabilityColumns } from "../metrics/calibration/validate.js";
import { weightScale } from "../metrics/calibration/validate.js";
import { normalQuantile } from "../stats/distributions.js";
import { partitionRows, take } from "../stats/partition.js";
import {
  type FlexibleCalibrationOptions,
  type FlexibleCalibrationSummary,
  flexibleCalibrationOfColumns,
} from "./flexible.js";

/** Options of {@link calibrationHierarchy}. */
export interface CalibrationHierarchyOptions extends FlexibleCalibrationOptions {
  /** Confidence level of every interval. @defaultValue 0.95 */
  readonly level?: number;
  /** p is clipped to [logitClip, 1 − logitClip] before logit(p). @defaultValue 1e-6 */
  readonly logitClip?: number;
}

/** An estimate with its confidence interval. */
export interface EstimateWithInterval {
  /** The estimate. */
  readonly estimate: number;
  /** Lower bound. */
  readonly lower: number;
  /** Upper bound. */
  readonly upper: number;
}

/** The level of the hierarchy a group reaches (each level includes the ones below it). */
export type CalibrationLevel = "none" | "mean" | "weak" | "moderate";

/** The hierarchy for one set of rows. */
export interface CalibrationAssessment {
  /** Mean calibration: O/E and calibration intercept (slope fixed at 1). */
  readonly mean: {
    /** Σw·y / Σw·p with a log-scale Poisson interval (exact upper bound when no event). */
    readonly observedExpected: EstimateWithInterval;
    /** a in logit P(y=1) = a + logit(p), with a Wald interval. */
    readonly calibrationIntercept: EstimateWithInterval;
    /** Whether the O/E interval contains 1. */
    readonly met: boolean;
  };
  /** Weak calibration: logistic recalibration logit P(y=1) = a + b · logit(p). */
  readonly weak: {
    /** b with a Wald interval (NaN when the fit does not converge). */
    readonly slope: EstimateWithInterval;
    /** a with a Wald interval. */
    readonly intercept: EstimateWithInterval;
    /** Whether the slope interval contains 1 (false when the fit did not converge). */
    readonly met: boolean;
  };
  /** Moderate calibration: the smooth (lowess) curve against the diagonal. */
  readonly moderate: {
    /** ICI, E50, E90, Emax and the smooth curve with its band. */
    readonly flexible: FlexibleCalibrationSummary;
    /** Grid points where the simultaneous band excludes the diagonal (undefined without bootstrap). */
    readonly pointsOffDiagonal: number | undefined;
    /** Whether the simultaneous band contains the diagonal everywhere (undefined without bootstrap). */
    readonly met: boolean | undefined;
  };
  /** The highest level reached. */
  readonly level: CalibrationLevel;
  /** The assessment in sentences. */
  readonly verdict: string;
}

/** One group of {@link calibrationHierarchy}. */
export interface CalibrationHierarchyGroup {
  /** One level per sensitive feature. */
  readonly key: readonly Level[];
  /** Levels joined with ", ". */
  readonly label: string;
  /** Rows. */
  readonly count: number;
  /** The group's assessment; undefined for an empty group. */
  readonly assessment: CalibrationAssessment | undefined;
}

/** Result of {@link calibrationHierarchy}. */
export interface CalibrationHierarchyResult {
  /** Confidence level of the intervals. */
  readonly level: number;
  /** All rows. */
  readonly overall: CalibrationAssessment;
  /** Each group, in level order. */
  readonly byGroup: readonly CalibrationHierarchyGroup[];
}

/**
 * The calibration hierarchy per group (Van Calster et al. 2016):
 * - mean: O/E = Σw·y / Σw·p with interval exp(log(O/E) ± z / √O) (O Poisson; Debray et al.,
 *   BMJ 2017), and when O = 0 the exact upper bound −ln(α/2) / E; the calibration intercept a of
 *   logit P(y=1) = a + logit(p) with a ± z·se. Met when the O/E interval contains 1.
 * - weak: slope b and intercept a of logit P(y=1) = a + b·logit(p) with Wald intervals. Met
 *   when mean calibration is met and the slope interval contains 1. A slope below 1 means
 *   predictions are too extreme (spread too wide), above 1 too modest (spread too narrow).
 * - moderate: the lowess calibration curve and ICI (see `flexibleCalibrationByGroup`); met when
 *   weak calibration is met and the simultaneous bootstrap band of the curve contains the
 *   diagonal at every grid point (a pointwise band would exclude it somewhere by chance).
 * Weights are relative (rescaled to sum to the weighted rows) for the standard errors.
 *
 * Cost: as `flexibleCalibrationByGroup`, plus O(n) per Newton iteration of the two fits.
 *
 * @throws FairnessInputError when `yScore` is missing or not probabilities
 * @example
 * const r = calibrationHierarchy(
 *   { yTrue: [0, 1, 0, 1, 1, 0, 0, 1], yScore: [0.2, 0.8, 0.3, 0.7, 0.6, 0.4, 0.1, 0.9], sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b"] },
 *   { bootstrap: false },
 * );
 * r.byGroup.map((g) => g.assessment?.mean.met); // => [true, true]
 */
export function calibrationHierarchy(
  input: FairnessInput,
  options: CalibrationHierarchyOptions = {},
): CalibrationHierarchyResult {
  return calibrationHierarchyOfColumns(prepare(input), options);
}

/** {@link calibrationHierarchy} on prepared columns. */
export function calibrationHierarchyOfColumns(
  columns: Columns,
  options: CalibrationHierarchyOptions = {},
): CalibrationHierarchyResult {
  const level = options.level ?? 0.95;
  const clip = options.logitClip ?? DEFAULT_LOGIT_CLIP;
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`calibrationHierarchy: level must be in (0, 1), got ${level}`);
  }
  if (!(clip > 0 && clip < 0.5)) {
    throw new RangeError(`calibrationHierarchy: logitClip must be in (0, 0.5), got ${clip}`);
  }
  const bootstrap = options.bootstrap === false ? false : { level, ...(options.bootstrap ?? {}) };
  const flexible = flexibleCalibrationOfColumns(columns, { ...options, bootstrap });
  const score = columns.score as Float64Array;
  const k = columns.groups.keys.length;
  const partition = partitionRows(columns.group, k);
  const assess = (rows: Uint32Array, summary: FlexibleCalibrationSummary) =>
    assessment(
      {
        label: take(columns.label, rows),
        score: take(score, rows),
        weight: columns.weight === undefined ? undefined : take(columns.weight, rows),
      },
      summary,
      level,
      clip,
    );
  const all = Uint32Array.from({ length: columns.n }, (_, i) => i);
  return {
    level,
    overall: assess(all, flexible.overall),
    byGroup: flexible.byGroup.map((g, i) => ({
      key: g.key,
      label: g.label,
      count: g.count,
      assessment:
        g.summary === undefined
          ? undefined
          : assess(
              partition.rows.subarray(partition.offsets[i], partition.offsets[i + 1]),
              g.summary,
            ),
    })),
  };
}

const contains = (e: EstimateWithInterval, value: number) => e.lower <= value && value <= e.upper;

function assessment(
  c: ProbabilityColumns,
  flexible: FlexibleCalibrationSummary,
  level: number,
  clip: number,
): CalibrationAssessment {
  const z = normalQuantile(1 - (1 - level) / 2);
  const scale = weightScale(c.weight, "relative");
  const t = totals(c);
  const observed = t.sumY * scale;
  const expected = t.sumP * scale;
  const ratio = t.sumY / t.sumP;
  const observedExpected: EstimateWithInterval =
    observed > 0
      ? {
          estimate: ratio,
          lower: ratio * Math.exp(-z / Math.sqrt(observed)),
          upper: ratio * Math.exp(z / Math.sqrt(observed)),
        }
      : { estimate: ratio, lower: 0, upper: -Math.log((1 - level) / 2) / expected };
  const logit = logitColumn(c.score, clip);
  const offset = rescaleInterceptFit(fitInterceptWithOffset(c.label, logit, c.weight), scale);
  const wald = (estimate: number, se: number, ok: boolean): EstimateWithInterval =>
    ok && Number.isFinite(se)
      ? { estimate, lower: estimate - z * se, upper: estimate + z * se }
      : { estimate: Number.NaN, lower: Number.NaN, upper: Number.NaN };
  const slopeFit = rescaleSlopeFit(fitSlope(c.label, logit, c.weight), scale);
  const mean = {
    observedExpected,
    calibrationIntercept: wald(offset.intercept, offset.seIntercept, offset.converged),
    met: contains(observedExpected, 1),
  };
  const slope = wald(slopeFit.slope, slopeFit.seSlope, slopeFit.converged);
  const weak = {
    slope,
    intercept: wald(slopeFit.intercept, slopeFit.seIntercept, slopeFit.converged),
    met: slopeFit.converged && contains(slope, 1),
  };
  const curve = flexible.curve;
  const banded = curve.simultaneousHalfWidth.some((v) => !Number.isNaN(v));
  const off = banded
    ? curve.predicted.filter(
        (p, i) => !(Math.abs(curve.observed[i]! - p) <= curve.simultaneousHalfWidth[i]!),
      ).length
    : undefined;
  const moderate = {
    flexible,
    pointsOffDiagonal: off,
    met: off === undefined ? undefined : off === 0,
  };
  const reached: CalibrationLevel = !mean.met
    ? "none"
    : !weak.met
      ? "mean"
      : moderate.met === true
        ? "moderate"
        : "weak";
  return { mean, weak, moderate, level: reached, verdict: verdict(mean, weak, moderate, level) };
}

const fixed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : "n/a");
const ci = (e: EstimateWithInterval, level: number, digits: number) =>
  `${Math.round(level * 100)}% CI ${fixed(e.lower, digits)}–${fixed(e.upper, digits)}`;

function verdict(
  mean: CalibrationAssessment["mean"],
  weak: CalibrationAssessment["weak"],
  moderate: CalibrationAssessment["moderate"],
  level: number,
): string {
  const oe = mean.observedExpected;
  const oeText = `O/E ${fixed(oe.estimate, 2)}, ${ci(oe, level, 2)}`;
  const first = mean.met
    ? `predictions are right on average (${oeText})`
    : oe.estimate < 1
      ? `predictions are too high on average (${oeText})`
      : `predictions are too low on average (${oeText})`;
  const s = weak.slope;
  const slopeText = `slope ${fixed(s.estimate, 2)}, ${ci(s, level, 2)}`;
  const second = Number.isNaN(s.estimate)
    ? "the calibration slope cannot be estimated (no events, no non-events or separated scores)"
    : weak.met
      ? `spread is about right (${slopeText})`
      : s.estimate < 1
        ? `spread is too wide: risks are too extreme (${slopeText})`
        : `spread is too narrow: risks are too modest (${slopeText})`;
  const f = moderate.flexible;
  const iciText = `ICI ${fixed(f.ici, 3)}, E90 ${fixed(f.e90, 3)}`;
  const third =
    moderate.met === undefined
      ? `the smooth calibration curve lies ${fixed(f.ici, 3)} from the diagonal on average (${iciText})`
      : moderate.met
        ? `the diagonal lies within the smooth calibration curve's simultaneous band (${iciText})`
        : `the smooth calibration curve departs from the diagonal beyond its simultaneous band at ${moderate.pointsOffDiagonal} of ${f.curve.predicted.length} points (${iciText})`;
  return `${first}; ${second}; ${third}.`;
}
