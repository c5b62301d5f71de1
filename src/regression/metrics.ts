/**
 * The regression metric registry: every regression metric declared once, as a function of one
 * cell's {@link RegressionSums}. Definitions follow scikit-learn (mean_absolute_error,
 * mean_squared_error, r2_score with force_finite=True) and Fairlearn (mean_prediction).
 */
import type { BetterDirection } from "../metrics/types.js";
import type { RegressionSums } from "./sums.js";

/** A regression metric's declaration. */
export interface RegressionMetric {
  /** camelCase id used in the API, reports, policies and the CLI. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** One sentence: the definition. */
  readonly description: string;
  /** The task type it applies to. */
  readonly task: "regression";
  /** Range of defined values. */
  readonly range: readonly [number, number];
  /** Which direction is better. */
  readonly better: BetterDirection;
  /** Whether it is a loss (smaller is better), usable in bounded group loss. */
  readonly loss: boolean;
  /** The value of cell `c`; NaN when undefined. */
  readonly fromSums: (s: RegressionSums, c: number) => number;
  /** Why the value of cell `c` is undefined, when it is. */
  readonly undefinedWhen?: (s: RegressionSums, c: number) => string | undefined;
}

const mean = (field: keyof RegressionSums) => (s: RegressionSums, c: number) =>
  (s[field] as Float64Array)[c]! / s.weight[c]!;

/**
 * R² with scikit-learn's conventions: `1 − SS_res / SS_tot`; when `SS_tot = 0` it is 1 if
 * `SS_res = 0` and 0 otherwise (force_finite); with fewer than two rows it is NaN.
 */
function r2(s: RegressionSums, c: number): number {
  if (s.count[c]! < 2) return Number.NaN;
  const residual = s.squaredError[c]!;
  const total = s.totalSquares[c]!;
  if (total === 0) return residual === 0 ? 1 : 0;
  return 1 - residual / total;
}

const TABLE = [
  {
    id: "count",
    name: "Count",
    description: "Number of rows (never weighted).",
    task: "regression",
    range: [0, Number.POSITIVE_INFINITY],
    better: "neither",
    loss: false,
    fromSums: (s, c) => s.count[c]!,
  },
  {
    id: "meanAbsoluteError",
    name: "Mean absolute error",
    description: "Σ w |y − ŷ| / Σ w.",
    task: "regression",
    range: [0, Number.POSITIVE_INFINITY],
    better: "lower",
    loss: true,
    fromSums: mean("absoluteError"),
  },
  {
    id: "meanSquaredError",
    name: "Mean squared error",
    description: "Σ w (y − ŷ)² / Σ w.",
    task: "regression",
    range: [0, Number.POSITIVE_INFINITY],
    better: "lower",
    loss: true,
    fromSums: mean("squaredError"),
  },
  {
    id: "rootMeanSquaredError",
    name: "Root mean squared error",
    description: "√(Σ w (y − ŷ)² / Σ w).",
    task: "regression",
    range: [0, Number.POSITIVE_INFINITY],
    better: "lower",
    loss: true,
    fromSums: (s, c) => Math.sqrt(s.squaredError[c]! / s.weight[c]!),
  },
  {
    id: "r2Score",
    name: "R²",
    description:
      "1 − Σ w (y − ŷ)² / Σ w (y − ȳ)²; 1 or 0 for a constant target (exact or not), NaN below two rows.",
    task: "regression",
    range: [Number.NEGATIVE_INFINITY, 1],
    better: "higher",
    loss: false,
    fromSums: r2,
    undefinedWhen: (s, c) =>
      s.count[c]! < 2 ? "R² is not well-defined with less than two rows" : undefined,
  },
  {
    id: "meanPrediction",
    name: "Mean prediction",
    description: "Σ w ŷ / Σ w.",
    task: "regression",
    range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    better: "neither",
    loss: false,
    fromSums: mean("prediction"),
  },
  {
    id: "meanTarget",
    name: "Mean target",
    description: "Σ w y / Σ w.",
    task: "regression",
    range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    better: "neither",
    loss: false,
    fromSums: mean("target"),
  },
  {
    id: "meanResidual",
    name: "Mean residual",
    description: "Σ w (y − ŷ) / Σ w: positive when the model under-predicts on average.",
    task: "regression",
    range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    better: "neither",
    loss: false,
    fromSums: mean("residual"),
  },
  {
    id: "overPredictionRate",
    name: "Over-prediction rate",
    description: "Weighted share of rows with ŷ − y > tolerance.",
    task: "regression",
    range: [0, 1],
    better: "lower",
    loss: true,
    fromSums: mean("over"),
  },
  {
    id: "underPredictionRate",
    name: "Under-prediction rate",
    description: "Weighted share of rows with y − ŷ > tolerance.",
    task: "regression",
    range: [0, 1],
    better: "lower",
    loss: true,
    fromSums: mean("under"),
  },
] as const satisfies readonly RegressionMetric[];

/**
 * The id of a regression metric (a literal union: a misspelt id fails to compile).
 *
 * @category Regression and multiclass
 */
export type RegressionMetricId = (typeof TABLE)[number]["id"];

/** Every regression metric, in display order. */
export const REGRESSION_METRICS: readonly (RegressionMetric & {
  readonly id: RegressionMetricId;
})[] = TABLE;

const BY_ID = new Map<string, RegressionMetric>(REGRESSION_METRICS.map((m) => [m.id, m]));

/**
 * The regression metric with this id, or undefined.
 *
 * @example
 * getRegressionMetric("r2Score")?.name; // => "R²"
 */
export function getRegressionMetric(id: string): RegressionMetric | undefined {
  return BY_ID.get(id);
}

/**
 * The given strings as regression metric ids (for ids shared with other tasks' options, or read
 * from outside); throws a RangeError naming the first unknown one.
 *
 * @example
 * regressionMetricIdsOf(["r2Score"], "auditRegression"); // => ["r2Score"]
 */
export function regressionMetricIdsOf(ids: readonly string[], fn: string): RegressionMetricId[] {
  return ids.map((id, i) => {
    if (!BY_ID.has(id)) {
      throw new RangeError(`${fn}: unknown metric ${JSON.stringify(id)} (metrics[${i}])`);
    }
    return id as RegressionMetricId;
  });
}

/** Metrics computed when none are named. */
export const DEFAULT_REGRESSION_METRICS: readonly RegressionMetricId[] = [
  "count",
  "meanAbsoluteError",
  "meanSquaredError",
  "rootMeanSquaredError",
  "r2Score",
  "meanPrediction",
  "meanTarget",
  "meanResidual",
];
