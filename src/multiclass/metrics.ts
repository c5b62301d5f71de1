/**
 * The multiclass metric registry: every scalar multiclass metric declared once, as a function of
 * one cell's {@link MulticlassStats}. Names follow scikit-learn (accuracy_score,
 * balanced_accuracy_score, precision/recall/f1_score with average 'macro' or 'weighted').
 */
import type { BetterDirection } from "../metrics/types.js";
import type { MulticlassStats } from "./confusion.js";
import {
  accuracyOf,
  averageScores,
  balancedAccuracyOf,
  type ClassScores,
  presentClasses,
} from "./scores.js";

/** A scalar multiclass metric's declaration. */
export interface MulticlassMetric {
  /** camelCase id used in the API, reports, policies and the CLI. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** One sentence: the definition. */
  readonly description: string;
  /** The task type it applies to. */
  readonly task: "multiclass";
  /** Range of defined values. */
  readonly range: readonly [number, number];
  /** Which direction is better. */
  readonly better: BetterDirection;
  /** The value of cell `c`, given its per-class scores. */
  readonly fromStats: (s: MulticlassStats, c: number, scores: ClassScores) => number;
}

function averaged(
  score: "precision" | "recall" | "f1Score",
  average: "macro" | "weighted",
  label: string,
): MulticlassMetric {
  const what = { precision: "Precision", recall: "Recall", f1Score: "F1 score" }[score];
  return {
    id: `${score === "f1Score" ? "f1" : score}${average === "macro" ? "Macro" : "Weighted"}`,
    name: `${what} (${average})`,
    description: `${label} of the per-class ${what.toLowerCase()} over the classes present in the group.`,
    task: "multiclass",
    range: [0, 1],
    better: "higher",
    fromStats: (s, c, scores) =>
      averageScores(scores[score], scores.support, presentClasses(s, c), average),
  };
}

/** Every scalar multiclass metric, in display order. */
export const MULTICLASS_METRICS: readonly MulticlassMetric[] = [
  {
    id: "count",
    name: "Count",
    description: "Number of rows (never weighted).",
    task: "multiclass",
    range: [0, Number.POSITIVE_INFINITY],
    better: "neither",
    fromStats: (s, c) => s.count[c]!,
  },
  {
    id: "accuracy",
    name: "Accuracy",
    description: "Weighted share of rows whose predicted class is the true class.",
    task: "multiclass",
    range: [0, 1],
    better: "higher",
    fromStats: accuracyOf,
  },
  {
    id: "balancedAccuracy",
    name: "Balanced accuracy",
    description: "Mean recall over the classes that occur among the group's true classes.",
    task: "multiclass",
    range: [0, 1],
    better: "higher",
    fromStats: balancedAccuracyOf,
  },
  averaged("precision", "macro", "Unweighted mean"),
  averaged("precision", "weighted", "Support-weighted mean"),
  averaged("recall", "macro", "Unweighted mean"),
  averaged("recall", "weighted", "Support-weighted mean"),
  averaged("f1Score", "macro", "Unweighted mean"),
  averaged("f1Score", "weighted", "Support-weighted mean"),
];

const BY_ID = new Map(MULTICLASS_METRICS.map((m) => [m.id, m]));

/**
 * The multiclass metric with this id, or undefined.
 *
 * @example
 * getMulticlassMetric("f1Macro")?.name; // => "F1 score (macro)"
 */
export function getMulticlassMetric(id: string): MulticlassMetric | undefined {
  return BY_ID.get(id);
}
