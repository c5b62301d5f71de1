/**
 * Evaluates metrics on cells (groups, or control stratum × group) from one set of columns: count
 * metrics from confusion counts, score and user metrics on each cell's rows.
 */
import type { Columns } from "../data/columns.js";
import { FairnessInputError } from "../data/errors.js";
import {
  type ConfusionStats,
  confusionOf,
  countConfusion,
  groupSize,
  sumGroups,
} from "../stats/confusion.js";
import { partitionRows, take } from "../stats/partition.js";
import type { MetricDefinition } from "./types.js";

/**
 * A metric function of the user: called with one group's 0/1 labels, predictions, weights.
 *
 * @category Metric registry
 */
export type UserMetricFunction = (
  yTrue: Uint8Array,
  yPred: Uint8Array,
  sampleWeight: Float64Array | undefined,
) => number;

/**
 * A user metric with an id (and whether it reads predictions or scores).
 *
 * @category Metric registry
 */
export interface UserMetric {
  /** Id of its column in results (unique among the metrics requested). */
  readonly id: string;
  /** Display name. @defaultValue the id */
  readonly name?: string;
  /** `predictions` (default): fn receives hard predictions; `scores`: it receives the scores. */
  readonly input?: "predictions" | "scores";
  /** The metric on one group's rows: labels 0/1, predictions 0/1 or scores, weights. */
  readonly fn: (
    yTrue: Uint8Array,
    yPredOrScore: Uint8Array | Float64Array,
    sampleWeight: Float64Array | undefined,
  ) => number;
}

/** A resolved metric: built-in definition or user metric. */
export type ResolvedMetric =
  | {
      readonly kind: "builtin";
      readonly id: string;
      readonly name: string;
      readonly definition: MetricDefinition;
    }
  | {
      readonly kind: "user";
      readonly id: string;
      readonly name: string;
      readonly metric: UserMetric;
    };

/** Why a value is NaN (or was replaced under `zeroDivision`). */
export interface MetricWarning {
  readonly code: "zeroDivision" | "undefinedMetric" | "notANumber";
  readonly metric: string;
  /** Index of the cell (group) the warning is about; -1 for overall. */
  readonly cell: number;
  readonly message: string;
}

/**
 * Value of a rate whose denominator is zero: NaN (with a warning), 0 or 1.
 *
 * @category Metric registry
 */
export type ZeroDivision = "nan" | 0 | 1;
/** When a user metric returns a non-number: `raise` throws, `coerce` records NaN and a warning. */
export type ErrorPolicy = "raise" | "coerce";

export interface CellValues {
  /** Per metric id, one value per cell (NaN for empty cells). */
  readonly values: Record<string, Float64Array>;
  /** Unweighted rows per cell. */
  readonly count: Float64Array;
  readonly warnings: MetricWarning[];
}

function userValue(
  metric: UserMetric,
  result: unknown,
  errors: ErrorPolicy,
  cell: number,
  warnings: MetricWarning[],
): number {
  if (typeof result === "number") return result;
  if (errors === "raise") {
    throw new TypeError(
      `groupMetrics: user metric "${metric.id}" returned ${typeof result}, expected a number (pass errors: 'coerce' to turn such values into NaN)`,
    );
  }
  warnings.push({
    code: "notANumber",
    metric: metric.id,
    cell,
    message: `returned ${typeof result}; coerced to NaN`,
  });
  return Number.NaN;
}

/** A count metric's value on every non-empty cell of `stats`, with its warnings. */
function countValues(
  metric: ResolvedMetric & { kind: "builtin" },
  stats: ConfusionStats,
  count: Float64Array,
  zeroDivision: ZeroDivision,
  warnings: MetricWarning[],
): Float64Array {
  const def = metric.definition;
  if (def.input !== "counts") throw new Error("unreachable");
  const out = new Float64Array(stats.groups).fill(Number.NaN);
  for (let c = 0; c < stats.groups; c++) {
    if (count[c] === 0) continue;
    const confusion = confusionOf(stats, c, def.unweighted === true);
    let v = def.fromCounts(confusion);
    if (Number.isNaN(v)) {
      const zero = def.proportion !== undefined && def.proportion.denominator(confusion) === 0;
      warnings.push({
        code: zero ? "zeroDivision" : "undefinedMetric",
        metric: metric.id,
        cell: c,
        message: zero ? "denominator is zero" : "undefined for these counts",
      });
      if (zeroDivision !== "nan") v = zeroDivision;
    }
    out[c] = v;
  }
  return out;
}

