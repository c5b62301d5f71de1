/**
 * A reference population (census, catchment, patient population) given as shares or as counts
 * per group or level, checked once and turned into shares.
 */
import { IssueCollector } from "./errors.js";

/** Shares that differ from 1 by more than this are rejected. */
export const SHARE_SUM_TOLERANCE = 1e-6;

/** How a reference population is given: shares (summing to 1) or counts (any total). */
export type ReferenceKind = "shares" | "counts";

/**
 * Checks a reference population and returns it as shares. Shares must be finite, in [0, 1] and
 * sum to 1 within 1e-6; counts must be finite, non-negative and not all 0, and are divided by
 * their total. Every problem is reported at once, each naming its group.
 *
 * @param reference - share or count per group (or level) label
 * @param kind - whether the values are shares or counts
 * @param path - the option's name, first element of each issue's path
 * @throws FairnessInputError naming each offending group
 * @example
 * referenceShares({ a: 30, b: 10 }, "counts").get("b"); // => 0.25
 */
export function referenceShares(
  reference: Readonly<Record<string, number>>,
  kind: ReferenceKind = "shares",
  path: readonly (string | number)[] = ["referenceShares"],
): Map<string, number> {
  const issues = new IssueCollector();
  const entries = Object.entries(reference);
  if (entries.length === 0) issues.add("empty_input", [...path], "the reference names no group");
  let total = 0;
  for (const [group, value] of entries) {
    if (!(Number.isFinite(value) && value >= 0 && (kind === "counts" || value <= 1))) {
      issues.add(
        "out_of_range",
        [...path, group],
        kind === "shares"
          ? `share must be a finite number in [0, 1], got ${value}`
          : `count must be a finite number >= 0, got ${value}`,
      );
    } else total += value;
  }
  if (issues.size === 0 && kind === "shares" && Math.abs(total - 1) > SHARE_SUM_TOLERANCE) {
    issues.add(
      "out_of_range",
      [...path],
      `shares sum to ${total}, not 1 (within ${SHARE_SUM_TOLERANCE}); give counts to have them normalised`,
    );
  }
  if (issues.size === 0 && kind === "counts" && total === 0) {
    issues.add("zero_total_weight", [...path], "the reference counts are all 0");
  }
  issues.throwIfAny();
  return new Map(
    entries.map(([group, value]) => [group, kind === "counts" ? value / total : value]),
  );
}
