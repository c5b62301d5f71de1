/**
 * Turns table columns (CSV text or JSON values) into the typed values `FairnessInput` expects.
 */
import type { Level } from "../data/columns.js";
import type { LabelArray, LabelValue } from "../data/inputTypes.js";
import type { Cell, TableColumn } from "./read.js";

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
 * A column's cells mapped by `f`, row by row; a coded column's distinct cells are mapped once.
 */
function mapped<T>(column: TableColumn, f: (cell: Cell) => T): T[] {
  if (column instanceof Float64Array) return Array.from(column, f);
  if (!("codes" in column)) return column.map(f);
  const values = column.values.map(f);
  const codes = column.codes;
  const out = new Array<T>(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = values[codes[i]!]!;
  return out;
}

/**
 * Label cells: with a positive label, compared as text (so `--pos-label ">50K"` matches the CSV
 * text); without one, the texts `0`, `1`, `-1`, `true`, `false` become numbers and booleans.
 * A coded column whose cells read as at most two of `0`, `1`, `-1` becomes a byte per row.
 *
 * @example
 * toLabels(["1", "0", "1"], undefined); // => [1, 0, 1]
 */
export function toLabels(column: TableColumn, posLabel: string | undefined): LabelArray {
  const label = (c: Cell): LabelValue => {
    if (c === null) return Number.NaN;
    if (posLabel !== undefined) return String(c);
    if (typeof c === "string") return LABEL_WORDS[c.trim().toLowerCase()] ?? c;
    return c;
  };
  if (column instanceof Float64Array || !("codes" in column)) return mapped(column, label);
  const values = column.values.map(label);
  const distinct = new Set(values);
  if (distinct.size > 2 || ![...distinct].every((v) => v === 0 || v === 1 || v === -1)) {
    return mapped(column, label);
  }
  const codes = column.codes;
  const out = distinct.has(-1) ? new Int8Array(codes.length) : new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = values[codes[i]!] as number;
  return out;
}

/**
 * Numeric cells: decimal numbers parsed from text (`0.5`, `-3`, `1e-4`, `.5`); empty cells and
 * any other text (`x`, and `0x1`, `0b1`, `0o7` or `Infinity`, which JavaScript's `Number` would
 * read) become NaN, which `prepare` reports with their row.
 *
 * @example
 * toNumbers(["0.5", "", "x", "0x1", 2]); // => [0.5, NaN, NaN, NaN, 2]
 */
export function toNumbers(column: TableColumn): number[] | Float64Array {
  if (column instanceof Float64Array) return column;
  if (!("codes" in column)) return column.map(decimalOf);
  const values = column.values.map(decimalOf);
  const codes = column.codes;
  const out = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = values[codes[i]!]!;
  return out;
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
export function toLevels(column: TableColumn): Level[] {
  return mapped(column, (c) => (c === null || c === "" ? null : c));
}

/**
 * Feature cells for a search over numeric ranges (`fairscope scan --bucket`): as
 * {@link toLevels}, but a column whose every present value is a decimal number is read as
 * numbers, so it can be cut into ranges.
 *
 * @example
 * toNumericLevels(["10", "9", ""]); // => [10, 9, null]
 */
export function toNumericLevels(column: TableColumn): Level[] {
  const levels = toLevels(column);
  const numeric = levels.every(
    (l) => l === null || typeof l === "number" || (typeof l === "string" && DECIMAL.test(l)),
  );
  return numeric ? levels.map((l) => (l === null ? null : Number(l))) : levels;
}
