/**
 * Comparison of computed values with the oracle's JSON values (null = NaN, "Infinity" strings),
 * reporting the first mismatch with its path.
 */

/** Decodes the fixture's number encoding: null → NaN, "Infinity"/"-Infinity" → ±Infinity. */
export function decodeNumber(value: unknown): number {
  if (value === null) return Number.NaN;
  if (value === "Infinity") return Number.POSITIVE_INFINITY;
  if (value === "-Infinity") return Number.NEGATIVE_INFINITY;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  throw new TypeError(`not a fixture number: ${JSON.stringify(value)}`);
}

/** Whether `actual` equals `expected` within a relative tolerance (and an absolute floor). */
export function close(actual: number, expected: number, rtol = 1e-12, atol = 1e-14): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= Math.max(atol, rtol * Math.abs(expected));
}

/** Collects mismatches; the runner reports the first. */
export class Checker {
  readonly mismatches: string[] = [];

  constructor(
    readonly rtol = 1e-12,
    readonly atol = 1e-14,
  ) {}

  number(path: string, actual: number, expected: unknown, rtol = this.rtol, atol = this.atol) {
    const e = decodeNumber(expected);
    if (!close(actual, e, rtol, atol)) {
      this.mismatches.push(`${path}: expected ${e}, got ${actual}`);
    }
  }

  equal(path: string, actual: unknown, expected: unknown) {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      this.mismatches.push(
        `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
      );
    }
  }

  fail(path: string, message: string) {
    this.mismatches.push(`${path}: ${message}`);
  }
}
