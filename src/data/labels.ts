/**
 * Binary labels: checks that true labels and predictions use at most two values, decides the
 * positive one, and encodes them as 0/1.
 */
import type { IssueCollector } from "./errors.js";

import type { LabelArray, LabelValue, NumericTypedArray } from "./inputTypes.js";

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

/**
 * The distinct values of a typed label column when they are finite and at most two (in order of
 * first appearance), else undefined. Branch-free per row, so random labels cost no mispredictions: the
 * bytes of 0/1 columns are OR-ed and AND-ed four at a time, other columns are checked against
 * their minimum and maximum.
 */
function typedLabelValues(values: NumericTypedArray): number[] | undefined {
  const n = values.length;
  if (n === 0) return [];
  if (values instanceof Uint8Array && values.byteOffset % 4 === 0) {
    const whole = n >>> 2;
    const words = new Uint32Array(values.buffer, values.byteOffset, whole);
    let or = 0;
    let and = 0x01010101;
    for (let i = 0; i < whole; i++) {
      const w = words[i]!;
      or |= w;
      and &= w;
    }
    let tailOr = 0;
    let tailAnd = 1;
    for (let i = whole * 4; i < n; i++) {
      tailOr |= values[i]!;
      tailAnd &= values[i]!;
    }
    if (((or | tailOr) & 0xfefefefe) === 0) {
      const ones = or !== 0 || tailOr !== 0;
      const zeros = (whole > 0 && and !== 0x01010101) || tailAnd === 0;
      if (!(zeros && ones)) return [values[0]!];
      return [values[0]!, 1 - values[0]!];
    }
  }
  return numericLabelValues(values);
}

/**
 * The distinct values of a column of finite numbers when at most two (in order of first
 * appearance), else undefined (also when a value is not a number): the minimum and maximum in
 * one pass, then a branch-free check that no row holds a third value.
 */
function numericLabelValues(values: ArrayLike<unknown>): number[] | undefined {
  const n = values.length;
  if (n === 0) return [];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== "number") return undefined;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(max - min)) return undefined;
  let third = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    third |= Number(v !== min) & Number(v !== max);
  }
  if (third !== 0) return undefined;
  const first = values[0] as number;
  return min === max ? [first] : [first, first === min ? max : min];
}

/** Adds `found` to `distinct` when numeric and at most two in all; else false, `distinct` unchanged. */
function mergeDistinct(distinct: LabelValue[], found: readonly number[]): boolean {
  if (distinct.some((d) => typeof d !== "number")) return false;
  const merged = [...distinct];
  for (const v of found) if (!merged.includes(v)) merged.push(v);
  if (merged.length > 2) return false;
  distinct.splice(0, distinct.length, ...merged);
  return true;
}

/** A marker no label equals. */
const NONE: unique symbol = Symbol("none");

/**
 * The fast path of {@link scanLabels}: when every value is a valid label and `values` adds at most
 * two distinct values to `distinct` (in total), records them and returns true. Otherwise returns
 * false and leaves `distinct` alone, so the slow scan can describe each problem with its row.
 */
function scanCleanLabels(values: LabelArray, distinct: LabelValue[]): boolean {
  if (ArrayBuffer.isView(values)) {
    const found = typedLabelValues(values);
    return found !== undefined && mergeDistinct(distinct, found);
  }
  const numbers = numericLabelValues(values);
  if (numbers !== undefined) return mergeDistinct(distinct, numbers);
  let a: unknown = distinct.length > 0 ? distinct[0] : NONE;
  let b: unknown = distinct.length > 1 ? distinct[1] : NONE;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === a || v === b) continue;
    const type = typeof v;
    if (
      type === "number"
        ? (v as number) - (v as number) !== 0
        : type !== "string" && type !== "boolean"
    )
      return false;
    if (a === NONE) a = v;
    else if (b === NONE) b = v;
    else return false;
  }
  distinct.length = 0;
  if (a !== NONE) distinct.push(a as LabelValue);
  if (b !== NONE) distinct.push(b as LabelValue);
  return true;
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
  const clean = scanCleanLabels(yTrue, distinct) && (!yPred || scanCleanLabels(yPred, distinct));
  if (!clean) {
    distinct.length = 0;
    const before = issues.size;
    scanLabels("yTrue", yTrue, issues, distinct, firstRow);
    if (yPred) scanLabels("yPred", yPred, issues, distinct, firstRow);
    if (issues.size > before) return undefined;
  }
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

/** Whether every byte is 0 or 1. */
function isBinary(values: Uint8Array): boolean {
  // Words only when aligned: a Uint32Array view cannot start at an unaligned offset, even empty.
  const whole = values.byteOffset % 4 === 0 ? values.length >>> 2 : 0;
  const words = whole > 0 ? new Uint32Array(values.buffer, values.byteOffset, whole) : [];
  let bits = 0;
  for (let i = 0; i < whole; i++) bits |= words[i]!;
  for (let i = whole * 4; i < values.length; i++) bits |= values[i]!;
  return (bits & 0xfefefefe) === 0;
}

/** 1 where `values[i] === positive`, else 0. */
export function encodeLabels(
  values: LabelArray,
  positive: LabelValue,
  keep: Uint32Array | undefined,
  n: number,
): Uint8Array {
  // A 0/1 Uint8Array with positive 1 already is the encoding, and is used as is.
  if (!keep && values instanceof Uint8Array && positive === 1 && isBinary(values)) return values;
  const out = new Uint8Array(n);
  if (keep) {
    for (let r = 0; r < n; r++) out[r] = Number(values[keep[r]!] === positive);
  } else {
    for (let r = 0; r < n; r++) out[r] = Number(values[r] === positive);
  }
  return out;
}
