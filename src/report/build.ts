/**
 * `buildReport`: the one place a {@link FairnessReport} is assembled, from statistics computed
 * by any engine (in memory from rows, by SQL from counts) and the context they were computed in.
 */

import { FairnessInputError } from "../data/errors.js";
import { groupId } from "../data/levels.js";
import { combineParts, differenceOf, ratioOf } from "../disparity/aggregate.js";
import { type CriterionId, DEFAULT_CRITERIA, getCriterion } from "../disparity/registry.js";
import type { GroupMetricsResult, GroupMetricsWarning } from "../frame/result.js";
import { getMetric } from "../metrics/registry.js";
import type { ConfusionStats } from "../stats/confusion.js";
import type { IntervalSection } from "./enrich.js";
import { findingsOf } from "./findings.js";
import { DESCRIPTIVE, type ReferenceChoice, type ResolvedAuditOptions } from "./options.js";
import { FairnessReport } from "./report.js";
import { representationSection } from "./representation.js";
import { REPORT_SCHEMA_VERSION } from "./schema.js";
import { applySmallGroupRules } from "./smallGroups.js";
import type {
  CalibrationHierarchySection,
  CalibrationSection,
  Criterion,
  Disparity,
  Estimate,
  FairnessReportData,
  GroupResult,
  ImpossibilityNote,
  InputSummary,
  Interval,
  MetricInfo,
  NetBenefitSection,
  ReportWarning,
  RocCurve,
  SubgroupScanSection,
  SurvivalSection,
} from "./types.js";
import { FAIRSCOPE_VERSION } from "./version.js";

/** Where each criterion is explained. */
export const CRITERION_GUIDE =
  "https://github.com/fairscope/fairscope/blob/main/docs/choosing-a-criterion.md";

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);
const est = (v: number): Estimate => ({ value: num(v) });
const withInterval = (e: Estimate, interval: Interval | undefined): Estimate =>
  interval ? { ...e, interval } : e;

/** What a report is built from: the metrics by group and the optional sections. */
export interface ReportStatistics {
  /** Metric values overall and by group (`groupMetricsOfColumns`, `groupMetricsOfConfusion`). */
  readonly metrics: GroupMetricsResult;
  /** Sum of the weights of each group, in `metrics.byGroup` order, when the data are weighted. */
  readonly groupWeights?: ArrayLike<number>;
  /** The overall base rate (weighted share of positive labels). */
  readonly baseRate: number;
  /** Bootstrap intervals of values, disparities and criteria (`bootstrapIntervals`). */
  readonly intervals?: IntervalSection;
  /** Intervals of each group's gap to the reference, by metric id then group (its groupId). */
  readonly gapIntervals?: ReadonlyMap<string, ReadonlyMap<string, Interval>>;
  /** Reliability diagrams and calibration metrics (probability scores). */
  readonly calibration?: CalibrationSection;
  /** ROC curves overall and by group (scores). */
  readonly roc?: readonly RocCurve[];
  /** The bias scan over undeclared subgroups (`audit(…, { scan })`). */
  readonly subgroupScan?: SubgroupScanSection;
  /** Net benefit by group (`audit(…, { netBenefit })`). */
  readonly netBenefit?: NetBenefitSection;
  /** The calibration hierarchy by group (`audit(…, { calibrationHierarchy })`). */
  readonly calibrationHierarchy?: CalibrationHierarchySection;
  /** Time-to-event concordance and calibration (`audit(…, { survival })`). */
  readonly survival?: SurvivalSection;
  /**
   * The confusion counts of every group (with predictions): the evidence behind each rate, its
   * interval below `minDenominator`, and suppression (`applySmallGroupRules`).
   */
  readonly confusion: ConfusionStats | undefined;
  /** Notes on criteria that cannot hold together on these data. */
  readonly impossibilityNotes: readonly ImpossibilityNote[];
  /**
   * The multiclass criteria (`classAggregation` in the registry) by id: their metrics are
   * per-class one-vs-rest rates, not group metrics of `metrics`, so the task computes them.
   */
  readonly classCriteria?: Readonly<Record<string, ClassCriterionValues>>;
  /**
   * The declaration of a metric id, for metrics of another registry (regression, multiclass).
   * @defaultValue the binary metric registry (`getMetric`)
   */
  readonly describeMetric?: (id: string) => Omit<MetricInfo, "id" | "range"> & {
    /** Range of defined values (infinite bounds allowed). */
    readonly range: readonly [number, number];
  };
}

/** A multiclass criterion's value: the worst class and each class's value. */
export interface ClassCriterionValues {
  /** The worst class's value (the criterion's value). */
  readonly value: number;
  /** Each class's value, in class order. */
  readonly byClass: readonly {
    readonly class: string | number | boolean;
    readonly value: number;
  }[];
}

