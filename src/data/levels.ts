/**
 * Group levels: what counts as missing, and the one sort order used everywhere.
 */
import type { Level } from "./columns.js";

/** Whether a raw feature value is missing (null, undefined or NaN). */
export function isMissing(value: unknown): boolean {
  return (
    value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))
  );
}

const TYPE_RANK = { boolean: 0, number: 1, string: 2 } as const;

/**
 * Orders levels as pandas' `groupby(sort=True)` does within one type: `false < true`, numbers
 * ascending, strings by Unicode code point (so `"10" < "9" < "B" < "a"`). Mixed types sort
 * booleans, then numbers, then strings; `null` (the missing-value group) sorts last.
 *
 * @example
 * ["b", "B", "10", "9"].sort(compareLevels); // => ["10", "9", "B", "b"]
 */
export function compareLevels(a: Level, b: Level): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const ta = TYPE_RANK[typeof a as "boolean" | "number" | "string"];
  const tb = TYPE_RANK[typeof b as "boolean" | "number" | "string"];
  if (ta !== tb) return ta - tb;
  if (typeof a === "string") return compareCodePoints(a, b as string);
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * A readable label for a group: its levels joined with ", " (`"Female, White"`); the missing
 * group reads `"(missing)"`.
 *
 * @example
 * groupLabel(["Female", 25]); // => "Female, 25"
 */
export function groupLabel(key: readonly Level[]): string {
  return key.map((level) => (level === null ? "(missing)" : String(level))).join(", ");
}

/**
 * A group's identity as text: its key written as JSON. Distinct keys give distinct texts (levels
 * are strings, finite numbers, booleans or null), even when their labels are equal (`"1"` and
 * `1`, `"(missing)"` and the missing level).
 *
 * @example
 * groupId(["1"]) === groupId([1]); // => false
 */
export function groupId(key: readonly Level[]): string {
  return JSON.stringify(key);
}
