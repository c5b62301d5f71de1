/**
 * Search features for the subgroup scans: validated, optionally bucketed by quantiles, and encoded
 * as level codes (levels in the library's sort order).
 */
import type { Level } from "../data/columns.js";
import type { IssueCollector } from "../data/errors.js";
import { compareLevels, isMissing } from "../data/levels.js";
import { quantileSorted } from "../uncertainty/quantile.js";

/** A level of a search feature. */
export type ScanLevel = string | number | boolean;

/** Search features by name, each a column of levels aligned with the rows. */
export type ScanFeatures = Readonly<Record<string, ArrayLike<ScanLevel>>>;

/** The default largest number of levels a search feature may have. */
export const DEFAULT_MAX_LEVELS = 100;

/** Encoded search features. */
export interface EncodedFeatures {
  /** Feature names, in the caller's order. */
  readonly names: readonly string[];
  /** Each feature's levels, sorted (bucketed features: interval labels in numeric order). */
  readonly levels: readonly (readonly ScanLevel[])[];
  /** Each feature's level code per row. */
  readonly codes: readonly Uint32Array[];
}

/** Numeric values cut into quantile buckets. */
export interface QuantileBuckets {
  /** Each value's bucket label. */
  readonly rows: string[];
  /** The bucket labels, lowest first. */
  readonly labels: string[];
}

/**
 * The interval labels of numeric values cut at the type-7 quantiles j/k (j = 1 … k − 1) of the
 * values, duplicate cut points merged: "≤ c₁", "(c₁, c₂]", …, "> c₍k−1₎". Returns the label per
 * row and the labels in order.
 *
 * @example
 * quantileBuckets([1, 2, 3, 4, 5, 6], 2).labels; // => ["≤ 3.5", "> 3.5"]
 */
export function quantileBuckets(values: ArrayLike<number>, buckets: number): QuantileBuckets {
  const sorted = Float64Array.from(values).sort();
  const cuts: number[] = [];
  for (let j = 1; j < buckets; j++) {
    const cut = quantileSorted(sorted, j / buckets);
    if (cuts.length === 0 || cut > cuts[cuts.length - 1]!) cuts.push(cut);
  }
  if (cuts.length > 0 && cuts[cuts.length - 1]! >= sorted[sorted.length - 1]!) cuts.pop();
  const labels = cuts.length === 0 ? [`≤ ${sorted[sorted.length - 1]}`] : [`≤ ${cuts[0]}`];
  for (let j = 1; j < cuts.length; j++) labels.push(`(${cuts[j - 1]}, ${cuts[j]}]`);
  if (cuts.length > 0) labels.push(`> ${cuts[cuts.length - 1]}`);
  const rows: string[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let j = 0;
    while (j < cuts.length && values[i]! > cuts[j]!) j++;
    rows[i] = labels[j]!;
  }
  return { rows, labels };
}

/**
 * Validates and encodes the search features: every column has `n` non-missing values, at least two
 * levels, at most `maxLevels` (numeric columns named in `buckets` are first cut into that many
 * quantile buckets). Problems are added to `issues` under the field `field`.
 */
export function encodeScanFeatures(
  features: ScanFeatures,
  n: number,
  options: { buckets: Readonly<Record<string, number>>; maxLevels: number; field: string },
  issues: IssueCollector,
): EncodedFeatures {
  const names = Object.keys(features);
  const levels: ScanLevel[][] = [];
  const codes: Uint32Array[] = [];
  if (names.length === 0) {
    issues.add("missing_field", [options.field], "needs at least one search feature");
  }
  for (const name of Object.keys(options.buckets)) {
    if (!names.includes(name)) {
      issues.add(
        "invalid_option",
        ["buckets", name],
        `buckets names ${name}, which is not a search feature`,
      );
    }
  }
  for (const name of names) {
    const column = features[name]!;
    const path = [options.field, name];
    if (column.length !== n) {
      issues.add("length_mismatch", path, `has ${column.length} values for ${n} rows`);
      levels.push([]);
      codes.push(new Uint32Array(0));
      continue;
    }
    let bad = false;
    for (let i = 0; i < n; i++) {
      if (isMissing(column[i])) {
        issues.add(
          "missing_group",
          [options.field, name, i],
          'is missing; give it a level of its own (e.g. "unknown")',
        );
        bad = true;
      }
    }
    const bucketCount = options.buckets[name];
    let values: ArrayLike<ScanLevel> = column;
    let order: ScanLevel[] | undefined;
    if (bucketCount !== undefined && !bad) {
      if (!(Number.isInteger(bucketCount) && bucketCount >= 2)) {
        issues.add(
          "invalid_option",
          ["buckets", name],
          `must be an integer >= 2, got ${bucketCount}`,
        );
        bad = true;
      } else if (!Array.from(column).every((v) => typeof v === "number" && Number.isFinite(v))) {
        issues.add(
          "invalid_type",
          path,
          "is bucketed by quantiles, so every value must be a finite number",
        );
        bad = true;
      } else {
        const cut = quantileBuckets(column as ArrayLike<number>, bucketCount);
        values = cut.rows;
        const present = new Set(cut.rows);
        order = cut.labels.filter((label) => present.has(label));
      }
    }
    if (bad) {
      levels.push([]);
      codes.push(new Uint32Array(0));
      continue;
    }
    const seen = new Set<ScanLevel>();
    for (let i = 0; i < n; i++) seen.add(values[i]!);
    const sorted = order ?? [...seen].sort((a, b) => compareLevels(a as Level, b as Level));
    if (sorted.length < 2) {
      issues.add(
        "too_few_levels",
        path,
        `has a single level (${String(sorted[0])}); a search feature needs at least two`,
      );
    } else if (sorted.length > options.maxLevels) {
      issues.add(
        "too_many_levels",
        path,
        `has ${sorted.length} levels, more than maxLevels = ${options.maxLevels}; bucket it (buckets: { ${name}: k } for a numeric feature) or raise maxLevels`,
      );
    }
    const index = new Map<ScanLevel, number>(sorted.map((level, code) => [level, code]));
    const rowCodes = new Uint32Array(n);
    for (let i = 0; i < n; i++) rowCodes[i] = index.get(values[i]!)!;
    levels.push(sorted);
    codes.push(rowCodes);
  }
  return { names, levels, codes };
}

/**
 * {@link encodeScanFeatures} of a scan's `features` input with the scan options' `buckets` (none
 * by default) and `maxLevels` ({@link DEFAULT_MAX_LEVELS} by default).
 */
export function encodeFeaturesInput(
  features: ScanFeatures,
  n: number,
  options: {
    readonly buckets?: Readonly<Record<string, number>> | undefined;
    readonly maxLevels?: number | undefined;
  },
  issues: IssueCollector,
): EncodedFeatures {
  return encodeScanFeatures(
    features,
    n,
    {
      buckets: options.buckets ?? {},
      maxLevels: options.maxLevels ?? DEFAULT_MAX_LEVELS,
      field: "features",
    },
    issues,
  );
}