/** How the statistics were computed: the options, the input's shape, and extra warnings. */
export interface ReportContext {
  /** The audit's options, defaults filled (`resolveAuditOptions`). */
  readonly options: ResolvedAuditOptions;
  /** The seed of the random choices (null when nothing was random). */
  readonly seed: number | null;
  /** How predictions were made and what scores were given. */
  readonly input: Pick<InputSummary, "predictions" | "scores" | "threshold" | "thresholdRule">;
  /** The interval method used, recorded in the options (when intervals were computed). */
  readonly intervalMethod?: string;
  /** Warnings to list first (e.g. which engine computed the report). */
  readonly warnings?: readonly ReportWarning[];
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
function disparities(
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
      difference: withInterval(est(g.values[id]! - base), gapIv.get(id)?.get(groupId(g.key))),
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
function criteria(
  result: GroupMetricsResult,
  intervals: IntervalSection | undefined,
  ids: readonly CriterionId[] = DEFAULT_CRITERIA,
  classCriteria: Readonly<Record<string, ClassCriterionValues>> = {},
): Criterion[] {
  const difference = result.difference();
  const ratio = result.ratio();
  return ids.flatMap((id) => {
    const c = getCriterion(id)!;
    const perClass = c.classAggregation === undefined ? undefined : classCriteria[c.id];
    if (c.classAggregation !== undefined && perClass === undefined) return [];
    if (perClass === undefined && !c.metrics.every((m) => result.metrics.includes(m))) return [];
    const values = c.comparison === "difference" ? difference : ratio;
    const value =
      perClass?.value ??
      combineParts(
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
        ...(perClass
          ? { byClass: perClass.byClass.map((v) => ({ class: v.class, value: num(v.value) })) }
          : {}),
      },
    ];
  });
}

/**
 * The report's warnings: the metric warnings of the computation, then one per small or empty
 * group (fewer rows than `minGroupSize`).
 */
function reportWarnings(
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
 * Assembles a {@link FairnessReport} from statistics: metric descriptions, groups (with weights,
 * small-group flags and intervals), gaps to the reference and between groups, the criteria of
 * `options.criteria` whose metrics were computed, warnings, the input summary, the optional
 * sections, and the findings. `audit`, `auditModel` and the SQL engines all build their reports
 * here.
 *
 * Cost: O(groups × metrics).
 *
 * @throws FairnessInputError when the reference group is unknown
 */
export function buildReport(statistics: ReportStatistics, context: ReportContext): FairnessReport {
  const result = statistics.metrics;
  const { options } = context;
  const intervals = statistics.intervals;
  const ref = referenceIndex(result, options.reference);
  const gapIds = result.metrics.filter((id) => !DESCRIPTIVE.has(id));
  const weights = statistics.groupWeights;
  const metrics: MetricInfo[] = result.metrics.map((id) => {
    const m = statistics.describeMetric?.(id) ?? getMetric(id)!;
    return {
      id,
      name: m.name,
      description: m.description,
      better: m.better,
      range: [num(m.range[0]), num(m.range[1])],
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
    small: g.count < options.minGroupSize,
    values: valuesOf(g.values, g.count > 0 ? intervals?.byGroup.get(groupId(g.key)) : undefined),
  }));
  const rows = groups.reduce((a, g) => a + g.count, 0);
  const iv = options.intervals;
  const data: FairnessReportData = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    metadata: {
      generator: "fairscope",
      fairscopeVersion: FAIRSCOPE_VERSION,
      seed: context.seed,
      ...(options.title === undefined ? {} : { title: options.title }),
      input: {
        rows,
        weighted: weights !== undefined,
        weightSum: weights ? Array.from(weights).reduce((a, b) => a + b, 0) : rows,
        features: [...result.featureNames],
        groups: groups.length,
        emptyGroups: groups.filter((g) => g.count === 0).length,
        baseRate: num(statistics.baseRate),
        ...context.input,
      },
      options: {
        metrics: [...options.metrics],
        reference:
          options.reference === "largest" || options.reference === "overall"
            ? { kind: options.reference }
            : { kind: "group", key: [...result.byGroup[ref!]!.key] },
        minGroupSize: options.minGroupSize,
        zeroDivision: options.zeroDivision,
        intervals: iv
          ? {
              level: iv.level,
              nBoot: iv.nBoot,
              method: context.intervalMethod ?? "percentileBootstrap",
              scoreMetrics: iv.scoreMetrics,
            }
          : null,
        calibrationBins: statistics.calibration ? options.calibrationBins : null,
        minDenominator: options.minDenominator,
        suppressBelow: options.suppressBelow,
        findings: options.findings,
      },
    },
    metrics,
    overall: valuesOf(result.overall, intervals?.overall),
    reference: ref === undefined ? "overall" : result.byGroup[ref]!.label,
    groups,
    disparities: disparities(result, gapIds, ref, intervals, statistics.gapIntervals ?? new Map()),
    criteria: criteria(result, intervals, options.criteria, statistics.classCriteria),
    findings: [],
    warnings: [
      ...(context.warnings ?? []),
      ...reportWarnings(result.warnings, groups, options.minGroupSize),
    ],
    ...(statistics.calibration ? { calibration: statistics.calibration } : {}),
    ...(statistics.roc ? { roc: [...statistics.roc] } : {}),
    ...(statistics.subgroupScan ? { subgroupScan: statistics.subgroupScan } : {}),
    impossibilityNotes: [...statistics.impossibilityNotes],
    ...(statistics.netBenefit ? { netBenefit: statistics.netBenefit } : {}),
    ...(statistics.calibrationHierarchy
      ? { calibrationHierarchy: statistics.calibrationHierarchy }
      : {}),
    ...(statistics.survival ? { survival: statistics.survival } : {}),
  };
  const checked = applySmallGroupRules(data, statistics.confusion, options);
  const withRepresentation =
    options.referenceShares === undefined
      ? checked
      : {
          ...checked,
          representation: representationSection(
            checked.groups,
            options.referenceShares,
            options.referenceKind,
            iv?.level ?? 0.95,
          ),
        };
  return new FairnessReport({ ...withRepresentation, findings: findingsOf(withRepresentation) });
}
