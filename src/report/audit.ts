/**
 * `audit`: everything fairscope computes for one dataset, as one {@link FairnessReport}.
 */
import type { Columns } from "../data/columns.js";
import { FairnessInputError } from "../data/errors.js";
import { prepare } from "../data/prepare.js";
import type { FairnessInput } from "../data/schema.js";
import { maxOf, minOf } from "../disparity/aggregate.js";
import type { ZeroDivision } from "../metrics/evaluate.js";
import {
  type GroupMetricsResult,
  type GroupSelector,
  groupMetricsOfColumns,
} from "../metrics/groupMetrics.js";
import { getMetric } from "../metrics/registry.js";
import { addCompensated } from "../stats/summation.js";
import { findingsOf } from "./findings.js";
import { FairnessReport } from "./report.js";
import { rocCurves } from "./roc.js";
import {
  type Criterion,
  type Disparity,
  type Estimate,
  type FairnessReportData,
  type GroupResult,
  type ImpossibilityNote,
  type InputSummary,
  type MetricInfo,
  REPORT_SCHEMA_VERSION,
  type ReportOptions,
  type ReportWarning,
} from "./schema.js";
import { FAIRSCOPE_VERSION } from "./version.js";

/** Which group the others are compared with. */
export type ReferenceChoice =
  | "largest"
  | "overall"
  | { readonly group: GroupSelector }
  | { readonly label: string };

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
  /** Groups with fewer rows are flagged as small. @defaultValue 30 */
  readonly minGroupSize?: number;
  /** Value of a rate whose denominator is zero. @defaultValue "nan" */
  readonly zeroDivision?: ZeroDivision;
  /** Seed of every random choice (bootstrap intervals), recorded in the report. */
  readonly seed?: number;
  /** Title shown by the renderers. */
  readonly title?: string;
}

/** Metrics without gaps: they describe the data, not the model's treatment of groups. */
const DESCRIPTIVE = new Set(["count", "weightedCount", "baseRate"]);

const DEFAULT_METRICS = [
  "count",
  "baseRate",
  "selectionRate",
  "truePositiveRate",
  "falsePositiveRate",
  "falseNegativeRate",
  "precision",
  "accuracy",
];

/** The named criteria reported, with the metrics each compares. */
const CRITERIA: readonly {
  id: string;
  name: string;
  metrics: readonly string[];
  comparison: "difference" | "ratio";
}[] = [
  {
    id: "demographicParityDifference",
    name: "Demographic parity difference",
    metrics: ["selectionRate"],
    comparison: "difference",
  },
  {
    id: "demographicParityRatio",
    name: "Demographic parity ratio",
    metrics: ["selectionRate"],
    comparison: "ratio",
  },
  {
    id: "equalOpportunityDifference",
    name: "Equal opportunity difference",
    metrics: ["truePositiveRate"],
    comparison: "difference",
  },
  {
    id: "equalOpportunityRatio",
    name: "Equal opportunity ratio",
    metrics: ["truePositiveRate"],
    comparison: "ratio",
  },
  {
    id: "equalizedOddsDifference",
    name: "Equalized odds difference",
    metrics: ["truePositiveRate", "falsePositiveRate"],
    comparison: "difference",
  },
  {
    id: "equalizedOddsRatio",
    name: "Equalized odds ratio",
    metrics: ["truePositiveRate", "falsePositiveRate"],
    comparison: "ratio",
  },
  {
    id: "predictiveParityDifference",
    name: "Predictive parity difference",
    metrics: ["precision"],
    comparison: "difference",
  },
  {
    id: "predictiveParityRatio",
    name: "Predictive parity ratio",
    metrics: ["precision"],
    comparison: "ratio",
  },
  {
    id: "accuracyDifference",
    name: "Accuracy difference",
    metrics: ["accuracy"],
    comparison: "difference",
  },
];

/** Where each criterion is explained. */
export const CRITERION_GUIDE =
  "https://github.com/fairscope/fairscope/blob/main/docs/choosing-a-criterion.md";

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);
const est = (v: number): Estimate => ({ value: num(v) });

