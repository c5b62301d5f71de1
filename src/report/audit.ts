/**
 * `audit`: everything fairscope computes for one dataset, as one {@link FairnessReport}.
 */
import type { Columns } from "../data/columns.js";
import { FairnessInputError } from "../data/errors.js";
import { prepare } from "../data/prepare.js";
import type { ReferenceKind } from "../data/reference.js";
import type { FairnessInput } from "../data/schema.js";
import type { GroupSelector } from "../data/selector.js";
import { combineParts, differenceOf, ratioOf } from "../disparity/aggregate.js";
import { type CriterionId, DEFAULT_CRITERIA, getCriterion } from "../disparity/registry.js";
import { groupMetricsOfColumns } from "../frame/groupMetrics.js";
import type { GroupMetricsResult, GroupMetricsWarning } from "../frame/result.js";
import type { ZeroDivision } from "../metrics/evaluate.js";
import { DEFAULT_RATE_METRICS, getMetric } from "../metrics/registry.js";
import { addCompensated } from "../stats/summation.js";
import { checkMinDenominator } from "../uncertainty/rateInterval.js";
import {
  bootstrapIntervals,
  calibrationSection,
  gapIntervals,
  type IntervalSection,
  predictionNotes,
} from "./enrich.js";
import { DEFAULT_FINDING_THRESHOLDS, type FindingThresholds, findingsOf } from "./findings.js";
import { FairnessReport } from "./report.js";
import { representationSection } from "./representation.js";
import { rocCurves } from "./roc.js";
import {
  type Criterion,
  type Disparity,
  type Estimate,
  type FairnessReportData,
  type GroupResult,
  type InputSummary,
  type Interval,
  type MetricInfo,
  REPORT_SCHEMA_VERSION,
  type ReportOptions,
  type ReportWarning,
} from "./schema.js";
import { applySmallGroupRules } from "./smallGroups.js";
import { FAIRSCOPE_VERSION } from "./version.js";

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

/** Options of {@link audit}; the defaults suit a first look at a binary classifier. */
export interface AuditOptions {
  /**
   * Metric ids. @defaultValue count, baseRate, selectionRate, truePositiveRate,
   * falsePositiveRate, falseNegativeRate, precision, accuracy; plus rocAuc with scores and
   * brierScore with probability scores
   */
  readonly metrics?: readonly string[];
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
}

/** Metrics without gaps: they describe the data, not the model's treatment of groups. */
export const DESCRIPTIVE = new Set(["count", "weightedCount", "baseRate"]);

/** The default metrics without scores. */
export const DEFAULT_METRICS = ["count", "baseRate", ...DEFAULT_RATE_METRICS];

/** Where each criterion is explained. */
export const CRITERION_GUIDE =
  "https://github.com/fairscope/fairscope/blob/main/docs/choosing-a-criterion.md";

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);
const est = (v: number): Estimate => ({ value: num(v) });
const withInterval = (e: Estimate, interval: Interval | undefined): Estimate =>
  interval ? { ...e, interval } : e;

interface ResolvedAuditOptions {
  readonly metrics: readonly string[];
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
}

/** Fills the defaults of {@link AuditOptions} and checks them (programmer errors). */
export function resolveAuditOptions(columns: Columns, options: AuditOptions): ResolvedAuditOptions {
  const probability = columns.score !== undefined && columns.scoreKind === "probability";
  const metrics = options.metrics ?? [
    ...DEFAULT_METRICS,
    ...(columns.score ? ["rocAuc"] : []),
    ...(probability ? ["brierScore"] : []),
  ];
  for (const id of metrics) {
    if (getMetric(id) === undefined) {
      throw new RangeError(`audit: unknown metric ${JSON.stringify(id)}`);
    }
  }
  const criteria = options.criteria ?? DEFAULT_CRITERIA;
  for (const id of criteria) {
    if (getCriterion(id) === undefined) {
      throw new RangeError(`audit: unknown criterion ${JSON.stringify(id)}`);
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
            nBoot: iv.nBoot ?? 1000,
            scoreMetrics: iv.scoreMetrics ?? false,
          },
    calibrationBins,
  };
}

