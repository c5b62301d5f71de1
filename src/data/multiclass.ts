/**
 * Multiclass input: labels and predictions from a finite set of strings, numbers or booleans
 * (one type per input), with an optional per-class probability matrix, checked once and encoded
 * as class indices.
 */

import type { GroupedRows } from "./columns.js";
import type { IssueCollector as Collector } from "./errors.js";
import { IssueCollector } from "./errors.js";
import { type GroupedInput, prepareGroupedRows } from "./groupedRows.js";
import type { NumericTypedArray } from "./inputTypes.js";
import { compareLevels } from "./levels.js";

/** A class label: a string, a finite number or a boolean. */
export type ClassLabel = string | number | boolean;

/** Class labels of every row: an array, or a numeric typed array. */
export type ClassArray = readonly ClassLabel[] | NumericTypedArray;

/**
 * The data of a multiclass audit.
 *
 * @category Regression and multiclass
 */
export interface MulticlassInput extends GroupedInput {
  /** True classes. */
  readonly yTrue: ClassArray;
  /** Predicted classes. Without it, the class of largest probability in `yProba`. */
  readonly yPred?: ClassArray;
  /**
   * Per-class probabilities, one row per input row, columns in the order of `labels` (or of the
   * sorted classes); each row must sum to 1 (within 1e-6).
   */
  readonly yProba?: readonly (readonly number[])[];
  /**
   * The classes and their order. @defaultValue the sorted union of the classes in `yTrue` and
   * `yPred` (numbers ascending, strings by code point, `false < true`)
   */
  readonly labels?: readonly ClassLabel[];
}

/** Prepared multiclass input. */
export interface MulticlassColumns extends GroupedRows {
  /** Always "multiclass". */
  readonly task: "multiclass";
  /** The classes; a row's class index points here. */
  readonly classes: readonly ClassLabel[];
  /** Index of each kept row's true class. */
  readonly target: Uint32Array;
  /** Index of each kept row's predicted class. */
  readonly prediction: Uint32Array;
  /** Probabilities of the kept rows, row-major (`n × classes.length`), when given. */
  readonly probability: Float64Array | undefined;
}

/** Tolerance on the sum of a probability row. */
const PROBABILITY_SUM_TOLERANCE = 1e-6;

function scanClasses(
  field: "yTrue" | "yPred",
  values: ClassArray,
  issues: Collector,
  seen: Map<ClassLabel, true>,
  type: { name: string | undefined; where: string },
): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as unknown;
    const t = typeof v;
    if (t !== "string" && t !== "number" && t !== "boolean") {
      issues.add(
        "invalid_type",
        [field, i],
        `expected a string, number or boolean class, got ${v === null ? "null" : t}`,
      );
      continue;
    }
    if (t === "number" && !Number.isFinite(v)) {
      issues.add("not_finite", [field, i], `expected a finite class label, got ${String(v)}`);
      continue;
    }
    if (type.name === undefined) {
      type.name = t;
      type.where = `${field}[${i}]`;
    } else if (t !== type.name) {
      issues.add(
        "mixed_label_types",
        [field, i],
        `class ${JSON.stringify(v)} is a ${t}, but ${type.where} is a ${type.name}; use one type for every class (1 and "1" are different classes)`,
      );
      continue;
    }
    seen.set(v as ClassLabel, true);
  }
}

function checkProbabilities(
  proba: readonly (readonly number[])[],
  n: number,
  k: number,
  issues: Collector,
): void {
  if (proba.length !== n) {
    issues.add("length_mismatch", ["yProba"], `has ${proba.length} rows, but yTrue has ${n}`);
    return;
  }
  for (let i = 0; i < n; i++) {
    const row = proba[i];
    if (!Array.isArray(row) && !ArrayBuffer.isView(row)) {
      issues.add("invalid_type", ["yProba", i], "expected an array of class probabilities");
      continue;
    }
    if (row.length !== k) {
      issues.add("length_mismatch", ["yProba", i], `has ${row.length} columns, expected ${k}`);
      continue;
    }
    let sum = 0;
    let valid = true;
    for (let j = 0; j < k; j++) {
      const p = row[j] as unknown;
      if (typeof p !== "number" || !Number.isFinite(p) || p < 0 || p > 1) {
        issues.add(
          "out_of_range",
          ["yProba", i],
          `column ${j}: expected a probability in [0, 1], got ${String(p)}`,
        );
        valid = false;
        break;
      }
      sum += p;
    }
    if (valid && Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
      issues.add(
        "probabilities_not_normalized",
        ["yProba", i],
        `the class probabilities sum to ${sum}, expected 1`,
      );
    }
  }
}

