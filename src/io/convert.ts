/**
 * Turns table columns (CSV text or JSON values) into the typed values `FairnessInput` expects.
 */
import type { Level } from "../data/columns.js";
import type { LabelValue } from "../data/inputTypes.js";
import type { Cell } from "./read.js";

/** A decimal number as CSV files write it, optionally surrounded by spaces. */
const DECIMAL = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

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
 * Numeric cells: decimal numbers parsed from text (`0.5`, `-3`, `1e-4`, `.5`); empty cells and
 * any other text (`x`, and `0x1`, `0b1`, `0o7` or `Infinity`, which JavaScript's `Number` would
 * read) become NaN, which `prepare` reports with their row.
 *
 * @example
 * toNumbers(["0.5", "", "x", "0x1", 2]); // => [0.5, NaN, NaN, NaN, 2]
 */
export function toNumbers(cells: readonly Cell[]): number[] {
  return cells.map((c) => (typeof c === "number" ? c : decimalOf(c)));
}

/**
 * One numeric cell as {@link toNumbers} reads it: a decimal number, else NaN.
 *
 * @example
 * decimalOf(" 1e-4 "); // => 0.0001
 */
export function decimalOf(cell: Cell): number {
  if (typeof cell === "number") return cell;
  if (typeof cell !== "string" || !DECIMAL.test(cell)) return Number.NaN;
  return Number(cell);
}

/**
 * Group cells: empty cells and null are missing; every other text is a categorical level kept as
 * written, so `01`, `1` and `1.0` are three groups and long numeric identifiers are never
 * rounded. JSON Lines values keep their JSON type.
 *
 * @example
 * toLevels(["01", "1", "1.0", "12345678901234567891", ""]); // => ["01", "1", "1.0", "12345678901234567891", null]
 */
export function toLevels(cells: readonly Cell[]): Level[] {
  return cells.map((c) => (c === null || c === "" ? null : c));
}

/**
 * Feature cells for a search over numeric ranges (`fairscope scan --bucket`): as
 * {@link toLevels}, but a column whose every present value is a decimal number is read as
 * numbers, so it can be cut into ranges.
 *
 * @example
 * toNumericLevels(["10", "9", ""]); // => [10, 9, null]
 */
export function toNumericLevels(cells: readonly Cell[]): Level[] {
  const levels = toLevels(cells);
  const numeric = levels.every(
    (l) => l === null || typeof l === "number" || (typeof l === "string" && DECIMAL.test(l)),
  );
  return numeric ? levels.map((l) => (l === null ? null : Number(l))) : levels;
}