function groupWeights(columns: Columns): Float64Array | undefined {
  const { weight } = columns;
  if (weight === undefined) return undefined;
  const k = columns.groups.keys.length;
  const sum = new Float64Array(k);
  const comp = new Float64Array(k);
  for (let r = 0; r < columns.n; r++) addCompensated(sum, comp, columns.group[r]!, weight[r]!);
  return sum.map((s, g) => s + comp[g]!);
}

function summarize(columns: Columns, input: FairnessInput, base: number): InputSummary {
  const weights = groupWeights(columns);
  return {
    rows: columns.n,
    weighted: weights !== undefined,
    weightSum: weights ? weights.reduce((a, b) => a + b, 0) : columns.n,
    features: [...columns.groups.featureNames],
    groups: columns.groups.keys.length,
    emptyGroups: 0,
    baseRate: num(base),
    predictions: input.yPred !== undefined ? "given" : "thresholded",
    scores: columns.scoreKind ?? null,
    threshold:
      input.yPred !== undefined
        ? null
        : (input.threshold ?? (columns.scoreKind === "margin" ? 0 : 0.5)),
    thresholdRule: input.yPred !== undefined ? null : (input.thresholdRule ?? ">="),
  };
}

/** The reference group's index in `byGroup`, or undefined for the overall population. */
export function referenceIndex(
  result: GroupMetricsResult,
  choice: ReferenceChoice,
): number | undefined {
  if (choice === "overall") return undefined;
  if (choice === "largest") {
    let best = 0;
    result.byGroup.forEach((g, i) => {
      if (g.count > result.byGroup[best]!.count) best = i;
    });
    return best;
  }
  if ("group" in choice) return result.groupIndex(choice.group);
  const index = result.byGroup.findIndex((g) => g.label === choice.label && g.count > 0);
  const same = result.byGroup.filter((g) => g.label === choice.label && g.count > 0);
  if (same.length > 1) {
    throw new FairnessInputError([
      {
        code: "invalid_option",
        path: ["reference"],
        message: `label ${JSON.stringify(choice.label)} names ${same.length} groups (keys ${same.map((g) => JSON.stringify(g.key)).join(", ")}); choose one by its key: reference: { group: key }`,
      },
    ]);
  }
  if (index < 0) {
    throw new FairnessInputError([
      {
        code: "unknown_group",
        path: ["reference"],
        message: `no rows in group ${JSON.stringify(choice.label)}; groups are ${result.byGroup
          .filter((g) => g.count > 0)
          .map((g) => JSON.stringify(g.label))
          .join(", ")}`,
      },
    ]);
  }
  return index;
}

/** Gaps of every group to the reference and between groups, per metric. */
export function disparities(
  result: GroupMetricsResult,
  ids: readonly string[],
  ref: number | undefined,
  intervals: IntervalSection | undefined,
  gapIv: ReadonlyMap<string, ReadonlyMap<string, Interval>>,
): Disparity[] {
  const present = result.byGroup.filter((g) => g.count > 0);
  const refLabel = ref === undefined ? "overall" : result.byGroup[ref]!.label;
  return ids.map((id) => {
    const base = ref === undefined ? result.overall[id]! : result.byGroup[ref]!.values[id]!;
    const others = present.filter((g) => ref === undefined || g !== result.byGroup[ref]);
    const gaps = others.map((g) => ({
      group: g.label,
      count: g.count,
      difference: withInterval(est(g.values[id]! - base), gapIv.get(id)?.get(g.label)),
      ratio: est(g.values[id]! / base),
    }));
    const between = intervals?.betweenGroups[id];
    const values = present.map((g) => g.values[id]!);
    const otherValues = others.map((g) => g.values[id]!);
    const method = ref === undefined ? "toOverall" : "toReference";
    return {
      metric: id,
      reference: refLabel,
      difference: est(differenceOf(otherValues, base, method)),
      ratio: est(ratioOf(otherValues, base, method)),
      betweenGroups: {
        difference: withInterval(
          est(differenceOf(values, Number.NaN, "betweenGroups")),
          between?.difference,
        ),
        ratio: withInterval(est(ratioOf(values, Number.NaN, "betweenGroups")), between?.ratio),
      },
      gaps,
    };
  });
}

