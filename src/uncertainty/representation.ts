/**
 * Representation check: does each group's share of the data match its share of a reference
 * population (census, patient population, …)? Under-representation in data is where biased
 * models come from.
 */
import { IssueCollector } from "../data/errors.js";
import { clopperPearsonInterval, type Interval, wilsonInterval } from "./proportion.js";

/** One group's share of the data against its reference share. */
export interface RepresentationRow {
  /** Group label. */
  readonly group: string;
  /** Rows in the group. */
  readonly count: number;
  /** count / total, with its interval. */
  readonly share: Interval;
  /** The group's share in the reference population. */
  readonly referenceShare: number;
  /** share / referenceShare (NaN when the reference share is 0). */
  readonly ratio: number;
  /** The whole interval lies below the reference share. */
  readonly underRepresented: boolean;
  /** The whole interval lies above the reference share. */
  readonly overRepresented: boolean;
}

/** Options of `representationCheck`. */
export interface RepresentationOptions {
  /** Confidence level of the share intervals. @defaultValue 0.95 */
  readonly level?: number;
  /** Interval method of the shares. @defaultValue "wilson" */
  readonly method?: "wilson" | "clopperPearson";
}

/**
 * Compares each group's share of the data, count_g / Σ counts, with a reference population share.
 * A group is flagged under-represented when the whole confidence interval of its share (Wilson or
 * Clopper–Pearson, at `level`) lies below the reference share, over-represented when it lies
 * above. Groups named in the reference but absent from `counts` count 0 rows; groups in `counts`
 * but not in the reference are an error, as are reference shares outside [0, 1] or summing
 * above 1. Cost O(groups).
 *
 * @param counts - rows per group, by group label
 * @param referenceShares - population share per group label
 * @throws FairnessInputError naming the offending group
 * @example
 * representationCheck({ a: 90, b: 10 }, { a: 0.7, b: 0.3 })[1].underRepresented; // => true
 */
export function representationCheck(
  counts: Readonly<Record<string, number>>,
  referenceShares: Readonly<Record<string, number>>,
  options: RepresentationOptions = {},
): RepresentationRow[] {
  const level = options.level ?? 0.95;
  const method = options.method ?? "wilson";
  if (method !== "wilson" && method !== "clopperPearson") {
    throw new RangeError(`representationCheck: method must be 'wilson' or 'clopperPearson'`);
  }
  const issues = new IssueCollector();
  let shareSum = 0;
  for (const [group, share] of Object.entries(referenceShares)) {
    if (!(share >= 0 && share <= 1)) {
      issues.add(
        "out_of_range",
        ["referenceShares", group],
        `share must be in [0, 1], got ${share}`,
      );
    } else shareSum += share;
  }
  if (shareSum > 1 + 1e-9) {
    issues.add("out_of_range", ["referenceShares"], `shares sum to ${shareSum}, more than 1`);
  }
  let total = 0;
  for (const [group, count] of Object.entries(counts)) {
    if (!(Number.isFinite(count) && count >= 0)) {
      issues.add("out_of_range", ["counts", group], `count must be finite and >= 0, got ${count}`);
    } else total += count;
    if (!(group in referenceShares)) {
      issues.add(
        "unknown_group",
        ["referenceShares", group],
        `no reference share for group ${group}`,
      );
    }
  }
  if (total === 0) issues.add("empty_input", ["counts"], "the groups have no rows");
  issues.throwIfAny();
  const interval = method === "wilson" ? wilsonInterval : clopperPearsonInterval;
  return Object.entries(referenceShares).map(([group, referenceShare]) => {
    const count = counts[group] ?? 0;
    const share = interval(count, total, level);
    return {
      group,
      count,
      share,
      referenceShare,
      ratio: referenceShare === 0 ? Number.NaN : share.estimate / referenceShare,
      underRepresented: share.upper < referenceShare,
      overRepresented: share.lower > referenceShare,
    };
  });
}
