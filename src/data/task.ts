/**
 * Task types: binary classification, multiclass classification and regression, and how a task
 * is detected from the data when the user does not say.
 */
import { FairnessInputError } from "./errors.js";

/** What the model predicts: two classes, several classes, or a real number. */
export type TaskType = "binary" | "multiclass" | "regression";

/** Every task type. */
export const TASK_TYPES: readonly TaskType[] = ["binary", "multiclass", "regression"];

/**
 * The task of labels and predictions, when the data leave no doubt: a probability matrix means
 * multiclass; any non-integer number means regression; two distinct values mean binary; more
 * than two strings or booleans mean multiclass. More than two distinct integers could be classes
 * or counts, so they are an error (`task_ambiguous`) asking for `task`.
 *
 * Cost: one pass over the labels and predictions (stops early at a non-integer).
 *
 * @throws FairnessInputError `task_ambiguous` when integers with more than two values are given
 * @example
 * detectTask([0, 1, 1], [1, 1, 0]); // => "binary"
 * detectTask([2.5, 3], [2, 3.1]); // => "regression"
 * detectTask(["a", "b", "c"], ["a", "a", "c"]); // => "multiclass"
 */
export function detectTask(
  yTrue: ArrayLike<unknown>,
  yPred: ArrayLike<unknown> | undefined,
  hasProbabilityMatrix = false,
): TaskType {
  if (hasProbabilityMatrix) return "multiclass";
  const distinct = new Set<unknown>();
  let allNumbers = true;
  for (const values of yPred === undefined ? [yTrue] : [yTrue, yPred]) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === "number") {
        if (Number.isFinite(v) && !Number.isInteger(v)) return "regression";
      } else allNumbers = false;
      if (distinct.size <= 2) distinct.add(v);
    }
  }
  if (distinct.size <= 2) return "binary";
  if (!allNumbers) return "multiclass";
  throw new FairnessInputError([
    {
      code: "task_ambiguous",
      path: ["task"],
      message:
        "labels are integers with more than two values: say whether they are classes (task: 'multiclass') or quantities (task: 'regression')",
    },
  ]);
}
