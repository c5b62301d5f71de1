/**
 * Regression input: finite real targets and predictions, checked once at the boundary and turned
 * into row-aligned typed arrays with the group codes.
 */

import type { GroupedRows } from "./columns.js";
import { IssueCollector } from "./errors.js";
import { type GroupedInput, prepareGroupedRows } from "./groupedRows.js";
import type { NumberArray } from "./inputTypes.js";

/**
 * The data of a regression audit: real targets and predictions, groups and weights.
 *
 * @category Regression and multiclass
 */
export interface RegressionInput extends GroupedInput {
  /** True targets (finite numbers). */
  readonly yTrue: NumberArray;
  /** Predictions (finite numbers). */
  readonly yPred: NumberArray;
}

/** Prepared regression input. */
export interface RegressionColumns extends GroupedRows {
  /** Always "regression". */
  readonly task: "regression";
  /** True targets of the kept rows. */
  readonly target: Float64Array;
  /** Predictions of the kept rows. */
  readonly prediction: Float64Array;
}

function checkValues(field: "yTrue" | "yPred", values: unknown, issues: IssueCollector): void {
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) {
    issues.add("invalid_type", [field], "expected an array or a typed array of numbers");
    return;
  }
  const array = values as NumberArray;
  for (let i = 0; i < array.length; i++) {
    const v = array[i] as unknown;
    if (typeof v !== "number") {
      issues.add(
        "invalid_type",
        [field, i],
        `expected a number, got ${v === null ? "null" : typeof v}`,
      );
    } else if (!Number.isFinite(v)) {
      issues.add("not_finite", [field, i], `expected a finite number, got ${v}`);
    }
  }
}

/**
 * Validates a regression input and builds its columns. Non-finite or non-numeric targets and
 * predictions are errors naming the field and row; weights and groups follow the binary rules.
 *
 * Cost: one pass over each column.
 *
 * @throws FairnessInputError listing every invalid value
 * @example
 * prepareRegression({ yTrue: [1, 2.5], yPred: [1.5, 2], sensitiveFeatures: ["a", "b"] }).target;
 * // => Float64Array [1, 2.5]
 */
export function prepareRegression(input: RegressionInput): RegressionColumns {
  const issues = new IssueCollector();
  checkValues("yTrue", input.yTrue, issues);
  checkValues("yPred", input.yPred, issues);
  issues.throwIfAny();
  const n = input.yTrue.length;
  if (n === 0) issues.add("empty_input", ["yTrue"], "needs at least one row");
  if (input.yPred.length !== n) {
    issues.add("length_mismatch", ["yPred"], `has ${input.yPred.length} rows, but yTrue has ${n}`);
  }
  issues.throwIfAny();
  const rows = prepareGroupedRows(input, n, issues);
  issues.throwIfAny();
  const kept = rows!;
  const pick = (values: NumberArray) => {
    const out = new Float64Array(kept.n);
    const keep = kept.sourceRow;
    for (let r = 0; r < kept.n; r++) out[r] = values[keep ? keep[r]! : r]!;
    return out;
  };
  return { ...kept, task: "regression", target: pick(input.yTrue), prediction: pick(input.yPred) };
}
