/**
 * Turns table columns (CSV text or JSON values) into the typed values `FairnessInput` expects.
 */
import type { Level } from "../data/columns.js";
import type { LabelValue } from "../data/schema.js";
import type { Cell } from "./read.js";

const LABEL_WORDS: Readonly<Record<string, LabelValue>> = {
  "0": 0,
  "1": 1,
  "-1": -1,
  true: true,
  false: false,
};

/**
 * Label cells: with a positive label, compared as text (so `--pos-label ">50K"` matches the CSV
 * text); without one, the texts `0`, `1`, `-1`, `true`, `false` become numbers and booleans.
 *
 * @example
 * toLabels(["1", "0", "1"], undefined); // => [1, 0, 1]
 */
export function toLabels(cells: readonly Cell[], posLabel: string | undefined): LabelValue[] {
  return cells.map((c) => {
    if (c === null) return Number.NaN;
    if (posLabel !== undefined) return String(c);
    if (typeof c === "string") return LABEL_WORDS[c.trim().toLowerCase()] ?? c;
    return c;
  });
}

/**
 * Numeric cells: numbers parsed from text; empty or non-numeric cells become NaN (which
 * `prepare` reports with their row).
 *
 * @example
 * toNumbers(["0.5", "", "x", 2]); // => [0.5, NaN, NaN, 2]
 */
export function toNumbers(cells: readonly Cell[]): number[] {
  return cells.map((c) => {
    if (typeof c === "number") return c;
    if (typeof c !== "string" || c.trim() === "") return Number.NaN;
    return Number(c);
  });
}

/**
 * Group cells: empty cells and null are missing; a column whose every present value is a
 * number is read as numbers (so levels sort numerically).
 *
 * @example
 * toLevels(["10", "9", ""]); // => [10, 9, null]
 */
export function toLevels(cells: readonly Cell[]): Level[] {
  const levels = cells.map((c) => (c === null || c === "" ? null : c));
  const numeric = levels.every(
    (l) =>
      l === null ||
      typeof l === "number" ||
      (typeof l === "string" && /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(l)),
  );
  return numeric ? levels.map((l) => (l === null ? null : Number(l))) : levels;
}
