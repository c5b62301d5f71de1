/**
 * The audit's options and their defaults, in one place.
 */

import type { NumberArray } from "../data/inputTypes.js";
import type { ReferenceKind } from "../data/reference.js";
import type { GroupSelector } from "../data/selector.js";
import { type CriterionId, DEFAULT_CRITERIA, getCriterion } from "../disparity/registry.js";
import type { ZeroDivision } from "../metrics/evaluate.js";
import { DEFAULT_RATE_METRICS, type MetricId, metricIdsOf } from "../metrics/registry.js";
import type { StandardizationTarget } from "../standardization/standardize.js";
import { MAX_BOOTSTRAP_REPLICATES } from "../uncertainty/countBootstrap.js";
import { checkMinDenominator } from "../uncertainty/rateInterval.js";
import { DEFAULT_FINDING_THRESHOLDS, type FindingThresholds } from "./findings.js";
import type { AuditScanOptions } from "./subgroupScan.js";

/** Which group the others are compared with. */
export type ReferenceChoice =
  | "largest"
  | "overall"
  | {
      /** The group's levels, one per feature (a single level for one feature). */
      readonly group: GroupSelector;
    }
  | {
      /** The group's label, e.g. "Female, White". */
      readonly label: string;
    };

/**
 * Options of {@link audit}; the defaults suit a first look at a binary classifier.
 *
 * @category Reports
 */
export interface AuditOptions {
  /**
   * Metric ids. @defaultValue count, baseRate, selectionRate, truePositiveRate,
   * falsePositiveRate, falseNegativeRate, precision, accuracy; plus rocAuc with scores and
   * brierScore with probability scores
   */
  readonly metrics?: readonly MetricId[];
  /**
   * The reference of gaps: the largest group (by unweighted count), the overall population, a
   * group by its levels (`{ group: "Female" }`, `{ group: ["Female", "White"] }`) or by its
   * label (`{ label: "Female, White" }`). @defaultValue "largest"
   */
  readonly reference?: ReferenceChoice;
  /**
   * Criterion ids (`CRITERIA`) to report, each when its metrics are computed.
   * @defaultValue demographic parity, equal opportunity, equalized odds and predictive parity
   * (differences and ratios) and the accuracy difference
   */
  readonly criteria?: readonly CriterionId[];
  /** Groups with fewer rows are flagged as small. @defaultValue 30 */
  readonly minGroupSize?: number;
  /** Value of a rate whose denominator is zero. @defaultValue "nan" */
  readonly zeroDivision?: ZeroDivision;
  /** Seed of every random choice (bootstrap intervals), recorded in the report. */
  readonly seed?: number;
  /** Title shown by the renderers. */
  readonly title?: string;
  /**
   * Confidence intervals: stratified bootstrap (percentile) intervals on every group's value,
   * the between-group disparities and the criteria, and Newcombe intervals on each group's gap
   * to the reference for proportions (unweighted data); `false` for none. Score metrics (AUC,
   * Brier) resample rows, which costs far more, so they get intervals only with
   * `scoreMetrics: true`. @defaultValue { level: 0.95, nBoot: 1000, scoreMetrics: false }
   */
  readonly intervals?:
    | false
    | {
        /** Confidence level. @defaultValue 0.95 */
        readonly level?: number;
        /** Bootstrap resamples. @defaultValue 1000 */
        readonly nBoot?: number;
        /** Whether score metrics get bootstrap intervals too. @defaultValue false */
        readonly scoreMetrics?: boolean;
      };
  /** Bins of the reliability diagrams (probability scores only). @defaultValue 10 */
  readonly calibrationBins?: number;
  /**
   * Rates whose own denominator (positives for TPR, negatives for FPR, predicted positives for
   * PPV, rows for selection rate and accuracy) is below this are flagged `small` and get the
   * exact interval (see `rateInterval`). Must be ≥ 1. @defaultValue 30
   */
  readonly minDenominator?: number;
  /**
   * Groups with fewer rows are suppressed: their values are shown as suppressed (never 0) and
   * left out of every disparity and criterion, with a note. @defaultValue 0 (none)
   */
  readonly suppressBelow?: number;
  /**
   * A reference population by group label (census or catchment shares, or counts with
   * `referenceKind: "counts"`): adds the representation section and its findings.
   */
  readonly referenceShares?: Readonly<Record<string, number>>;
  /** Whether `referenceShares` holds shares (summing to 1 within 1e-6) or counts. @defaultValue "shares" */
  readonly referenceKind?: ReferenceKind;
  /** Gap sizes at which findings become warnings and notices. @defaultValue { warningGap: 0.1, noticeGap: 0.05 } */
  readonly findings?: FindingThresholds;
  /**
   * A target population: the count metrics and criteria are also reported under
   * post-stratification or raking weights to it, with each group's effective sample size.
   */
  readonly standardization?: StandardizationTarget;
  /**
   * The bias scan over features you did not group by (the report's "Subgroups nobody declared"):
   * the search features, aligned with the input rows, and `biasScan`'s options (here the top 3
   * subgroups with 199 null reruns by default). No scan without it.
   */
  readonly scan?: AuditScanOptions;
  /**
   * Net benefit by group (decision-curve analysis, `decisionCurve`) at these decision
   * thresholds, each in (0, 1), with the decision curves on `grid`; needs scores. Intervals
   * follow `intervals`. @defaultValue undefined (no net-benefit section)
   */
  readonly netBenefit?: {
    /** Decision thresholds, each in (0, 1). */
    readonly thresholds: readonly number[];
    /** Thresholds of the decision curves. @defaultValue 0.01, 0.02, …, 0.99 */
    readonly grid?: readonly number[];
  };
  /**
   * The calibration hierarchy by group (`calibrationHierarchy`): O/E, calibration intercept and
   * slope with intervals, the lowess calibration curve with ICI, E90, Emax, and a verdict in
   * words; probability scores only. Its bootstrap (of the smooth curve) uses `nBoot`
   * replicates when `intervals` are on. @defaultValue false
   */
  readonly calibrationHierarchy?:
    | boolean
    | {
        /** Replicates of the smooth-curve bootstrap. @defaultValue 200 */
        readonly nBoot?: number;
      };
  /**
   * Time-to-event evaluation (`survivalByGroup`): observed times and event indicators,
   * row-aligned with the input, with `yScore` as the predicted risk; Harrell's and Uno's C by
   * group, the cross-group matrix and calibration at the horizon.
   */
  readonly survival?: {
    /** Observed time of each row (event or censoring), > 0. */
    readonly time: NumberArray;
    /** 1 when the event was observed, 0 when censored. */
    readonly event: NumberArray;
    /** Horizon of Uno's C and of calibration. @defaultValue the last event time */
    readonly horizon?: number;
  };
}

