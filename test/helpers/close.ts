/**
 * Deep comparison of JSON-like values with a relative tolerance on numbers: the way to compare
 * results computed by two JavaScript engines (or two V8 builds), whose `Math.exp/log/pow` may
 * differ in the last bits. Strings, booleans, nulls and structure must match exactly.
 */
import { expect } from "vitest";

/** Paths (like `audit.byGroup[2].value`) where `actual` and `expected` differ beyond `rel`. */
export function closeMismatches(
  actual: unknown,
  expected: unknown,
  rel = 1e-12,
  path = "$",
): string[] {
  if (typeof actual === "number" && typeof expected === "number") {
    if (Number.isNaN(actual) && Number.isNaN(expected)) return [];
    if (actual === expected) return [];
    const scale = Math.max(Math.abs(actual), Math.abs(expected));
    return Math.abs(actual - expected) <= rel * scale ? [] : [`${path}: ${actual} vs ${expected}`];
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) {
      return [`${path}: length ${actual.length} vs ${expected.length}`];
    }
    return actual.flatMap((a, i) => closeMismatches(a, expected[i], rel, `${path}[${i}]`));
  }
  if (
    actual !== null &&
    expected !== null &&
    typeof actual === "object" &&
    typeof expected === "object" &&
    !Array.isArray(actual) &&
    !Array.isArray(expected)
  ) {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    return [...keys].flatMap((k) =>
      closeMismatches(
        (actual as Record<string, unknown>)[k],
        (expected as Record<string, unknown>)[k],
        rel,
        `${path}.${k}`,
      ),
    );
  }
  return Object.is(actual, expected) ? [] : [`${path}: ${String(actual)} vs ${String(expected)}`];
}

/** Asserts `actual` equals `expected` in structure and to `rel` relative tolerance on numbers. */
export function expectClose(actual: unknown, expected: unknown, rel = 1e-12): void {
  expect(closeMismatches(actual, expected, rel)).toEqual([]);
}
