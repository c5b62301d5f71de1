/**
 * `multiclassMetrics`: scalar multiclass metrics overall and by group with MetricFrame
 * semantics, and the per-class (one-vs-rest) scores and confusion counts of every group.
 */
import type { GroupIndex, Level } from "../data/columns.js";
import { groupLabel } from "../data/levels.js";
import {
  type ClassLabel,
  type MulticlassColumns,
  type MulticlassInput,
  prepareMulticlass,
} from "../data/multiclass.js";
import { GroupMetricsResult, type GroupMetricsWarning } from "../frame/result.js";
import { type MulticlassStats, multiclassStats } from "./confusion.js";
import { getMulticlassMetric, MULTICLASS_METRICS, type MulticlassMetric } from "./metrics.js";
import {
  type ClassScores,
  classScores,
  type MulticlassZeroDivision,
  type ZeroDivisions,
} from "./scores.js";

/**
 * Options of {@link multiclassMetrics}.
 *
 * @category Regression and multiclass
 */
export interface MulticlassMetricsOptions {
  /** Scalar metric ids (see `MULTICLASS_METRICS`). @defaultValue every scalar multiclass metric */
  readonly metrics?: readonly string[];
  /** Value of a per-class score with a zero denominator (scikit-learn's default). @defaultValue 0 */
  readonly zeroDivision?: MulticlassZeroDivision;
}

/** One group's per-class scores. */
export interface ClassScoresRow {
  /** The group's levels, one per feature. */
  readonly key: readonly Level[];
  /** Readable label. */
  readonly label: string;
  /** Rows in the group. */
  readonly count: number;
  /** Per-class scores (NaN lists for an empty group). */
  readonly scores: ClassScores;
}

/**
 * Multiclass metrics by group: `summary` holds the scalar metrics with every accessor of
 * {@link GroupMetricsResult}; `overall` and `byGroup` hold per-class scores in the order of
 * `classes`. Made by {@link multiclassMetrics}.
 *
 * @hideconstructor
 *
 * @category Regression and multiclass
 */
export class MulticlassMetricsResult {
  /** The classes, in the order of every per-class list. */
  readonly classes: readonly ClassLabel[];
  /** Scalar metrics overall and by group (accuracy, balanced accuracy, averages, count). */
  readonly summary: GroupMetricsResult;
  /** Per-class scores on all rows. */
  readonly overall: ClassScores;
  /** Per-class scores of each group, in level order. */
  readonly byGroup: readonly ClassScoresRow[];

  constructor(fields: {
    classes: readonly ClassLabel[];
    summary: GroupMetricsResult;
    overall: ClassScores;
    byGroup: readonly ClassScoresRow[];
  }) {
    this.classes = fields.classes;
    this.summary = fields.summary;
    this.overall = fields.overall;
    this.byGroup = fields.byGroup;
  }

  /** Plain JSON (NaN written as null). */
  toJSON(): unknown {
    const clean = (s: ClassScores) =>
      Object.fromEntries(
        Object.entries(s).map(([k, v]) => [
          k,
          (v as unknown[]).map((x) => (typeof x === "number" && Number.isNaN(x) ? null : x)),
        ]),
      );
    return {
      classes: this.classes,
      summary: this.summary.toJSON(),
      overall: clean(this.overall),
      byGroup: this.byGroup.map((g) => ({ ...g, scores: clean(g.scores) })),
    };
  }
}

function resolve(options: MulticlassMetricsOptions): {
  metrics: MulticlassMetric[];
  zeroDivision: MulticlassZeroDivision;
} {
  const ids = options.metrics ?? MULTICLASS_METRICS.map((m) => m.id);
  const seen = new Set<string>();
  const metrics = ids.map((id, i) => {
    const metric = getMulticlassMetric(id);
    if (metric === undefined) {
      throw new RangeError(
        `multiclassMetrics: unknown metric ${JSON.stringify(id)} (metrics[${i}])`,
      );
    }
    if (seen.has(id)) throw new RangeError(`multiclassMetrics: metric id ${id} given twice`);
    seen.add(id);
    return metric;
  });
  const zeroDivision = options.zeroDivision ?? 0;
  if (zeroDivision !== 0 && zeroDivision !== 1 && zeroDivision !== "nan") {
    throw new RangeError("multiclassMetrics: zeroDivision must be 0, 1 or 'nan'");
  }
  return { metrics, zeroDivision };
}

const SCORE_NAMES = { precision: "precision", recall: "recall", f1Score: "F1 score" } as const;

