/**
 * Representation check: does each group's share of the data match its share of a reference
 * population (census, patient population, …)? Under-representation in data is where biased
 * models come from.
 */

import { IssueCollector } from "../data/errors.js";
import { type ReferenceKind, referenceShares } from "../data/reference.js";
import { normalCdf } from "../stats/distributions.js";
import { adjustPValues } from "./corrections.js";
import { clopperPearsonInterval, type ProportionInterval, wilsonInterval } from "./proportion.js";

/** One group's share of the data against its reference share. */
export interface RepresentationRow {
  /** Group label. */
  readonly group: string;
  /** Rows in the group (0 for a group only the reference names). */
  readonly count: number;
  /** count / total, with its interval. */
  readonly share: ProportionInterval;
  /** The group's share in the reference population (NaN when the reference does not name it). */
  readonly referenceShare: number;
  /** share / referenceShare (NaN when the reference share is 0 or missing). */
  readonly ratio: number;
  /** Two-sided score-test p-value of share = referenceShare (NaN without a reference share). */
  readonly pValue: number;
  /** `pValue` after Holm's correction over the groups with a reference share. */
  readonly adjustedPValue: number;
  /** Share significantly below the reference share (Holm-adjusted p < 1 − level). */
  readonly underRepresented: boolean;
  /** Share significantly above the reference share (Holm-adjusted p < 1 − level). */
  readonly overRepresented: boolean;
  /** The group is in the data but the reference population does not name it. */
  readonly notInReference: boolean;
}

/** Options of `representationCheck`. */
export interface RepresentationOptions {
  /** Confidence level of the share intervals; 1 − level is the family-wise error. @defaultValue 0.95 */
  readonly level?: number;
  /** ProportionInterval method of the shares. @defaultValue "wilson" */
  readonly method?: "wilson" | "clopperPearson";
  /** Whether `reference` holds shares (summing to 1 within 1e-6) or counts. @defaultValue "shares" */
  readonly referenceKind?: ReferenceKind;
}

/**
 * Compares each group's share of the data, count_g / Σ counts, with its share of a reference
 * population. Each group with a reference share π_g gets the score test of share = π_g,
 * z = (p̂ − π)/√(π(1 − π)/n) (exact 0 when π is 0 or 1 and p̂ = π, else p = 0 there), its p-values
 * are Holm-adjusted over the groups, and a group is flagged under- (over-)represented when its
 * adjusted p-value is below 1 − level and its share lies below (above) π. Each share also gets
 * a Wilson (or Clopper–Pearson) interval at `level`. Groups the reference names but the data lack
 * count 0 rows; groups in the data the reference does not name are reported with
 * `notInReference` and NaN reference share, never dropped.
 * Reference: Holm (1979), Scand. J. Stat. 6; Wilson (1927), JASA 22. Cost O(groups log groups).
 *
 * @param counts - rows per group, by group label
 * @param reference - population share (or count, with `referenceKind: "counts"`) per group label
 * @throws FairnessInputError naming the offending group (negative or non-finite values, shares
 *   not summing to 1)
 * @example
 * representationCheck({ a: 90, b: 10 }, { a: 0.7, b: 0.3 })[1].underRepresented; // => true
 */
export function representationCheck(
  counts: Readonly<Record<string, number>>,
  reference: Readonly<Record<string, number>>,
  options: RepresentationOptions = {},
): RepresentationRow[] {
  const level = options.level ?? 0.95;
  const method = options.method ?? "wilson";
  if (method !== "wilson" && method !== "clopperPearson") {
    throw new RangeError(`representationCheck: method must be 'wilson' or 'clopperPearson'`);
  }
  const shares = referenceShares(reference, options.referenceKind ?? "shares");
  const issues = new IssueCollector();
  let total = 0;
  for (const [group, count] of Object.entries(counts)) {
    if (!(Number.isFinite(count) && count >= 0)) {
      issues.add("out_of_range", ["counts", group], `count must be finite and >= 0, got ${count}`);
    } else total += count;
  }
  if (total === 0) issues.add("empty_input", ["counts"], "the groups have no rows");
  issues.throwIfAny();
  const interval = method === "wilson" ? wilsonInterval : clopperPearsonInterval;
  const groups = [...shares.keys(), ...Object.keys(counts).filter((g) => !shares.has(g))];
  const rows = groups.map((group) => {
    const count = counts[group] ?? 0;
    const share = interval(count, total, level);
    const referenceShare = shares.get(group) ?? Number.NaN;
    return {
      group,
      count,
      share,
      referenceShare,
      pValue: scoreTestP(share.estimate, referenceShare, total),
    };
  });
  const tested = rows.filter((r) => !Number.isNaN(r.pValue));
  const adjusted = adjustPValues(
    tested.map((r) => r.pValue),
    { method: "holm", alpha: 1 - level },
  ).adjusted;
  const adjustedOf = new Map(tested.map((r, i) => [r.group, adjusted[i] as number]));
  return rows.map((r) => {
    const adjustedPValue = adjustedOf.get(r.group) ?? Number.NaN;
    const significant = adjustedPValue < 1 - level;
    return {
      ...r,
      ratio: r.referenceShare > 0 ? r.share.estimate / r.referenceShare : Number.NaN,
      adjustedPValue,
      underRepresented: significant && r.share.estimate < r.referenceShare,
      overRepresented: significant && r.share.estimate > r.referenceShare,
      notInReference: !shares.has(r.group),
    };
  });
}

/** Two-sided score-test p-value of a proportion p̂ of n against π. */
function scoreTestP(estimate: number, reference: number, n: number): number {
  if (Number.isNaN(reference)) return Number.NaN;
  if (reference === 0 || reference === 1) return estimate === reference ? 1 : 0;
  const z = (estimate - reference) / Math.sqrt((reference * (1 - reference)) / n);
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}
