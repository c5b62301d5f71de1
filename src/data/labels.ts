/**
 * Binary labels: checks that true labels and predictions use at most two values, decides the
 * positive one, and encodes them as 0/1.
 */
import type { IssueCollector } from "./errors.js";
import type { LabelArray, LabelValue } from "./inputTypes.js";

type LabelField = "yTrue" | "yPred";

/** Checks every value's type and collects the distinct values (at most 3 are kept). */
function scanLabels(
  field: LabelField,
  values: LabelArray,
  issues: IssueCollector,
  distinct: LabelValue[],
  firstRow: Map<LabelValue, [LabelField, number]>,
): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as unknown;
    const type = typeof v;
    if (type === "number") {
      if (!Number.isFinite(v)) {
        issues.add("not_finite", [field, i], `expected a finite label, got ${String(v)}`);
        continue;
      }
    } else if (type !== "string" && type !== "boolean") {
      issues.add(
        "invalid_type",
        [field, i],
        `expected a number, string or boolean label, got ${v === null ? "null" : type}`,
      );
      continue;
    }
    const label = v as LabelValue;
    if (distinct.length < 3 && !distinct.includes(label)) {
      distinct.push(label);
      firstRow.set(label, [field, i]);
    }
  }
}

const isSubset = (values: readonly LabelValue[], allowed: readonly LabelValue[]) =>
  values.every((v) => allowed.includes(v));

/**
 * Decides the positive label from the values of `yTrue` and `yPred` (Fairlearn's rule: without
 * `posLabel`, values must be `{0, 1}` or `{-1, 1}`; booleans are accepted with `true`
 * positive), reporting every problem to `issues`. Returns undefined when the labels are invalid.
 */
export function resolvePositiveLabel(
  yTrue: LabelArray,
  yPred: LabelArray | undefined,
  posLabel: LabelValue | undefined,
  issues: IssueCollector,
): LabelValue | undefined {
  const distinct: LabelValue[] = [];
  const firstRow = new Map<LabelValue, [LabelField, number]>();
  const before = issues.size;
  scanLabels("yTrue", yTrue, issues, distinct, firstRow);
  if (yPred) scanLabels("yPred", yPred, issues, distinct, firstRow);
  if (issues.size > before) return undefined;
  if (distinct.length > 2) {
    const third = distinct[2]!;
    issues.add(
      "not_binary",
      firstRow.get(third)!,
      `labels must take at most two values; found ${distinct.map((d) => JSON.stringify(d)).join(", ")}${distinct.length > 2 ? " (at least)" : ""}`,
    );
    return undefined;
  }
  if (posLabel !== undefined) {
    if (distinct.length === 2 && !distinct.includes(posLabel)) {
      issues.add(
        "pos_label_missing",
        ["posLabel"],
        `posLabel ${JSON.stringify(posLabel)} is not one of the label values ${distinct.map((d) => JSON.stringify(d)).join(", ")}`,
      );
      return undefined;
    }
    return posLabel;
  }
  if (isSubset(distinct, [0, 1]) || isSubset(distinct, [-1, 1])) return 1;
  if (isSubset(distinct, [false, true])) return true;
  issues.add(
    "pos_label_required",
    ["posLabel"],
    `labels ${distinct.map((d) => JSON.stringify(d)).join(", ")} are not {0, 1}, {-1, 1} or booleans: say which is positive with posLabel`,
  );
  return undefined;
}

/** 1 where `values[i] === positive`, else 0. */
export function encodeLabels(
  values: LabelArray,
  positive: LabelValue,
  keep: Uint32Array | undefined,
  n: number,
): Uint8Array {
  const out = new Uint8Array(n);
  for (let r = 0; r < n; r++) out[r] = values[keep ? keep[r]! : r] === positive ? 1 : 0;
  return out;
}
