/**
 * The checks of the integer options that biasScan and sliceFinder share (restarts, list sizes,
 * supports, replicates, seeds): each problem becomes an `invalid_option` issue naming the option.
 */
import type { IssueCollector } from "../data/errors.js";

/**
 * Adds an issue unless `value` is an integer of at least `min`.
 */
export function checkIntegerOption(
  issues: IssueCollector,
  name: string,
  value: number,
  min: number,
): void {
  if (!(Number.isInteger(value) && value >= min)) {
    issues.add("invalid_option", [name], `must be an integer >= ${min}, got ${value}`);
  }
}

/**
 * Adds an issue unless `value` is a seed of the random source: an integer in [0, 2^32 − 1].
 */
export function checkSeedOption(issues: IssueCollector, name: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff)) {
    issues.add("invalid_option", [name], `must be an integer in [0, 2^32 - 1], got ${value}`);
  }
}