/** The criteria `ids` (registry ids) whose metrics were computed, between groups. */
export function criteria(
  result: GroupMetricsResult,
  intervals: IntervalSection | undefined,
  ids: readonly CriterionId[] = DEFAULT_CRITERIA,
): Criterion[] {
  const difference = result.difference();
  const ratio = result.ratio();
  return ids.flatMap((id) => {
    const c = getCriterion(id)!;
    if (!c.metrics.every((m) => result.metrics.includes(m))) return [];
    const values = c.comparison === "difference" ? difference : ratio;
    const value = combineParts(
      c.metrics.map((m) => values[m]!),
      c.comparison,
      c.aggregation,
    );
    return [
      {
        id: c.id,
        name: c.name,
        metrics: [...c.metrics],
        comparison: c.comparison,
        method: "betweenGroups" as const,
        value: num(value),
        ...(intervals?.criteria[c.id] ? { interval: intervals.criteria[c.id]! } : {}),
        ideal: c.ideal,
        guide: `${CRITERION_GUIDE}#${c.id.toLowerCase()}`,
      },
    ];
  });
}

/**
 * The report's warnings: the metric warnings of the computation, then one per small or empty
 * group (fewer rows than `minGroupSize`).
 */
export function reportWarnings(
  metricWarnings: readonly GroupMetricsWarning[],
  groups: readonly GroupResult[],
  minGroupSize: number,
): ReportWarning[] {
  return [
    ...metricWarnings.map((w) => ({
      code: w.code,
      metric: w.metric,
      ...(w.group === undefined ? {} : { group: w.group }),
      message: w.message,
    })),
    ...groups
      .filter((g) => g.small)
      .map((g) => ({
        code: g.count === 0 ? "emptyGroup" : "smallGroup",
        group: g.label,
        message:
          g.count === 0
            ? `group ${g.label} has no rows`
            : `group ${g.label} has ${g.count} rows, fewer than minGroupSize ${minGroupSize}; its values are unreliable`,
      })),
  ];
}

/**
 * Audits a classifier's outcomes for fairness: per-group metrics (with rocAuc and brierScore for
 * probability scores), gaps of every group against a reference group (the largest by default)
 * and between groups, the named criteria (demographic parity, equal opportunity, equalized odds,
 * predictive parity, accuracy), confidence intervals (seeded stratified bootstrap for values,
 * disparities and criteria; Newcombe for gaps of proportions), reliability diagrams and
 * calibration metrics per group (`calibrationByGroup`), warnings, small-group flags,
 * plain-language findings and the notes of Kleinberg et al. (2016) and Chouldechova (2017) on
 * criteria that cannot hold together when base rates differ.
 *
 * Cost: one `groupMetrics` pass; the bootstrap of count metrics costs about one more pass
 * (multinomial on counts, unweighted data) or `nBoot` passes (weighted rows); calibration and
 * ROC curves sort each group's scores.
 *
 * @throws FairnessInputError on invalid data or an unknown reference group; RangeError on
 * invalid options
 * @example
 * const report = audit({
 *   yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"],
 * });
 * report.criteria.find((c) => c.id === "demographicParityDifference")?.value; // => 0.5
 */
