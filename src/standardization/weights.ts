/**
 * Weights that make an evaluation sample match a target population: post-stratification on the
 * joint cells of one or several features, and raking (iterative proportional fitting) on their
 * margins.
 */
import type { Level } from "../data/columns.js";
import { IssueCollector } from "../data/errors.js";
import type { LevelArray, NumberArray } from "../data/inputTypes.js";
import { groupLabel, isMissing } from "../data/levels.js";
import { type ReferenceKind, referenceShares } from "../data/reference.js";
import { neumaierSum } from "../stats/summation.js";

/** Features to standardise on: one array of levels per feature name, row-aligned. */
export type StandardizationFeatures = Readonly<Record<string, LevelArray>>;

/** Options shared by the weighting functions. */
export interface WeightingOptions {
  /** Design (sampling) weights to start from. @defaultValue 1 for every row */
  readonly baseWeights?: NumberArray;
  /** Whether the reference holds shares (summing to 1 within 1e-6) or counts. @defaultValue "shares" */
  readonly referenceKind?: ReferenceKind;
}

/** Per-row level labels of each feature, checked for length and missing values. */
function featureLabels(
  fn: string,
  features: StandardizationFeatures,
  baseWeights: NumberArray | undefined,
): { names: string[]; labels: string[][]; base: Float64Array; n: number } {
  const names = Object.keys(features);
  if (names.length === 0) throw new RangeError(`${fn}: features must name at least one feature`);
  const n = features[names[0]!]!.length;
  const issues = new IssueCollector();
  if (n === 0) issues.add("empty_input", ["features", names[0]!], "no rows");
  const labels = names.map((name) => {
    const values = features[name]!;
    if (values.length !== n) {
      issues.add("length_mismatch", ["features", name], `has ${values.length} rows, expected ${n}`);
    }
    return Array.from(values as ArrayLike<Level | undefined>, (v, i) => {
      if (isMissing(v)) issues.add("missing_group", ["features", name, i], "missing level");
      return groupLabel([v ?? null]);
    });
  });
  const base = new Float64Array(n).fill(1);
  if (baseWeights !== undefined) {
    if (baseWeights.length !== n) {
      issues.add(
        "length_mismatch",
        ["baseWeights"],
        `has ${baseWeights.length} rows, expected ${n}`,
      );
    }
    for (let i = 0; i < Math.min(n, baseWeights.length); i++) {
      const w = baseWeights[i] as number;
      if (!(Number.isFinite(w) && w >= 0)) {
        issues.add(
          "negative_weight",
          ["baseWeights", i],
          `weight must be finite and >= 0, got ${w}`,
        );
      } else base[i] = w;
    }
  }
  issues.throwIfAny();
  return { names, labels, base, n };
}

/** Weighted total of each label. */
function totalsByLabel(labels: readonly string[], weights: Float64Array): Map<string, number> {
  const parts = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const list = parts.get(label);
    if (list) list.push(weights[i] as number);
    else parts.set(label, [weights[i] as number]);
  });
  return new Map([...parts].map(([label, values]) => [label, neumaierSum(values)]));
}

/** Checks that sample levels and reference levels match; every mismatch is an issue. */
function checkCoverage(
  issues: IssueCollector,
  path: readonly string[],
  sample: ReadonlyMap<string, number>,
  shares: ReadonlyMap<string, number>,
): void {
  for (const [label, total] of sample) {
    if (!shares.has(label)) {
      issues.add(
        "unknown_group",
        [...path, label],
        `level ${label} is in the data but not in the reference`,
      );
    } else if (shares.get(label)! > 0 && !(total > 0)) {
      issues.add(
        "out_of_range",
        [...path, label],
        `level ${label} has no weight in the data to scale`,
      );
    }
  }
  for (const [label, share] of shares) {
    if (share > 0 && !sample.has(label)) {
      issues.add(
        "unknown_group",
        [...path, label],
        `level ${label} has reference share ${share} but no rows in the data; it cannot be weighted up`,
      );
    }
  }
}

/**
 * Post-stratification weights: each row of cell s (the joint levels of `features`, labelled as
 * groups are, "Female, White") gets w_i = b_i · π_s · B / B_s, with b the base weights, B their
 * total, B_s the cell's total and π_s the cell's reference share, so every cell's weighted share
 * equals π_s and the weights sum to B. Reference: Holt & Smith (1979), JRSS A 142.
 * Cost O(n).
 *
 * @param features - row-aligned levels of each feature
 * @param reference - share (or count) of each joint cell in the target population
 * @throws FairnessInputError naming the cell: cells in the data the reference lacks, cells with a
 *   positive reference share and no rows, bad shares
 * @example
 * postStratificationWeights({ sex: ["F", "M", "M", "M"] }, { F: 0.5, M: 0.5 });
 * // => Float64Array [2, 0.6666666666666666, 0.6666666666666666, 0.6666666666666666]
 */
