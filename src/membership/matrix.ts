/**
 * Membership-probability matrices: for data that do not record a sensitive attribute, each row's
 * estimated probability of belonging to each group (BISG and similar proxies).
 */
import { IssueCollector } from "../data/errors.js";

/** Rows must sum to 1 within this. */
export const MEMBERSHIP_SUM_TOLERANCE = 1e-6;

/** An n × k matrix of group-membership probabilities with its k group names. */
export interface MembershipMatrix {
  /** One row per data row, one column per group; each row sums to 1. */
  readonly probabilities: readonly (readonly number[])[];
  /** The k group names, in column order. */
  readonly groups: readonly string[];
}

/**
 * Checks a membership matrix against n data rows and returns it flat (row-major, n × k). Every
 * problem is reported at once: a wrong number of rows, a row of the wrong length, a negative or
 * non-finite entry (naming row and column), a row not summing to 1 within 1e-6 (naming the row),
 * duplicate or missing group names.
 *
 * @param matrix - the probabilities and group names
 * @param n - number of data rows
 * @param path - the field's name, first element of each issue's path
 * @throws FairnessInputError listing every problem
 * @example
 * membershipMatrix({ probabilities: [[0.2, 0.8]], groups: ["a", "b"] }, 1);
 * // => Float64Array [0.2, 0.8]
 */
export function membershipMatrix(
  matrix: MembershipMatrix,
  n: number,
  path: readonly string[] = ["sensitiveFeatures"],
): Float64Array {
  const issues = new IssueCollector();
  const { probabilities, groups } = matrix;
  const k = groups.length;
  if (k === 0) issues.add("empty_input", [...path, "groups"], "name at least one group");
  if (new Set(groups).size !== k) {
    issues.add("invalid_option", [...path, "groups"], "group names must be distinct");
  }
  if (probabilities.length !== n) {
    issues.add(
      "length_mismatch",
      [...path, "probabilities"],
      `has ${probabilities.length} rows, expected ${n} (one per data row)`,
    );
  }
  const flat = new Float64Array(n * k);
  const rows = Math.min(n, probabilities.length);
  for (let i = 0; i < rows; i++) {
    const row = probabilities[i]!;
    if (row.length !== k) {
      issues.add(
        "length_mismatch",
        [...path, "probabilities", i],
        `row has ${row.length} entries, expected ${k} (one per group)`,
      );
      continue;
    }
    let sum = 0;
    let valid = true;
    for (let g = 0; g < k; g++) {
      const p = row[g] as number;
      if (!(Number.isFinite(p) && p >= 0)) {
        issues.add(
          "out_of_range",
          [...path, "probabilities", i],
          `probability of group ${groups[g]} must be finite and >= 0, got ${p}`,
        );
        valid = false;
      }
      sum += p;
      flat[i * k + g] = p;
    }
    if (valid && Math.abs(sum - 1) > MEMBERSHIP_SUM_TOLERANCE) {
      issues.add(
        "out_of_range",
        [...path, "probabilities", i],
        `row sums to ${sum}, not 1 (within ${MEMBERSHIP_SUM_TOLERANCE})`,
      );
    }
  }
  issues.throwIfAny();
  return flat;
}

/**
 * The hard assignment of each row: the group with the largest probability (the first such group
 * on ties). Cost O(n · k).
 *
 * @example
 * argmaxGroups(Float64Array.of(0.2, 0.8, 0.5, 0.5), ["a", "b"]); // => ["b", "a"]
 */
export function argmaxGroups(flat: Float64Array, groups: readonly string[]): string[] {
  const k = groups.length;
  return Array.from({ length: flat.length / k }, (_, i) => {
    let best = 0;
    for (let g = 1; g < k; g++) if (flat[i * k + g]! > flat[i * k + best]!) best = g;
    return groups[best]!;
  });
}
