/**
 * `prepare`: validates user input once and turns it into {@link Columns}.
 */
import type { Columns } from "./columns.js";
import { IssueCollector } from "./errors.js";
import { encodeGroups, findMissingRows, type NamedFeatures, namedFeatures } from "./groups.js";
import type { FairnessInput, FeatureInput, MissingGroupPolicy, NumberArray } from "./inputTypes.js";
import { encodeLabels, resolvePositiveLabel } from "./labels.js";
import { englishErrors, inputSchemas } from "./schema.js";
import { unknownKeyIssues } from "./unknownKeys.js";

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (typeof at !== "object" || at === null || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** @internal Shared with the regression and multiclass preparations. */
export function checkLength(
  issues: IssueCollector,
  path: (string | number)[],
  length: number,
  n: number,
): void {
  if (length !== n) {
    issues.add("length_mismatch", path, `has ${length} rows, but yTrue has ${n}`);
  }
}

/** Whether every score is a finite number (in [0, 1] for probabilities): the fast path. */
function cleanScores(scores: NumberArray, probability: boolean): boolean {
  const low = probability ? 0 : Number.NEGATIVE_INFINITY;
  const high = probability ? 1 : Number.POSITIVE_INFINITY;
  if (ArrayBuffer.isView(scores)) {
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      if (!(s >= low && s <= high && s - s === 0)) return false;
    }
    return true;
  }
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (typeof s !== "number" || !(s >= low && s <= high && s - s === 0)) return false;
  }
  return true;
}

function checkScores(scores: NumberArray, probability: boolean, issues: IssueCollector): void {
  if (cleanScores(scores, probability)) return;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as unknown;
    if (typeof s !== "number") {
      issues.add(
        "invalid_type",
        ["yScore", i],
        `expected a number, got ${s === null ? "null" : typeof s}`,
      );
    } else if (!Number.isFinite(s)) {
      issues.add("not_finite", ["yScore", i], `expected a finite score, got ${s}`);
    } else if (probability && (s < 0 || s > 1)) {
      issues.add(
        "out_of_range",
        ["yScore", i],
        `expected a probability in [0, 1], got ${s} (pass scores: 'margin' for unbounded scores)`,
      );
    }
  }
}

/** The total of the weights when every weight is a finite non-negative number, else NaN. */
function cleanTotal(weights: NumberArray): number {
  let total = 0;
  if (ArrayBuffer.isView(weights)) {
    // |w| − w is 0 for a finite w ≥ 0, positive for a negative w, NaN or +∞ for a NaN or an
    // infinity, and such terms never cancel: one sum of them checks every weight with no branch
    // that depends on the data. The total only decides whether all weights are zero and whether
    // sums of them stay finite.
    let bad = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i]!;
      bad += Math.abs(w) - w;
      total += w;
    }
    return bad === 0 ? total : Number.NaN;
  }
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (typeof w !== "number" || !(w >= 0 && w - w === 0)) return Number.NaN;
    total += w;
  }
  return total;
}

/** Reports each invalid weight; returns the total of the valid ones. */
function describeWeights(weights: NumberArray, issues: IssueCollector): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as unknown;
    if (typeof w !== "number") {
      issues.add(
        "invalid_type",
        ["sampleWeight", i],
        `expected a number, got ${w === null ? "null" : typeof w}`,
      );
    } else if (!Number.isFinite(w)) {
      issues.add("not_finite", ["sampleWeight", i], `expected a finite weight, got ${w}`);
    } else if (w < 0) {
      issues.add(
        "negative_weight",
        ["sampleWeight", i],
        `expected a non-negative weight, got ${w}`,
      );
    } else {
      total += w;
    }
  }
  return total;
}