/**
 * Validates a multiclass input and encodes its classes. Every class of `yTrue` and `yPred` must
 * have the same JSON type (`1` and `"1"` together are `mixed_label_types`); at least two classes
 * must occur (`single_class`); with `labels`, every value must be one of them (`unknown_class`).
 * A predicted class that never occurs in `yTrue` is allowed: it is a class like any other (its
 * recall is undefined, its precision is 0).
 *
 * Cost: one pass over each column, plus sorting the distinct classes.
 *
 * @throws FairnessInputError listing every invalid value with its field and row
 * @example
 * prepareMulticlass({ yTrue: ["b", "a", "c"], yPred: ["b", "c", "c"], sensitiveFeatures: [1, 1, 2] }).target;
 * // => Uint32Array [1, 0, 2]
 */
export function prepareMulticlass(input: MulticlassInput): MulticlassColumns {
  const issues = new IssueCollector();
  const n = input.yTrue.length;
  if (n === 0) {
    issues.add("empty_input", ["yTrue"], "needs at least one row");
    issues.throwIfAny();
  }
  if (input.yPred === undefined && input.yProba === undefined) {
    issues.add("missing_field", ["yPred"], "give yPred (predicted classes) or yProba");
  }
  if (input.yPred !== undefined && input.yPred.length !== n) {
    issues.add("length_mismatch", ["yPred"], `has ${input.yPred.length} rows, but yTrue has ${n}`);
  }
  issues.throwIfAny();
  const seen = new Map<ClassLabel, true>();
  const type = { name: undefined as string | undefined, where: "" };
  scanClasses("yTrue", input.yTrue, issues, seen, type);
  if (input.yPred !== undefined) scanClasses("yPred", input.yPred, issues, seen, type);
  issues.throwIfAny();
  let classes: ClassLabel[];
  if (input.labels !== undefined) {
    classes = [...input.labels];
    if (new Set(classes).size !== classes.length) {
      issues.add("invalid_option", ["labels"], "lists a class twice");
    }
    for (const c of seen.keys()) {
      if (!classes.includes(c)) {
        issues.add("unknown_class", ["labels"], `class ${JSON.stringify(c)} is not in labels`);
      }
    }
  } else {
    classes = [...seen.keys()].sort(compareLevels);
  }
  if (classes.length < 2) {
    issues.add(
      "single_class",
      ["yTrue"],
      `found one class (${JSON.stringify(classes[0])}); a multiclass audit needs at least two`,
    );
  }
  if (input.yProba !== undefined) checkProbabilities(input.yProba, n, classes.length, issues);
  const rows = prepareGroupedRows(input, n, issues);
  issues.throwIfAny();
  const kept = rows!;
  const index = new Map(classes.map((c, j) => [c, j]));
  const keep = kept.sourceRow;
  const encode = (values: ClassArray) => {
    const out = new Uint32Array(kept.n);
    for (let r = 0; r < kept.n; r++) out[r] = index.get(values[keep ? keep[r]! : r]!)!;
    return out;
  };
  const k = classes.length;
  let probability: Float64Array | undefined;
  if (input.yProba !== undefined) {
    probability = new Float64Array(kept.n * k);
    for (let r = 0; r < kept.n; r++) {
      const row = input.yProba[keep ? keep[r]! : r]!;
      for (let j = 0; j < k; j++) probability[r * k + j] = row[j]!;
    }
  }
  let prediction: Uint32Array;
  if (input.yPred !== undefined) prediction = encode(input.yPred);
  else {
    prediction = new Uint32Array(kept.n);
    for (let r = 0; r < kept.n; r++) {
      let best = 0;
      for (let j = 1; j < k; j++)
        if (probability![r * k + j]! > probability![r * k + best]!) best = j;
      prediction[r] = best;
    }
  }
  return {
    ...kept,
    task: "multiclass",
    classes,
    target: encode(input.yTrue),
    prediction,
    probability,
  };
}