function scoreWarning(id: string, cell: number): MetricWarning {
  return {
    code: "undefinedMetric",
    metric: id,
    cell,
    message: "undefined for this group (for example, only one class is present)",
  };
}

/** A score or user metric on the rows `rows` (all rows when undefined). */
function rowValue(
  columns: Columns,
  metric: ResolvedMetric,
  rows: Uint32Array | undefined,
  cell: number,
  errors: ErrorPolicy,
  warnings: MetricWarning[],
): number {
  const pick = <T extends Float64Array | Uint8Array>(values: T): T =>
    rows === undefined ? values : take(values, rows);
  if (metric.kind === "builtin") {
    const def = metric.definition;
    if (def.input !== "scores") throw new Error("unreachable");
    const weight = columns.weight ? pick(columns.weight) : undefined;
    const v = def.fromScores(pick(columns.label), pick(columns.score!), weight);
    if (Number.isNaN(v)) warnings.push(scoreWarning(metric.id, cell));
    return v;
  }
  // User functions get their own copies, so they cannot alter the columns.
  const copy = <T extends Float64Array | Uint8Array>(values: T): T =>
    rows === undefined ? (values.slice() as T) : take(values, rows);
  const weight = columns.weight ? copy(columns.weight) : undefined;
  const second = metric.metric.input === "scores" ? copy(columns.score!) : copy(columns.pred!);
  return userValue(
    metric.metric,
    metric.metric.fn(copy(columns.label), second, weight),
    errors,
    cell,
    warnings,
  );
}

function cellCounts(stats: ConfusionStats): Float64Array {
  const count = new Float64Array(stats.groups);
  for (let c = 0; c < stats.groups; c++) count[c] = groupSize(stats, c);
  return count;
}

function confusionStats(columns: Columns, code: Uint32Array, cells: number): ConfusionStats {
  return countConfusion(
    { ...columns, pred: columns.pred ?? new Uint8Array(columns.n) },
    code,
    cells,
  );
}

/**
 * Computes every metric on every non-empty cell of `code` (values in [0, cells)).
 *
 * Cost: one pass for the confusion counts; when score or user metrics are asked, one counting
 * sort by cell plus each metric's own cost on each cell's rows.
 */
export function evaluateCells(
  columns: Columns,
  code: Uint32Array,
  cells: number,
  metrics: readonly ResolvedMetric[],
  zeroDivision: ZeroDivision,
  errors: ErrorPolicy,
): CellValues {
  const warnings: MetricWarning[] = [];
  const values: Record<string, Float64Array> = {};
  const stats = confusionStats(columns, code, cells);
  const count = cellCounts(stats);
  const needsRows = metrics.some((m) => m.kind === "user" || m.definition.input === "scores");
  const partition = needsRows ? partitionRows(code, cells) : undefined;
  for (const metric of metrics) {
    if (metric.kind === "builtin" && metric.definition.input === "counts") {
      values[metric.id] = countValues(metric, stats, count, zeroDivision, warnings);
      continue;
    }
    const out = new Float64Array(cells).fill(Number.NaN);
    values[metric.id] = out;
    for (let c = 0; c < cells; c++) {
      if (count[c] === 0) continue;
      const rows = partition!.rows.subarray(partition!.offsets[c], partition!.offsets[c + 1]);
      out[c] = rowValue(columns, metric, rows, c, errors, warnings);
    }
  }
  return { values, count, warnings };
}

/**
 * Every metric by group (codes `columns.group`) and overall, with one pass for the counts (the
 * overall counts are the sum of the groups'), one call of a score metric's by-group kernel when
 * it has one, and score metrics on all rows read in place.
 *
 * Cost: one pass over the rows for count metrics; score metrics as in {@link evaluateCells}.
 */