/** @internal Shared with the regression and multiclass preparations. */
export function checkWeights(weights: NumberArray, issues: IssueCollector): void {
  let total = cleanTotal(weights);
  const before = issues.size;
  if (Number.isNaN(total)) total = describeWeights(weights, issues);
  if (issues.size === before && weights.length > 0 && total === 0) {
    issues.add("zero_total_weight", ["sampleWeight"], "all weights are zero");
  }
  // A bootstrap replicate sums at most n copies of the largest weight, so n × total must stay
  // finite for every weighted sum (plain, per group, resampled) to be finite.
  if (issues.size === before && !Number.isFinite(total * weights.length)) {
    issues.add(
      "out_of_range",
      ["sampleWeight"],
      `the weights are too large: their total ${total} times the ${weights.length} rows passes the largest finite number; divide them by a common factor (weighted results do not change)`,
    );
  }
}

/** @internal Shared with the regression and multiclass preparations. */
export function featureLengths(features: NamedFeatures, n: number, issues: IssueCollector): void {
  if (features.names.length === 0) {
    issues.add("missing_field", [features.field], "needs at least one feature");
  }
  features.columns.forEach((column, f) => {
    const path = features.named ? [features.field, features.names[f]!] : [features.field];
    checkLength(issues, path, column.length, n);
  });
}

/**
 * @internal The rows kept under the missing-group policy: all of them (`keep` undefined) unless
 * the policy is `drop` and some row has a missing level (`missing[i] === 1`); an issue when no
 * row is left. Shared with the regression and multiclass preparations.
 */
export function keptRows(
  missing: Uint8Array,
  policy: MissingGroupPolicy,
  issues: IssueCollector,
): { keep: Uint32Array | undefined; rows: number } {
  const n = missing.length;
  if (policy !== "drop" || !missing.includes(1)) return { keep: undefined, rows: n };
  const keep = new Uint32Array(n - missing.reduce((a, b) => a + b, 0));
  let r = 0;
  for (let i = 0; i < n; i++) if (missing[i] === 0) keep[r++] = i;
  if (keep.length === 0) {
    issues.add("empty_input", ["sensitiveFeatures"], "every row has a missing group value");
  }
  return { keep, rows: keep.length };
}

/**
 * @internal The sensitive and control features of an input with `n` rows, named, their lengths
 * checked, and control names distinct from sensitive ones; every problem goes to `issues`.
 * Shared with the regression and multiclass preparations.
 */
export function checkedFeatures(
  input: {
    readonly sensitiveFeatures: FeatureInput;
    readonly controlFeatures?: FeatureInput | undefined;
  },
  n: number,
  issues: IssueCollector,
): { sensitive: NamedFeatures; control: NamedFeatures | undefined } {
  const sensitive = namedFeatures(input.sensitiveFeatures, "sensitiveFeatures");
  featureLengths(sensitive, n, issues);
  const control = input.controlFeatures
    ? namedFeatures(input.controlFeatures, "controlFeatures")
    : undefined;
  if (control) {
    featureLengths(control, n, issues);
    for (const name of control.names) {
      if (sensitive.names.includes(name)) {
        issues.add("invalid_option", ["controlFeatures", name], "is also a sensitive feature name");
      }
    }
  }
  return { sensitive, control };
}

/** @internal Shared with the regression and multiclass preparations. */
export function gather(
  values: NumberArray,
  keep: Uint32Array | undefined,
  n: number,
): Float64Array {
  if (!keep) {
    // A Float64Array is used as is (columns are read only); other arrays are converted.
    if (values instanceof Float64Array) return values;
    return ArrayBuffer.isView(values) ? new Float64Array(values) : Float64Array.from(values);
  }
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) out[r] = values[keep[r]!] as number;
  return out;
}

/**
 * Validates the input and builds the columns every computation reads. Reports every problem at
 * once in a `FairnessInputError`; never mutates the user's arrays.
 *
 * Cost: one pass over each input column, plus sorting the distinct levels of each feature.
 *
 * @throws FairnessInputError listing each invalid value with its field and row
 * @example
 * prepare({ yTrue: [1, 0, 1], yPred: [1, 1, 0], sensitiveFeatures: ["a", "b", "a"] }).group;
 * // => Uint32Array [0, 1, 0]
 */
