/**
 * Audits of regression and multiclass models as {@link FairnessReport}s: the same sections as a
 * binary audit (per-group metrics, gaps to a reference group and between groups, criteria,
 * warnings, findings), from `regressionMetrics` and `multiclassMetrics`.
 */
import type { GroupedRows } from "../data/groupedRows.js";
import { type MulticlassInput, prepareMulticlass } from "../data/multiclass.js";
import { prepareRegression, type RegressionInput } from "../data/regression.js";
import { CRITERIA, type CriterionDefinition, type CriterionId } from "../disparity/registry.js";
import type { GroupMetricsResult } from "../frame/result.js";
import type { BetterDirection } from "../metrics/types.js";
import { getMulticlassMetric, MULTICLASS_METRICS } from "../multiclass/metrics.js";
import { multiclassMetricsOfColumns } from "../multiclass/multiclassMetrics.js";
import type { MulticlassZeroDivision } from "../multiclass/scores.js";
import { DEFAULT_REGRESSION_METRICS, getRegressionMetric } from "../regression/metrics.js";
import { regressionMetricsOfColumns } from "../regression/regressionMetrics.js";
import { addCompensated } from "../stats/summation.js";
import {
  criteria,
  disparities,
  type ReferenceChoice,
  referenceIndex,
  reportWarnings,
} from "./audit.js";
import { findingsOf } from "./findings.js";
import { FairnessReport } from "./report.js";
import {
  type FairnessReportData,
  type GroupResult,
  type MetricInfo,
  REPORT_SCHEMA_VERSION,
} from "./schema.js";
import { FAIRSCOPE_VERSION } from "./version.js";

/** Options of {@link auditRegression} and {@link auditMulticlass}. */
export interface TaskAuditOptions {
  /** Metric ids of the task's registry. @defaultValue the task's default metrics */
  readonly metrics?: readonly string[];
  /** The reference of gaps (as in `audit`). @defaultValue "largest" */
  readonly reference?: ReferenceChoice;
  /** Groups with fewer rows are flagged as small. @defaultValue 30 */
  readonly minGroupSize?: number;
  /** Title shown by the renderers. */
  readonly title?: string;
  /** Criterion ids of the task (regression: `CRITERIA` with `task: "regression"`). @defaultValue every criterion of the task whose metric is computed */
  readonly criteria?: readonly CriterionId[];
  /** Regression: errors larger than this count as over- or under-prediction. @defaultValue 0 */
  readonly tolerance?: number;
  /** Multiclass: value of a per-class score with a zero denominator. @defaultValue 0 */
  readonly zeroDivision?: MulticlassZeroDivision;
}

/** Metrics without gaps: they describe the data, not the model's treatment of groups. */
const DESCRIPTIVE = new Set(["count", "meanTarget"]);

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