export function audit(input: FairnessInput, options: AuditOptions = {}): FairnessReport {
  const columns = prepare(input);
  const resolved = resolveAuditOptions(columns, options);
  const result = groupMetricsOfColumns(columns, {
    metrics: resolved.metrics,
    zeroDivision: resolved.zeroDivision,
  });
  const weights = groupWeights(columns);
  const ref = referenceIndex(result, resolved.reference);
  const gapIds = result.metrics.filter((id) => !DESCRIPTIVE.has(id));
  const seed = resolved.seed ?? (resolved.intervals ? 0 : undefined);
  const iv = resolved.intervals;
  const bootstrapIds = result.metrics.filter(
    (id) =>
      id !== "count" &&
      id !== "weightedCount" &&
      (iv?.scoreMetrics || getMetric(id)!.input === "counts"),
  );
  const intervals =
    iv && bootstrapIds.length > 0
      ? bootstrapIntervals(columns, bootstrapIds, {
          level: iv.level,
          nBoot: iv.nBoot,
          seed: seed!,
          minGroupSize: resolved.minGroupSize,
        })
      : undefined;
  const gapIv = iv && ref !== undefined ? gapIntervals(columns, gapIds, ref, iv.level) : new Map();
  const probability = columns.score !== undefined && columns.scoreKind === "probability";
  const calibration = probability
    ? calibrationSection(columns, resolved.calibrationBins)
    : undefined;
  const metrics: MetricInfo[] = result.metrics.map((id) => {
    const m = getMetric(id)!;
    return {
      id,
      name: m.name,
      description: m.description,
      better: m.better,
      range: [m.range[0], num(m.range[1])],
    };
  });
  const valuesOf = (
    values: Readonly<Record<string, number>>,
    ivs: Readonly<Record<string, Interval>> | undefined,
  ) =>
    Object.fromEntries(result.metrics.map((id) => [id, withInterval(est(values[id]!), ivs?.[id])]));
  const groups: GroupResult[] = result.byGroup.map((g, i) => ({
    key: [...g.key],
    label: g.label,
    count: g.count,
    ...(weights ? { weight: weights[i]! } : {}),
    small: g.count < resolved.minGroupSize,
    values: valuesOf(g.values, g.count > 0 ? intervals?.byGroup.get(g.label) : undefined),
  }));
  const warnings = reportWarnings(result.warnings, groups, resolved.minGroupSize);
  const base = groupMetricsOfColumns(columns, { metrics: ["baseRate"] });
  const summary = summarize(columns, input, base.overall.baseRate!);
  const reportOptions: ReportOptions = {
    metrics: [...resolved.metrics],
    reference:
      resolved.reference === "largest" || resolved.reference === "overall"
        ? { kind: resolved.reference }
        : { kind: "group", key: [...result.byGroup[ref!]!.key] },
    minGroupSize: resolved.minGroupSize,
    zeroDivision: resolved.zeroDivision,
    intervals: iv
      ? {
          level: iv.level,
          nBoot: iv.nBoot,
          method: intervals?.method ?? "percentileBootstrap",
          scoreMetrics: iv.scoreMetrics,
        }
      : null,
    calibrationBins: calibration ? resolved.calibrationBins : null,
    minDenominator: resolved.minDenominator,
    suppressBelow: resolved.suppressBelow,
    findings: resolved.findings,
  };
  const data: FairnessReportData = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    metadata: {
      generator: "fairscope",
      fairscopeVersion: FAIRSCOPE_VERSION,
      seed: seed ?? null,
      ...(resolved.title === undefined ? {} : { title: resolved.title }),
      input: { ...summary, emptyGroups: groups.filter((g) => g.count === 0).length },
      options: reportOptions,
    },
    metrics,
    overall: valuesOf(result.overall, intervals?.overall),
    reference: ref === undefined ? "overall" : result.byGroup[ref]!.label,
    groups,
    disparities: disparities(result, gapIds, ref, intervals, gapIv),
    criteria: criteria(result, intervals, resolved.criteria),
    findings: [],
    warnings,
    ...(calibration ? { calibration: calibration.section } : {}),
    ...(columns.score ? { roc: rocCurves(columns) } : {}),
    impossibilityNotes: calibration ? calibration.notes : predictionNotes(columns),
  };
  const checked = applySmallGroupRules(data, columns, resolved);
  const withRepresentation =
    options.referenceShares === undefined
      ? checked
      : {
          ...checked,
          representation: representationSection(
            checked.groups,
            options.referenceShares,
            options.referenceKind ?? "shares",
            iv?.level ?? 0.95,
          ),
        };
  return new FairnessReport({ ...withRepresentation, findings: findingsOf(withRepresentation) });
}