/** Metrics without gaps: they describe the data, not the model's treatment of groups. */
export const DESCRIPTIVE = new Set(["count", "weightedCount", "baseRate"]);

/** The default metrics without scores. */
export const DEFAULT_METRICS: readonly MetricId[] = ["count", "baseRate", ...DEFAULT_RATE_METRICS];

/**
 * {@link AuditOptions} with every default filled in; `Id` is the task's metric id type (a binary
 * audit's {@link MetricId}).
 */
export interface ResolvedAuditOptions<Id extends string = string> {
  readonly metrics: readonly Id[];
  readonly criteria: readonly CriterionId[];
  readonly reference: ReferenceChoice;
  readonly minGroupSize: number;
  readonly zeroDivision: ZeroDivision;
  readonly seed: number | undefined;
  readonly title: string | undefined;
  readonly intervals:
    | { readonly level: number; readonly nBoot: number; readonly scoreMetrics: boolean }
    | undefined;
  readonly calibrationBins: number;
  readonly minDenominator: number;
  readonly suppressBelow: number;
  readonly findings: { readonly warningGap: number; readonly noticeGap: number };
  readonly referenceShares: Readonly<Record<string, number>> | undefined;
  readonly referenceKind: ReferenceKind;
}

/** What the data hold, which decides the default metrics. */
export interface AuditData {
  /** Whether there are scores (adds rocAuc). */
  readonly scores: boolean;
  /** Whether the scores are probabilities (adds brierScore). */
  readonly probabilities: boolean;
}