interface Described {
  readonly name: string;
  readonly description: string;
  readonly better: BetterDirection;
  readonly range: readonly [number, number];
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
  describe: (id: string) => Described,
  options: TaskAuditOptions,
): FairnessReport {
  const minGroupSize = options.minGroupSize ?? 30;
  if (!Number.isInteger(minGroupSize) || minGroupSize < 0) {
    throw new RangeError(`audit: minGroupSize must be a non-negative integer, got ${minGroupSize}`);
  }
  const choice = options.reference ?? "largest";
  const ref = referenceIndex(result, choice);
  const weights = weightsByGroup(rows);
  const est = (v: number) => ({ value: num(v) });
  const valuesOf = (values: Readonly<Record<string, number>>) =>
    Object.fromEntries(result.metrics.map((id) => [id, est(values[id]!)]));
  const groups: GroupResult[] = result.byGroup.map((g, i) => ({
    key: [...g.key],
    label: g.label,
    count: g.count,
    ...(weights ? { weight: weights[i]! } : {}),
    small: g.count < minGroupSize,
    values: valuesOf(g.values),
  }));
  const metrics: MetricInfo[] = result.metrics.map((id) => {
    const m = describe(id);
    return {
      id,
      name: m.name,
      description: m.description,
      better: m.better,
      range: [num(m.range[0]), num(m.range[1])],
    };
  });
  const taskCriteria =
    options.criteria ??
    (CRITERIA as readonly CriterionDefinition[])
      .filter((c) => c.task === task && c.metrics.every((m) => result.metrics.includes(m)))
      .map((c) => c.id);
  const data: Omit<FairnessReportData, "findings"> = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    metadata: {
      generator: "fairscope",
      fairscopeVersion: FAIRSCOPE_VERSION,
      seed: null,
      ...(options.title === undefined ? { title: `${task} audit` } : { title: options.title }),
      input: {
        rows: rows.n,
        weighted: weights !== undefined,
        weightSum: weights ? weights.reduce((a, b) => a + b, 0) : rows.n,
        features: [...rows.groups.featureNames],
        groups: rows.groups.keys.length,
        emptyGroups: groups.filter((g) => g.count === 0).length,
        baseRate: null,
        predictions: "given",
        scores: null,
        threshold: null,
        thresholdRule: null,
      },
      options: {
        metrics: [...result.metrics],
        reference:
          choice === "largest" || choice === "overall"
            ? { kind: choice }
            : { kind: "group", key: [...result.byGroup[ref!]!.key] },
        minGroupSize,
        zeroDivision: "nan",
        intervals: null,
        calibrationBins: null,
      },
    },
    metrics,
    overall: valuesOf(result.overall),
    reference: ref === undefined ? "overall" : result.byGroup[ref]!.label,
    groups,
    disparities: disparities(
      result,
      result.metrics.filter((id) => !DESCRIPTIVE.has(id)),
      ref,
      undefined,
      new Map(),
    ),
    criteria: criteria(result, undefined, taskCriteria),
    warnings: reportWarnings(result.warnings, groups, minGroupSize),
  };
  return new FairnessReport({ ...data, findings: findingsOf(data) });
}

/**
 * Audits a regression model: per-group regression metrics (MAE, MSE, RMSE, R², mean prediction,
 * mean target, mean residual by default), gaps to the reference group and between groups, the
 * registered regression criteria, warnings, small-group flags and findings, as a
 * {@link FairnessReport} that every renderer and the gate read. No confidence intervals yet.
 *
 * Cost: two passes over the rows.
 *
 * @throws FairnessInputError on invalid data; RangeError on an unknown metric
 * @example
 * const report = auditRegression({
 *   yTrue: [1, 2, 3, 4], yPred: [1, 3, 3, 6], sensitiveFeatures: ["a", "a", "b", "b"],
 * });
 * report.criteria.find((c) => c.id === "meanAbsoluteErrorDifference")?.value; // => 0.5
 */
export function auditRegression(
  input: RegressionInput,
  options: TaskAuditOptions = {},
): FairnessReport {
  const columns = prepareRegression(input);
  const result = regressionMetricsOfColumns(columns, {
    metrics: options.metrics ?? DEFAULT_REGRESSION_METRICS,
    ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
  });
  return reportOf("regression", columns, result, (id) => getRegressionMetric(id)!, options);
}

/**
 * Audits a multiclass model: per-group accuracy, balanced accuracy and macro / weighted
 * precision, recall and F1 (scikit-learn's semantics), gaps and between-group disparities,
 * warnings and findings, as a {@link FairnessReport}. Per-class scores are in
 * `multiclassMetrics`. No confidence intervals yet.
 *
 * Cost: one pass over the rows.
 *
 * @throws FairnessInputError on invalid data; RangeError on an unknown metric
 * @example
 * const report = auditMulticlass({
 *   yTrue: ["a", "b", "c", "a"], yPred: ["a", "b", "b", "c"], sensitiveFeatures: ["x", "x", "y", "y"],
 * });
 * report.groups.map((g) => g.values.accuracy.value); // => [1, 0]
 */
export function auditMulticlass(
  input: MulticlassInput,
  options: TaskAuditOptions = {},
): FairnessReport {
  const columns = prepareMulticlass(input);
  const result = multiclassMetricsOfColumns(columns, {
    metrics: options.metrics ?? MULTICLASS_METRICS.map((m) => m.id),
    ...(options.zeroDivision === undefined ? {} : { zeroDivision: options.zeroDivision }),
  }).summary;
  return reportOf("multiclass", columns, result, (id) => getMulticlassMetric(id)!, options);
}
