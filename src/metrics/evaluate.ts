/**
 * Evaluates metrics on cells (groups, or control stratum × group) from one set of columns: count
 * metrics from confusion counts, score and user metrics on each cell's rows.
 */
import type { Columns } from "../data/columns.js";
import { FairnessInputError } from "../data/errors.js";
import { confusionOf, countConfusion, groupSize } from "../stats/confusion.js";
import { partitionRows, take } from "../stats/partition.js";
import type { MetricDefinition } from "./types.js";

/** A metric function of the user: called with one group's 0/1 labels, predictions, weights. */
export type UserMetricFunction = (
  yTrue: Uint8Array,
  yPred: Uint8Array,
  sampleWeight: Float64Array | undefined,
) => number;

/** A user metric with an id (and whether it reads predictions or scores). */
export interface UserMetric {
  readonly id: string;
  readonly name?: string;
  /** `predictions` (default): fn receives hard predictions; `scores`: it receives the scores. */
  readonly input?: "predictions" | "scores";
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
  readonly code: "zero_division" | "undefined_metric" | "not_a_number";
  readonly metric: string;
  /** Index of the cell (group) the warning is about; -1 for overall. */
  readonly cell: number;
  readonly message: string;
}

export type ZeroDivision = "nan" | 0 | 1;
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
    code: "not_a_number",
    metric: metric.id,
    cell,
    message: `returned ${typeof result}; coerced to NaN`,
  });
  return Number.NaN;
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
  const sizeStats = countConfusion(
    { ...columns, pred: columns.pred ?? new Uint8Array(columns.n) },
    code,
    cells,
  );
  const count = new Float64Array(cells);
  for (let c = 0; c < cells; c++) count[c] = groupSize(sizeStats, c);
  const needsRows = metrics.some((m) => m.kind === "user" || m.definition.input === "scores");
  const partition = needsRows ? partitionRows(code, cells) : undefined;

  for (const metric of metrics) {
    const out = new Float64Array(cells).fill(Number.NaN);
    values[metric.id] = out;
    for (let c = 0; c < cells; c++) {
      if (count[c] === 0) continue;
      let v: number;
      if (metric.kind === "builtin" && metric.definition.input === "counts") {
        const def = metric.definition;
        const confusion = confusionOf(sizeStats, c, def.unweighted === true);
        v = def.fromCounts(confusion);
        if (Number.isNaN(v)) {
          const zero = def.proportion !== undefined && def.proportion.denominator(confusion) === 0;
          warnings.push({
            code: zero ? "zero_division" : "undefined_metric",
            metric: metric.id,
            cell: c,
            message: zero ? "denominator is zero" : "undefined for these counts",
          });
          if (zeroDivision !== "nan") v = zeroDivision;
        }
      } else {
        const rows = partition!.rows.subarray(partition!.offsets[c], partition!.offsets[c + 1]);
        const label = take(columns.label, rows);
        const weight = columns.weight ? take(columns.weight, rows) : undefined;
        if (metric.kind === "builtin") {
          const def = metric.definition;
          if (def.input !== "scores") throw new Error("unreachable");
          v = def.fromScores(label, take(columns.score!, rows), weight);
          if (Number.isNaN(v)) {
            warnings.push({
              code: "undefined_metric",
              metric: metric.id,
              cell: c,
              message: "undefined for this group (for example, only one class is present)",
            });
          }
        } else {
          const second =
            metric.metric.input === "scores"
              ? take(columns.score!, rows)
              : take(columns.pred!, rows);
          v = userValue(
            metric.metric,
            metric.metric.fn(label, second, weight),
            errors,
            c,
            warnings,
          );
        }
      }
      out[c] = v;
    }
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