interface ResolvedAuditOptions {
  readonly metrics: readonly string[];
  readonly reference: ReferenceChoice;
  readonly minGroupSize: number;
  readonly zeroDivision: ZeroDivision;
  readonly seed: number | undefined;
  readonly title: string | undefined;
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
  return {
    metrics: [...metrics],
    reference,
    minGroupSize,
    zeroDivision: options.zeroDivision ?? "nan",
    seed: options.seed,
    title: options.title,
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
function referenceIndex(result: GroupMetricsResult, choice: ReferenceChoice): number | undefined {
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

function disparities(
  result: GroupMetricsResult,
  ids: readonly string[],
  ref: number | undefined,
): Disparity[] {
  const present = result.byGroup.filter((g) => g.count > 0);
  const refLabel = ref === undefined ? "overall" : result.byGroup[ref]!.label;
  return ids.map((id) => {
    const base = ref === undefined ? result.overall[id]! : result.byGroup[ref]!.values[id]!;
    const others = present.filter((g) => ref === undefined || g !== result.byGroup[ref]);
    const gaps = others.map((g) => ({
      group: g.label,
      count: g.count,
      difference: est(g.values[id]! - base),
      ratio: est(g.values[id]! / base),
    }));
    const values = present.map((g) => g.values[id]!);
    return {
      metric: id,
      reference: refLabel,
      difference: est(maxOf(others.map((g) => Math.abs(g.values[id]! - base)))),
      ratio: est(
        minOf(
          others.map((g) => {
            const r = g.values[id]! / base;
            return r > 1 ? 1 / r : r;
          }),
        ),
      ),
      betweenGroups: {
        difference: est(maxOf(values) - minOf(values)),
        ratio: est(minOf(values) / maxOf(values)),
      },
      gaps,
    };
  });
}

function criteria(result: GroupMetricsResult): Criterion[] {
  const difference = result.difference();
  const ratio = result.ratio();
  return CRITERIA.filter((c) => c.metrics.every((m) => result.metrics.includes(m))).map((c) => {
    const parts = c.metrics.map((m) => (c.comparison === "difference" ? difference : ratio)[m]!);
    const value = c.comparison === "difference" ? maxOf(parts) : minOf(parts);
    return {
      id: c.id,
      name: c.name,
      metrics: [...c.metrics],
      comparison: c.comparison,
      method: "betweenGroups" as const,
      value: num(value),
      ideal: c.comparison === "difference" ? 0 : 1,
      guide: `${CRITERION_GUIDE}#${c.id.toLowerCase()}`,
    };
  });
}

/**
 * Kleinberg, Mullainathan & Raghavan (2016) and Chouldechova (2017): when base rates differ,
 * an imperfect classifier cannot be calibrated (or have equal precision) and have equal error
 * rates across groups at the same time.
 */
function impossibilityNotes(
  rates: readonly { readonly label: string; readonly rate: number }[],
): ImpossibilityNote[] {
  const baseRates = rates.map((r) => r.rate);
  const spread = maxOf(baseRates) - minOf(baseRates);
  if (!(spread > 0.01)) return [];
  const lo = rates.find((r) => r.rate === minOf(baseRates))!.label;
  const hi = rates.find((r) => r.rate === maxOf(baseRates))!.label;
  return [
    {
      code: "baseRatesDiffer",
      text:
        `Base rates differ across groups (from ${maxOf(baseRates).toFixed(3)} for ${hi} to ` +
        `${minOf(baseRates).toFixed(3)} for ${lo}). Unless predictions are perfect, predictive ` +
        "parity (or calibration within groups) and equal false positive and false negative " +
        "rates cannot all hold at once (Chouldechova 2017; Kleinberg, Mullainathan and " +
        "Raghavan 2016); choose which matters for this decision.",
    },
  ];
}

/**
 * Audits a classifier's outcomes for fairness: per-group metrics, gaps against a reference
 * group (the largest group by default) and between groups, the named criteria (demographic
 * parity, equal opportunity, equalized odds, predictive parity, accuracy), warnings,
 * small-group flags, plain-language findings and notes on criteria that cannot hold together.
 *
 * Cost: one `groupMetrics` pass, plus a sort of each group's scores for ROC curves and AUC.
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
  const base = groupMetricsOfColumns(columns, { metrics: ["baseRate"] });
  const weights = groupWeights(columns);
  const ref = referenceIndex(result, resolved.reference);
  const gapIds = result.metrics.filter((id) => !DESCRIPTIVE.has(id));
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
  const groups: GroupResult[] = result.byGroup.map((g, i) => ({
    key: [...g.key],
    label: g.label,
    count: g.count,
    ...(weights ? { weight: weights[i]! } : {}),
    small: g.count < resolved.minGroupSize,
    values: Object.fromEntries(result.metrics.map((id) => [id, est(g.values[id]!)])),
  }));
  const warnings: ReportWarning[] = [
    ...result.warnings.map((w) => ({
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
            : `group ${g.label} has ${g.count} rows, fewer than minGroupSize ${resolved.minGroupSize}; its values are unreliable`,
      })),
  ];
  const summary = summarize(columns, input, base.overall.baseRate!);
  const reportOptions: ReportOptions = {
    metrics: [...resolved.metrics],
    reference:
      resolved.reference === "largest" || resolved.reference === "overall"
        ? { kind: resolved.reference }
        : { kind: "group", key: [...result.byGroup[ref!]!.key] },
    minGroupSize: resolved.minGroupSize,
    zeroDivision: resolved.zeroDivision,
    ciLevel: null,
  };
  const data: FairnessReportData = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    metadata: {
      generator: "fairscope",
      fairscopeVersion: FAIRSCOPE_VERSION,
      seed: resolved.seed ?? null,
      ...(resolved.title === undefined ? {} : { title: resolved.title }),
      input: { ...summary, emptyGroups: groups.filter((g) => g.count === 0).length },
      options: reportOptions,
    },
    metrics,
    overall: Object.fromEntries(result.metrics.map((id) => [id, est(result.overall[id]!)])),
    reference: ref === undefined ? "overall" : result.byGroup[ref]!.label,
    groups,
    disparities: disparities(result, gapIds, ref),
    criteria: criteria(result),
    findings: [],
    warnings,
    ...(columns.score ? { roc: rocCurves(columns) } : {}),
    impossibilityNotes: impossibilityNotes(
      base.byGroup
        .filter((g) => g.count > 0)
        .map((g) => ({ label: g.label, rate: g.values.baseRate! })),
    ),
  };
  return new FairnessReport({ ...data, findings: findingsOf(data) });
}