export function postStratificationWeights(
  features: StandardizationFeatures,
  reference: Readonly<Record<string, number>>,
  options: WeightingOptions = {},
): Float64Array {
  const { labels, base, n } = featureLabels(
    "postStratificationWeights",
    features,
    options.baseWeights,
  );
  const cells = Array.from({ length: n }, (_, i) => groupLabel(labels.map((l) => l[i]!)));
  const shares = referenceShares(reference, options.referenceKind ?? "shares", ["reference"]);
  const totals = totalsByLabel(cells, base);
  const issues = new IssueCollector();
  checkCoverage(issues, ["reference"], totals, shares);
  issues.throwIfAny();
  const total = neumaierSum(base);
  return base.map((b, i) => (b * shares.get(cells[i]!)! * total) / totals.get(cells[i]!)!);
}

/** Options of {@link rakingWeights}. */
export interface RakingOptions extends WeightingOptions {
  /** Most sweeps over the features. @defaultValue 100 */
  readonly maxIterations?: number;
  /** Converged when every margin's share is within this of its target. @defaultValue 1e-10 */
  readonly tolerance?: number;
}

/** Raking weights with their convergence record. */
export interface RakingResult {
  /** One weight per row, summing to the base weights' total. */
  readonly weights: Float64Array;
  /** Whether every margin matched within `tolerance`. */
  readonly converged: boolean;
  /** Sweeps done. */
  readonly iterations: number;
  /** Largest |weighted share − target share| over every feature's levels after the last sweep. */
  readonly maxMarginError: number;
}

/**
 * Raking (iterative proportional fitting): starting from the base weights, each sweep scales the
 * rows of every level of each feature in turn so that the level's weighted share equals its
 * target margin; sweeps stop when every margin is within `tolerance` or after `maxIterations`.
 * On one feature it is post-stratification after one sweep. Reports whether it converged, the
 * sweeps and the largest margin error; it never throws for non-convergence.
 * Reference: Deming & Stephan (1940), Ann. Math. Stat. 11. Cost O(n · features) per sweep.
 *
 * @param features - row-aligned levels of each feature
 * @param margins - per feature, the share (or count) of each level in the target population
 * @throws FairnessInputError naming the feature and level (levels missing on either side, bad
 *   shares); RangeError on bad options
 * @example
 * rakingWeights({ sex: ["F", "M", "M", "M"] }, { sex: { F: 0.5, M: 0.5 } }).iterations; // => 1
 */
export function rakingWeights(
  features: StandardizationFeatures,
  margins: Readonly<Record<string, Readonly<Record<string, number>>>>,
  options: RakingOptions = {},
): RakingResult {
  const fn = "rakingWeights";
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) {
    throw new RangeError(`${fn}: maxIterations must be a positive integer, got ${maxIterations}`);
  }
  if (!(tolerance > 0)) throw new RangeError(`${fn}: tolerance must be > 0, got ${tolerance}`);
  const { names, labels, base } = featureLabels(fn, features, options.baseWeights);
  const issues = new IssueCollector();
  const targets = names.map((name) => {
    const margin = margins[name];
    if (margin === undefined) {
      issues.add("missing_field", ["margins", name], `no margin for feature ${name}`);
      return new Map<string, number>();
    }
    return referenceShares(margin, options.referenceKind ?? "shares", ["margins", name]);
  });
  for (const name of Object.keys(margins)) {
    if (!names.includes(name)) issues.add("unknown_group", ["margins", name], `no feature ${name}`);
  }
  names.forEach((name, f) => {
    checkCoverage(issues, ["margins", name], totalsByLabel(labels[f]!, base), targets[f]!);
  });
  issues.throwIfAny();
  const total = neumaierSum(base);
  const weights = new Float64Array(base);
  const marginError = () => {
    let worst = 0;
    names.forEach((_, f) => {
      for (const [label, sum] of totalsByLabel(labels[f]!, weights)) {
        worst = Math.max(worst, Math.abs(sum / total - targets[f]!.get(label)!));
      }
    });
    return worst;
  };
  let iterations = 0;
  let error = marginError();
  while (error > tolerance && iterations < maxIterations) {
    names.forEach((_, f) => {
      const sums = totalsByLabel(labels[f]!, weights);
      const factor = new Map(
        [...sums].map(([label, sum]) => [
          label,
          sum > 0 ? (targets[f]!.get(label)! * total) / sum : 0,
        ]),
      );
      for (let i = 0; i < weights.length; i++) weights[i]! *= factor.get(labels[f]![i]!)!;
    });
    iterations++;
    error = marginError();
  }
  return { weights, converged: error <= tolerance, iterations, maxMarginError: error };
}
