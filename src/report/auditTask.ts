/**
 * Audits of regression and multiclass models as {@link FairnessReport}s, assembled by
 * `buildReport` like every other report: per-group metrics, gaps to a reference group and
 * between groups, the task's criteria, warnings, small-group flags and findings.
 */
import type { GroupedRows } from "../data/columns.js";
import { type MulticlassInput, prepareMulticlass } from "../data/multiclass.js";
import { prepareRegression, type RegressionInput } from "../data/regression.js";
import { CRITERIA, type CriterionId, getCriterion } from "../disparity/registry.js";
import type { GroupMetricsResult } from "../frame/result.js";
import { multiclassCriterionOfResult } from "../multiclass/criteria.js";
import { multiclassIntervals } from "../multiclass/intervals.js";
import { getMulticlassMetric, MULTICLASS_METRICS } from "../multiclass/metrics.js";
import { multiclassMetricsOfColumns } from "../multiclass/multiclassMetrics.js";
import type { MulticlassZeroDivision } from "../multiclass/scores.js";
import { regressionIntervals } from "../regression/intervals.js";
import {
  DEFAULT_REGRESSION_METRICS,
  getRegressionMetric,
  regressionMetricIdsOf,
} from "../regression/metrics.js";
import { regressionMetricsOfColumns } from "../regression/regressionMetrics.js";
import { addCompensated } from "../stats/summation.js";
import {
  type ResolvedBootstrapOptions,
  resolveBootstrapOptions,
} from "../uncertainty/countBootstrap.js";
import {
  buildReport,
  type ClassCriterionValues,
  type ReportStatistics,
  referenceIndex,
} from "./build.js";
import { DEFAULT_FINDING_THRESHOLDS } from "./findings.js";
import type { ReferenceChoice } from "./options.js";
import type { FairnessReport } from "./report.js";
import { type TaskEstimates, taskIntervalSection } from "./taskIntervals.js";

/**
 * Options of {@link auditRegression} and {@link auditMulticlass}.
 *
 * @category Reports
 */
export interface TaskAuditOptions {
  /** Metric ids of the task's registry. @defaultValue the task's default metrics */
  readonly metrics?: readonly string[];
  /** The reference of gaps (as in `audit`). @defaultValue "largest" */
  readonly reference?: ReferenceChoice;
  /** Groups with fewer rows are flagged as small. @defaultValue 30 */
  readonly minGroupSize?: number;
  /** Title shown by the renderers. @defaultValue "regression audit" or "multiclass audit" */
  readonly title?: string;
  /**
   * Criterion ids of the task (`CRITERIA` with `task: "regression"` or `task: "multiclass"`).
   * @defaultValue every criterion of the task whose metrics are computed (every multiclass
   * criterion: they compare per-class rates, always computed)
   */
  readonly criteria?: readonly CriterionId[];
  /** Regression: errors larger than this count as over- or under-prediction. @defaultValue 0 */
  readonly tolerance?: number;
  /** Multiclass: value of a per-class score with a zero denominator. @defaultValue 0 */
  readonly zeroDivision?: MulticlassZeroDivision;
  /** Seed of the bootstrap, recorded in the report. @defaultValue 0 (with intervals) */
  readonly seed?: number;
  /**
   * Confidence intervals: a seeded row bootstrap (percentile, rows drawn within each group) of
   * every group's value, the overall value, each group's gap to the reference, each metric's
   * between-group difference and ratio, and the criteria; `false` for none. A group with fewer
   * rows than `minGroupSize` (and never fewer than 2) gets no interval (null bounds, method
   * `none`, reason `smallDenominator`: a bootstrap of a handful of rows shows false certainty),
   * and neither do its gap and the comparisons and criteria, which involve every group.
   * @defaultValue { level: 0.95, nBoot: 1000 }
   */
  readonly intervals?:
    | false
    | {
        /** Confidence level. @defaultValue 0.95 */
        readonly level?: number;
        /** Bootstrap resamples. @defaultValue 1000 */
        readonly nBoot?: number;
      };
}

/** What a task computes for its report. */
interface TaskStatistics {
  /** The task's metrics overall and by group. */
  readonly result: GroupMetricsResult;
  /** The declaration of a metric id of the task's registry. */
  readonly describeMetric: NonNullable<ReportStatistics["describeMetric"]>;
  /** A multiclass criterion's value and per-class values. */
  readonly classCriteria?: (id: CriterionId) => ClassCriterionValues;
  /** The bootstrap estimates of the metrics and of `criteria`. */
  readonly estimates: (
    criteria: readonly CriterionId[],
    bootstrap: ResolvedBootstrapOptions,
    reference: number | "overall",
  ) => TaskEstimates;
}

