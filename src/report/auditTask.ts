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
import { getMulticlassMetric, MULTICLASS_METRICS } from "../multiclass/metrics.js";
import { multiclassMetricsOfColumns } from "../multiclass/multiclassMetrics.js";
import type { MulticlassZeroDivision } from "../multiclass/scores.js";
import {
  DEFAULT_REGRESSION_METRICS,
  getRegressionMetric,
  regressionMetricIdsOf,
} from "../regression/metrics.js";
import { regressionMetricsOfColumns } from "../regression/regressionMetrics.js";
import { addCompensated } from "../stats/summation.js";
import { buildReport, type ClassCriterionValues, type ReportStatistics } from "./build.js";
import { DEFAULT_FINDING_THRESHOLDS } from "./findings.js";
import type { ReferenceChoice } from "./options.js";
import type { FairnessReport } from "./report.js";

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
  result: GroupMetricsResult,
  describeMetric: NonNullable<ReportStatistics["describeMetric"]>,
  options: TaskAuditOptions,
  classCriteria?: (id: CriterionId) => ClassCriterionValues,
): FairnessReport {
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
  return buildReport(
    {
      metrics: result,
      ...(weights === undefined ? {} : { groupWeights: weights }),
      baseRate: Number.NaN,
      confusion: undefined,
      impossibilityNotes: [],
      describeMetric,
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
        reference: options.reference ?? "largest",
        minGroupSize,
        zeroDivision: "nan",
        seed: undefined,
        title: options.title ?? `${task} audit`,
        intervals: undefined,
        calibrationBins: 10,
        minDenominator: 0,
        suppressBelow: 0,
        findings: DEFAULT_FINDING_THRESHOLDS,
        referenceShares: undefined,
        referenceKind: "shares",
      },
      seed: null,
      input: { predictions: "given", scores: null, threshold: null, thresholdRule: null },
    },
  );
}

/**
 * Audits a regression model: per-group regression metrics (MAE, MSE, RMSE, R², mean prediction,
 * mean target, mean residual by default), gaps to the reference group and between groups, the
 * registered regression criteria, warnings, small-group flags and findings, as a
 * {@link FairnessReport} that every renderer and the gate read. The report carries no intervals
 * (see `regressionIntervals`).
 *
 * Cost: two passes over the rows.
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
  return reportOf("regression", columns, result, (id) => getRegressionMetric(id)!, options);
}

/**
 * Audits a multiclass model: per-group accuracy, balanced accuracy and macro / weighted
 * precision, recall and F1 (scikit-learn's semantics), gaps and between-group disparities, the
 * registered multiclass criteria (demographic parity and equalized odds, each class one-vs-rest,
 * worst class; each class's value in the criterion's `byClass`), warnings and findings, as a
 * {@link FairnessReport}. Per-class scores are in
 * `multiclassMetrics`; the report carries no intervals.
 *
 * Cost: one pass over the rows.
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
    result.summary,
    (id) => getMulticlassMetric(id)!,
    options,
    (id) => {
      const c = multiclassCriterionOfResult(id, result);
      return {
        value: c.worstCase,
        byClass: result.classes.map((label, j) => ({ class: label, value: c.byClass[j]! })),
      };
    },
  );
}