export function evaluateGroupsAndOverall(
  columns: Columns,
  metrics: readonly ResolvedMetric[],
  zeroDivision: ZeroDivision,
  errors: ErrorPolicy,
): { readonly overall: CellValues; readonly groups: CellValues } {
  const cells = columns.groups.keys.length;
  const stats = confusionStats(columns, columns.group, cells);
  const overallStats = sumGroups(stats);
  const groupWarnings: MetricWarning[] = [];
  const overallWarnings: MetricWarning[] = [];
  const groupValues: Record<string, Float64Array> = {};
  const overallValues: Record<string, Float64Array> = {};
  const count = cellCounts(stats);
  const overallCount = cellCounts(overallStats);
  let partition: ReturnType<typeof partitionRows> | undefined;
  for (const metric of metrics) {
    if (metric.kind === "builtin" && metric.definition.input === "counts") {
      groupValues[metric.id] = countValues(metric, stats, count, zeroDivision, groupWarnings);
      overallValues[metric.id] = countValues(
        metric,
        overallStats,
        overallCount,
        zeroDivision,
        overallWarnings,
      );
      continue;
    }
    const out = new Float64Array(cells).fill(Number.NaN);
    groupValues[metric.id] = out;
    const byGroup =
      metric.kind === "builtin" && metric.definition.input === "scores"
        ? metric.definition.fromScoresByGroup
        : undefined;
    if (byGroup !== undefined) {
      const all = byGroup(columns.label, columns.score!, columns.weight, columns.group, cells);
      for (let c = 0; c < cells; c++) {
        if (count[c] === 0) continue;
        out[c] = all[c]!;
        if (Number.isNaN(out[c]!)) groupWarnings.push(scoreWarning(metric.id, c));
      }
      overallValues[metric.id] = Float64Array.of(all[cells]!);
      if (Number.isNaN(all[cells]!)) overallWarnings.push(scoreWarning(metric.id, 0));
      continue;
    }
    partition ??= partitionRows(columns.group, cells);
    for (let c = 0; c < cells; c++) {
      if (count[c] === 0) continue;
      const rows = partition.rows.subarray(partition.offsets[c], partition.offsets[c + 1]);
      out[c] = rowValue(columns, metric, rows, c, errors, groupWarnings);
    }
    overallValues[metric.id] = Float64Array.of(
      rowValue(columns, metric, undefined, 0, errors, overallWarnings),
    );
  }
  return {
    overall: { values: overallValues, count: overallCount, warnings: overallWarnings },
    groups: { values: groupValues, count, warnings: groupWarnings },
  };
}

/**
 * Count metrics on every cell of given confusion statistics (for statistics computed elsewhere:
 * streaming accumulators, SQL engines).
 */
export function evaluateConfusion(
  stats: ConfusionStats,
  metrics: readonly ResolvedMetric[],
  zeroDivision: ZeroDivision,
): CellValues {
  const warnings: MetricWarning[] = [];
  const values: Record<string, Float64Array> = {};
  const count = cellCounts(stats);
  for (const metric of metrics) {
    if (metric.kind !== "builtin" || metric.definition.input !== "counts") {
      throw new TypeError(
        `groupMetrics: metric "${metric.id}" needs each row's scores, not only confusion counts`,
      );
    }
    values[metric.id] = countValues(metric, stats, count, zeroDivision, warnings);
  }
  return { values, count, warnings };
}

/** Throws when a metric needs a column the input does not have. */
export function checkMetricInputs(columns: Columns, metrics: readonly ResolvedMetric[]): void {
  for (const m of metrics) {
    const needsScores =
      (m.kind === "builtin" && m.definition.input === "scores") ||
      (m.kind === "user" && m.metric.input === "scores");
    if (needsScores && columns.score === undefined) {
      throw new FairnessInputError([
        { code: "missing_field", path: ["yScore"], message: `metric "${m.id}" needs yScore` },
      ]);
    }
    if (
      m.kind === "builtin" &&
      m.definition.input === "scores" &&
      m.definition.needsProbabilities &&
      columns.scoreKind === "margin"
    ) {
      throw new FairnessInputError([
        {
          code: "invalid_option",
          path: ["scores"],
          message: `metric "${m.id}" needs probabilities in [0, 1], but scores: 'margin' was given`,
        },
      ]);
    }
  }
}