function summaryOf(
  groups: GroupIndex,
  classes: readonly ClassLabel[],
  metrics: readonly MulticlassMetric[],
  zeroDivision: MulticlassZeroDivision,
  overallStats: MulticlassStats,
  overallCell: number,
  cells: MulticlassStats,
  first: number,
): { summary: GroupMetricsResult; overall: ClassScores; byGroup: ClassScoresRow[] } {
  const warnings: GroupMetricsWarning[] = [];
  const evaluate = (s: MulticlassStats, c: number, group: string | undefined) => {
    const zero: ZeroDivisions = { precision: [], recall: [], f1Score: [] };
    const scores = classScores(s, c, zeroDivision, zero);
    if (s.count[c] === 0) {
      return {
        scores,
        values: Object.fromEntries(metrics.map((m) => [m.id, m.id === "count" ? 0 : Number.NaN])),
      };
    }
    for (const [score, list] of Object.entries(zero) as [keyof ZeroDivisions, number[]][]) {
      if (list.length === 0) continue;
      warnings.push({
        code: "zeroDivision",
        metric: score,
        group,
        message: `${SCORE_NAMES[score]} is undefined for class(es) ${list
          .map((j) => JSON.stringify(classes[j]))
          .join(", ")} (zero denominator); set to ${String(zeroDivision)}`,
      });
    }
    const values = Object.fromEntries(metrics.map((m) => [m.id, m.fromStats(s, c, scores)]));
    return { scores, values };
  };
  const overall = evaluate(overallStats, overallCell, undefined);
  const rows = groups.keys.map((key, g) => {
    const label = groupLabel(key);
    return { key, label, count: cells.count[first + g]!, ...evaluate(cells, first + g, label) };
  });
  const summary = new GroupMetricsResult({
    metrics: metrics.map((m) => m.id),
    metricNames: Object.fromEntries(metrics.map((m) => [m.id, m.name])),
    groups,
    overall: overall.values,
    byGroup: rows.map(({ key, label, count, values }) => ({ key, label, count, values })),
    warnings,
    strata: undefined,
  });
  return {
    summary,
    overall: overall.scores,
    byGroup: rows.map(({ key, label, count, scores }) => ({ key, label, count, scores })),
  };
}

/** {@link multiclassMetrics} on prepared columns. */
export function multiclassMetricsOfColumns(
  columns: MulticlassColumns,
  options: MulticlassMetricsOptions = {},
): MulticlassMetricsResult {
  const { metrics, zeroDivision } = resolve(options);
  const { target, prediction, weight, groups, classes } = columns;
  const k = groups.keys.length;
  const stats = (code: Uint32Array, cells: number) =>
    multiclassStats(target, prediction, weight, code, cells, classes.length);
  const main = summaryOf(
    groups,
    classes,
    metrics,
    zeroDivision,
    stats(new Uint32Array(columns.n), 1),
    0,
    stats(columns.group, k),
    0,
  );
  let summary = main.summary;
  if (columns.control !== undefined) {
    const s = columns.control.strata.keys.length;
    const combined = new Uint32Array(columns.n);
    for (let r = 0; r < columns.n; r++) {
      combined[r] = columns.control.code[r]! * k + columns.group[r]!;
    }
    const stratumOverall = stats(columns.control.code, s);
    const stratumGroups = stats(combined, s * k);
    const strata = columns.control.strata.keys.map((key, i) => ({
      key,
      label: groupLabel(key),
      result: summaryOf(
        groups,
        classes,
        metrics,
        zeroDivision,
        stratumOverall,
        i,
        stratumGroups,
        i * k,
      ).summary,
    }));
    summary = new GroupMetricsResult({
      metrics: summary.metrics,
      metricNames: summary.metricNames,
      groups,
      overall: summary.overall,
      byGroup: summary.byGroup,
      warnings: summary.warnings,
      strata,
    });
  }
  return new MulticlassMetricsResult({
    classes,
    summary,
    overall: main.overall,
    byGroup: main.byGroup,
  });
}

/**
 * Multiclass metrics overall and for every group, with scikit-learn's semantics: accuracy,
 * balanced accuracy (mean recall over the group's true classes), and precision, recall and F1
 * per class (one-vs-rest) and averaged `macro` or `weighted` over the classes present in the
 * group's true or predicted classes. A score with a zero denominator is 0 (or `zeroDivision`)
 * and adds a `zeroDivision` warning. Weighted when `sampleWeight` is given.
 *
 * Cost: one pass over the rows, plus O(groups · k²).
 *
 * @throws FairnessInputError on invalid data; RangeError on an unknown metric
 * @example
 * const r = multiclassMetrics({
 *   yTrue: ["a", "b", "c", "a"],
 *   yPred: ["a", "b", "b", "c"],
 *   sensitiveFeatures: ["x", "x", "y", "y"],
 * });
 * r.summary.byGroup.map((g) => g.values.accuracy); // => [1, 0]
 * r.overall.recall; // => [0.5, 1, 0]
 *
 * @category Regression and multiclass
 */
export function multiclassMetrics(
  input: MulticlassInput,
  options: MulticlassMetricsOptions = {},
): MulticlassMetricsResult {
  return multiclassMetricsOfColumns(prepareMulticlass(input), options);
}