function checkReplicates(nBoot: number): number {
  if (!(Number.isInteger(nBoot) && nBoot >= 2 && nBoot <= MAX_BOOTSTRAP_REPLICATES)) {
    throw new RangeError(
      `audit: intervals.nBoot must be an integer in [2, ${MAX_BOOTSTRAP_REPLICATES}], got ${nBoot}`,
    );
  }
  return nBoot;
}

/** Every key of {@link AuditOptions} (the record type makes the list exhaustive). */
export const AUDIT_OPTION_KEYS = Object.keys({
  metrics: true,
  reference: true,
  criteria: true,
  minGroupSize: true,
  zeroDivision: true,
  seed: true,
  title: true,
  intervals: true,
  calibrationBins: true,
  minDenominator: true,
  suppressBelow: true,
  referenceShares: true,
  referenceKind: true,
  findings: true,
  scan: true,
  netBenefit: true,
  calibrationHierarchy: true,
  survival: true,
  standardization: true,
} satisfies Record<keyof AuditOptions, true>);

/**
 * Fills the defaults of {@link AuditOptions} and checks them (programmer errors): the one place
 * the audit's defaults live, used by `audit`, the SQL report and the CLI.
 */
export function resolveAuditOptions(
  data: AuditData,
  options: AuditOptions,
): ResolvedAuditOptions<MetricId> {
  const metrics = metricIdsOf(
    options.metrics ?? [
      ...DEFAULT_METRICS,
      ...(data.scores ? (["rocAuc"] as const) : []),
      ...(data.probabilities ? (["brierScore"] as const) : []),
    ],
    "audit",
  );
  const criteria = options.criteria ?? DEFAULT_CRITERIA;
  for (const id of criteria) {
    const criterion = getCriterion(id);
    if (criterion === undefined) {
      throw new RangeError(`audit: unknown criterion ${JSON.stringify(id)}`);
    }
    if ((criterion.task ?? "binary") !== "binary") {
      throw new RangeError(
        `audit: ${id} is a ${criterion.task} criterion: use ${criterion.task === "regression" ? "auditRegression" : "auditMulticlass"}`,
      );
    }
  }
  const minGroupSize = options.minGroupSize ?? 30;
  if (!Number.isInteger(minGroupSize) || minGroupSize < 0) {
    throw new RangeError(`audit: minGroupSize must be a non-negative integer, got ${minGroupSize}`);
  }
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) {
    throw new RangeError(`audit: seed must be a safe integer, got ${options.seed}`);
  }
  const reference = options.reference ?? "largest";
  if (reference !== "largest" && reference !== "overall" && typeof reference !== "object") {
    throw new RangeError(
      `audit: reference must be 'largest', 'overall' or { group }, got ${JSON.stringify(reference)}`,
    );
  }
  const calibrationBins = options.calibrationBins ?? 10;
  if (!Number.isInteger(calibrationBins) || calibrationBins < 1) {
    throw new RangeError(
      `audit: calibrationBins must be a positive integer, got ${calibrationBins}`,
    );
  }
  const minDenominator = options.minDenominator ?? 30;
  checkMinDenominator("audit", minDenominator);
  const suppressBelow = options.suppressBelow ?? 0;
  if (!(Number.isFinite(suppressBelow) && suppressBelow >= 0)) {
    throw new RangeError(`audit: suppressBelow must be a finite number >= 0, got ${suppressBelow}`);
  }
  const findings = { ...DEFAULT_FINDING_THRESHOLDS, ...options.findings };
  if (!(findings.warningGap >= 0 && findings.noticeGap >= 0)) {
    throw new RangeError("audit: findings.warningGap and findings.noticeGap must be >= 0");
  }
  const iv = options.intervals ?? {};
  return {
    minDenominator,
    suppressBelow,
    findings,
    referenceShares: options.referenceShares,
    referenceKind: options.referenceKind ?? "shares",
    metrics: [...metrics],
    criteria: [...criteria],
    reference,
    minGroupSize,
    zeroDivision: options.zeroDivision ?? "nan",
    seed: options.seed,
    title: options.title,
    intervals:
      iv === false
        ? undefined
        : {
            level: iv.level ?? 0.95,
            nBoot: checkReplicates(iv.nBoot ?? 1000),
            scoreMetrics: iv.scoreMetrics ?? false,
          },
    calibrationBins,
  };
}