/** The bootstrap options of `options.intervals`, or undefined for none. */
function bootstrapOf(options: TaskAuditOptions): ResolvedBootstrapOptions | undefined {
  const iv = options.intervals ?? {};
  if (iv === false) return undefined;
  return resolveBootstrapOptions("audit", {
    ...(iv.level === undefined ? {} : { level: iv.level }),
    ...(iv.nBoot === undefined ? {} : { nBoot: iv.nBoot }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
}

function weightsByGroup(rows: GroupedRows): Float64Array | undefined {
  if (rows.weight === undefined) return undefined;
  const k = rows.groups.keys.length;
  const sum = new Float64Array(k);
  const comp = new Float64Array(k);
  for (let r = 0; r < rows.n; r++) addCompensated(sum, comp, rows.group[r]!, rows.weight[r]!);
  return sum.map((s, g) => s + comp[g]!);
}

function reportOf(
  task: "regression" | "multiclass",
  rows: GroupedRows,
  statistics: TaskStatistics,
  options: TaskAuditOptions,
): FairnessReport {
  const { result, describeMetric, classCriteria } = statistics;
  const minGroupSize = options.minGroupSize ?? 30;
  if (!Number.isInteger(minGroupSize) || minGroupSize < 0) {
    throw new RangeError(`audit: minGroupSize must be a non-negative integer, got ${minGroupSize}`);
  }
  for (const id of options.criteria ?? []) {
    const criterion = getCriterion(id);
    if (criterion?.task !== task) {
      throw new RangeError(`audit: ${JSON.stringify(id)} is not a ${task} criterion`);
    }
  }
  const criteria =
    options.criteria ??
    CRITERIA.filter(
      (c) =>
        c.task === task &&
        (c.classAggregation !== undefined || c.metrics.every((m) => result.metrics.includes(m))),
    ).map((c) => c.id);
  const weights = weightsByGroup(rows);
  const bootstrap = bootstrapOf(options);
  const reference = options.reference ?? "largest";
  const ref = referenceIndex(result, reference);
  const intervals =
    bootstrap === undefined
      ? undefined
      : taskIntervalSection(
          statistics.estimates(criteria, bootstrap, ref ?? "overall"),
          result.byGroup.map((g) => ({ key: g.key, count: g.count })),
          minGroupSize,
          ref,
        );
  return buildReport(
    {
      metrics: result,
      ...(weights === undefined ? {} : { groupWeights: weights }),
      baseRate: Number.NaN,
      confusion: undefined,
      impossibilityNotes: [],
      describeMetric,
      ...(intervals === undefined
        ? {}
        : { intervals: intervals.section, gapIntervals: intervals.gaps }),
      ...(classCriteria === undefined
        ? {}
        : {
            classCriteria: Object.fromEntries(
              criteria
                .filter((id) => getCriterion(id)!.classAggregation !== undefined)
                .map((id) => [id, classCriteria(id)]),
            ),
          }),
    },
    {
      options: {
        metrics: [...result.metrics],
        criteria,
        reference,
        minGroupSize,
        zeroDivision: "nan",
        seed: bootstrap?.seed ?? options.seed,
        title: options.title ?? `${task} audit`,
        intervals:
          bootstrap === undefined
            ? undefined
            : { level: bootstrap.levels[0]!, nBoot: bootstrap.nBoot, scoreMetrics: false },
        calibrationBins: 10,
        minDenominator: bootstrap === undefined ? 0 : Math.max(minGroupSize, 2),
        suppressBelow: 0,
        findings: DEFAULT_FINDING_THRESHOLDS,
        referenceShares: undefined,
        referenceKind: "shares",
      },
      seed: bootstrap?.seed ?? options.seed ?? null,
      input: { predictions: "given", scores: null, threshold: null, thresholdRule: null },
      ...(intervals === undefined ? {} : { intervalMethod: intervals.section.method }),
    },
  );
}

/**
 * Audits a regression model: per-group regression metrics (MAE, MSE, RMSE, R², mean prediction,
 * mean target, mean residual by default), gaps to the reference group and between groups, the
 * registered regression criteria, seeded bootstrap intervals (`regressionIntervals`; none for
 * groups below `minGroupSize`), warnings, small-group flags and findings, as a
 * {@link FairnessReport} that every renderer and the gate read.
 *
 * Cost: two passes over the rows, and two per bootstrap replicate (`intervals.nBoot`, 1000 by
 * default; `intervals: false` skips them).
 *
 * @throws FairnessInputError on invalid data; RangeError on an unknown metric
 * @example
 * const report = auditRegression({
 *   yTrue: [1, 2, 3, 4], yPred: [1, 3, 3, 6], sensitiveFeatures: ["a", "a", "b", "b"],
 * });
 * report.criteria.find((c) => c.id === "meanAbsoluteErrorDifference")?.value; // => 0.5
 *
 * @category Reports
 */
export function auditRegression(
  input: RegressionInput,
  options: TaskAuditOptions = {},
): FairnessReport {
  const columns = prepareRegression(input);
  const result = regressionMetricsOfColumns(columns, {
    metrics:
      options.metrics === undefined
        ? DEFAULT_REGRESSION_METRICS
        : regressionMetricIdsOf(options.metrics, "auditRegression"),
    ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
  });
  const metrics = regressionMetricIdsOf(
    result.metrics.filter((id) => id !== "count"),
    "auditRegression",
  );
  return reportOf(
    "regression",
    columns,
    {
      result,
      describeMetric: (id) => getRegressionMetric(id)!,
      estimates: (criteria, bootstrap, reference) => {
        const iv = regressionIntervals(columns, {
          reference,
          metrics,
          ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
          nBoot: bootstrap.nBoot,
          seed: bootstrap.seed,
          level: bootstrap.levels,
        });
        return {
          ...iv,
          criteria: Object.fromEntries(
            criteria.flatMap((id) => {
              const c = getCriterion(id)!;
              const of = c.comparison === "difference" ? iv.difference : iv.ratio;
              const estimate = of[c.metrics[0]!];
              return estimate === undefined ? [] : [[id, estimate]];
            }),
          ),
        };
      },
    },
    options,
  );
}

/**
 * Audits a multiclass model: per-group accuracy, balanced accuracy and macro / weighted
 * precision, recall and F1 (scikit-learn's semantics), gaps and between-group disparities, the
 * registered multiclass criteria (demographic parity and equalized odds, each class one-vs-rest,
 * worst class; each class's value in the criterion's `byClass`), seeded bootstrap intervals
 * (`multiclassIntervals`; none for groups below `minGroupSize`), warnings and findings, as a
 * {@link FairnessReport}. Per-class scores are in `multiclassMetrics`.
 *
 * Cost: one pass over the rows, and one per bootstrap replicate (`intervals.nBoot`, 1000 by
 * default; `intervals: false` skips them).
 *
 * @throws FairnessInputError on invalid data; RangeError on an unknown metric
 * @example
 * const report = auditMulticlass({
 *   yTrue: ["a", "b", "c", "a"], yPred: ["a", "b", "b", "c"], sensitiveFeatures: ["x", "x", "y", "y"],
 * });
 * report.groups.map((g) => g.values.accuracy.value); // => [1, 0]
 *
 * @category Reports
 */
export function auditMulticlass(
  input: MulticlassInput,
  options: TaskAuditOptions = {},
): FairnessReport {
  const columns = prepareMulticlass(input);
  const result = multiclassMetricsOfColumns(columns, {
    metrics: options.metrics ?? MULTICLASS_METRICS.map((m) => m.id),
    ...(options.zeroDivision === undefined ? {} : { zeroDivision: options.zeroDivision }),
  });
  return reportOf(
    "multiclass",
    columns,
    {
      result: result.summary,
      describeMetric: (id) => getMulticlassMetric(id)!,
      classCriteria: (id) => {
        const c = multiclassCriterionOfResult(id, result);
        return {
          value: c.worstCase,
          byClass: result.classes.map((label, j) => ({ class: label, value: c.byClass[j]! })),
        };
      },
      estimates: (criteria, bootstrap, reference) =>
        multiclassIntervals(columns, {
          reference,
          metrics: result.summary.metrics,
          criteria,
          ...(options.zeroDivision === undefined ? {} : { zeroDivision: options.zeroDivision }),
          nBoot: bootstrap.nBoot,
          seed: bootstrap.seed,
          level: bootstrap.levels,
        }),
    },
    options,
  );
}
