/**
 * A threshold operation: "predict positive where score <operator> threshold". Fairlearn's
 * ThresholdOptimizer emits `>` (and `<` with `flip`); user-given group thresholds use `>=`.
 */

/** How a score is compared with a threshold. */
export type ThresholdOperator = ">" | "<" | ">=" | "<=";

/** "Predict positive where score `operator` threshold". */
export interface ThresholdOperation {
  /** How the score is compared with the threshold. */
  readonly operator: ThresholdOperator;
  /** May be ±Infinity ("predict everything 0" is `> +Infinity`). */
  readonly threshold: number;
}

/** Whether `score` satisfies the operation. */
export function applies(operation: ThresholdOperation, score: number): boolean {
  const t = operation.threshold;
  switch (operation.operator) {
    case ">":
      return score > t;
    case "<":
      return score < t;
    case ">=":
      return score >= t;
    case "<=":
      return score <= t;
  }
}
