/**
 * Reads the reference population of `--reference-shares`: a JSON file (`{ "shares": {…} }`,
 * `{ "counts": {…} }`, or a plain object of shares) or a CSV file with a `group` column and a
 * `share` or `count` column.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { FairnessInputError } from "../data/errors.js";
import type { ReferenceKind } from "../data/reference.js";

/** A reference population as read from a file. */
export interface ReferenceFile {
  /** Share or count by group label. */
  readonly values: Readonly<Record<string, number>>;
  /** Whether the values are shares or counts. */
  readonly kind: ReferenceKind;
}

const fail = (path: string, message: string) =>
  new FairnessInputError([
    { code: "invalid_option", path: ["referenceShares"], message: `${path}: ${message}` },
  ]);

function numbers(path: string, record: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(record).map(([group, value]) => {
      const n =
        typeof value === "number"
          ? value
          : typeof value === "string" && value.trim() !== ""
            ? Number(value)
            : Number.NaN;
      if (Number.isNaN(n))
        throw fail(path, `the value of ${JSON.stringify(group)} is not a number`);
      return [group, n];
    }),
  );
}

/**
 * Reads a reference population file (by extension: `.csv` is CSV, anything else JSON). Values are
 * checked later by `audit` (shares summing to 1, non-negative counts).
 *
 * @throws FairnessInputError when the file cannot be read or has the wrong shape
 */
export function readReferenceFile(path: string): ReferenceFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw fail(path, "cannot read the file");
  }
  if (/\.csv$/i.test(path)) {
    let rows: Record<string, string>[];
    try {
      rows = parse(text, { columns: true, skip_empty_lines: true, trim: true });
    } catch (error) {
      throw fail(path, `is not valid CSV: ${(error as Error).message}`);
    }
    const header = rows.length > 0 ? Object.keys(rows[0]!) : [];
    const kind = header.includes("share")
      ? "shares"
      : header.includes("count")
        ? "counts"
        : undefined;
    if (!header.includes("group") || kind === undefined) {
      throw fail(path, "needs a header with a group column and a share or count column");
    }
    const column = kind === "shares" ? "share" : "count";
    return {
      kind,
      values: numbers(path, Object.fromEntries(rows.map((r) => [r.group!, r[column]]))),
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw fail(path, `is not valid JSON: ${(error as Error).message}`);
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw fail(
      path,
      'must hold an object: { "shares": {…} }, { "counts": {…} } or shares by group',
    );
  }
  const record = json as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && (keys[0] === "shares" || keys[0] === "counts")) {
    const inner = record[keys[0]];
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) {
      throw fail(path, `${keys[0]} must be an object of numbers by group`);
    }
    return { kind: keys[0], values: numbers(path, inner as Record<string, unknown>) };
  }
  return { kind: "shares", values: numbers(path, record) };
}

/** Target-population margins as read from a `--standardize` file. */
export interface MarginsFile {
  /** Per data column, the share (or count) of each level in the target population. */
  readonly margins: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Whether the values are shares or counts. */
  readonly kind: ReferenceKind;
}

/**
 * Reads a `--standardize` file: JSON `{ "margins": { "<column>": { "<level>": share, … }, … } }`,
 * with `"kind": "counts"` when the values are counts.
 *
 * @throws FairnessInputError when the file cannot be read or has the wrong shape
 */
export function readMarginsFile(path: string): MarginsFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw fail(path, `cannot read it as JSON: ${(error as Error).message}`);
  }
  const record = json as { margins?: unknown; kind?: unknown } | null;
  const margins = record?.margins;
  if (margins === null || typeof margins !== "object" || Array.isArray(margins)) {
    throw fail(path, 'must hold { "margins": { "<column>": { "<level>": share } } }');
  }
  const kind = record?.kind ?? "shares";
  if (kind !== "shares" && kind !== "counts") throw fail(path, 'kind must be "shares" or "counts"');
  return {
    kind,
    margins: Object.fromEntries(
      Object.entries(margins as Record<string, unknown>).map(([column, levels]) => {
        if (levels === null || typeof levels !== "object" || Array.isArray(levels)) {
          throw fail(path, `margins.${column} must be an object of numbers by level`);
        }
        return [column, numbers(path, levels as Record<string, unknown>)];
      }),
    ),
  };
}