export function prepare(input: FairnessInput): Columns {
  const issues = new IssueCollector();
  const { FairnessInputSchema } = inputSchemas();
  if (typeof input === "object" && input !== null) {
    for (const issue of unknownKeyIssues(input, Object.keys(FairnessInputSchema.shape), [])) {
      issues.add(issue.code, issue.path, issue.message);
    }
  }
  const parsed = FairnessInputSchema.safeParse(input, { error: englishErrors });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // Missing only when the value at the path is absent; a present value of the wrong type
      // (threshold: "0.5") is invalid, not missing.
      const code =
        issue.path.length > 0 && valueAt(input, issue.path) === undefined
          ? "missing_field"
          : issue.path[0] === "yTrue" ||
              issue.path[0] === "yPred" ||
              issue.path[0] === "yScore" ||
              issue.path[0] === "sampleWeight" ||
              issue.path[0] === "sensitiveFeatures" ||
              issue.path[0] === "controlFeatures"
            ? "invalid_type"
            : "invalid_option";
      issues.add(
        code,
        issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
        issue.message,
      );
    }
  }
  issues.throwIfAny();
  const n = input.yTrue.length;
  if (n === 0) {
    issues.add("empty_input", ["yTrue"], "needs at least one row");
    issues.throwIfAny();
  }
  if (input.yPred === undefined && input.yScore === undefined) {
    issues.add("missing_field", ["yPred"], "give yPred (hard predictions) or yScore (scores)");
  }
  if (input.yPred) checkLength(issues, ["yPred"], input.yPred.length, n);
  if (input.yScore) checkLength(issues, ["yScore"], input.yScore.length, n);
  if (input.sampleWeight) checkLength(issues, ["sampleWeight"], input.sampleWeight.length, n);
  const { sensitive, control } = checkedFeatures(input, n, issues);
  issues.throwIfAny();

  const positive = resolvePositiveLabel(input.yTrue, input.yPred, input.posLabel, issues);
  const scoreKind = input.scores ?? "probability";
  if (input.yScore) checkScores(input.yScore, scoreKind === "probability", issues);
  if (input.sampleWeight) checkWeights(input.sampleWeight, issues);
  const policy = input.missingGroup ?? "error";
  const missing = new Uint8Array(n);
  findMissingRows(sensitive, n, policy, issues, missing);
  if (control) findMissingRows(control, n, policy, issues, missing);
  issues.throwIfAny();

  const { keep, rows: m } = keptRows(missing, policy, issues);
  issues.throwIfAny();

  const weight = input.sampleWeight ? gather(input.sampleWeight, keep, m) : undefined;
  if (weight?.every((w) => w === 0)) {
    issues.add("zero_total_weight", ["sampleWeight"], "all weights of the kept rows are zero");
    issues.throwIfAny();
  }
  const score = input.yScore ? gather(input.yScore, keep, m) : undefined;
  let pred: Uint8Array | undefined;
  if (input.yPred) {
    pred = encodeLabels(input.yPred, positive!, keep, m);
  } else if (score) {
    const threshold = input.threshold ?? (scoreKind === "probability" ? 0.5 : 0);
    pred = new Uint8Array(m);
    if ((input.thresholdRule ?? ">=") === ">=") {
      for (let r = 0; r < m; r++) pred[r] = score[r]! >= threshold ? 1 : 0;
    } else {
      for (let r = 0; r < m; r++) pred[r] = score[r]! > threshold ? 1 : 0;
    }
  }
  const groups = encodeGroups(sensitive, keep, m, input.intersections);
  const strata = control ? encodeGroups(control, keep, m, input.intersections) : undefined;
  return {
    n: m,
    label: encodeLabels(input.yTrue, positive!, keep, m),
    pred,
    score,
    scoreKind: score ? scoreKind : undefined,
    weight,
    group: groups.code,
    groups: groups.index,
    control: strata ? { code: strata.code, strata: strata.index } : undefined,
    sourceRow: keep,
  };
}
