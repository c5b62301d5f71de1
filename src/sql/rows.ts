/**
 * Result rows of the SQL statements → the statistics the in-memory path uses, so every metric
 * is finished by the same code.
 */
import type { GroupIndex, Level } from "../data/columns.js";
import { intersectGroups } from "../data/groups.js";
import { compareLevels } from "../data/levels.js";
import { type GroupMetricsOptions, groupMetricsOfConfusion } from "../frame/groupMetrics.js";
import type { GroupMetricsResult } from "../frame/result.js";
import type { ConfusionStats } from "../stats/confusion.js";
import { addCompensated } from "../stats/summation.js";

/** A result row as engines return it (counts may come back as bigint). */
export type SqlRow = Readonly<Record<string, unknown>>;

const toNumber = (value: unknown, column: string): number => {
  const v = typeof value === "bigint" ? Number(value) : value;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new TypeError(`sql rows: column ${column} must be a finite number, got ${String(value)}`);
  }
  return v;
};

/** A group value as `prepare` reads it: null, undefined and NaN are the missing level. */
const toLevel = (value: unknown): Level => {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number") return Number.isNaN(value) ? null : value;
  if (typeof value === "string" || typeof value === "boolean") return value;
  return String(value);
};

/**
 * The group index of the levels found in the rows (each feature's levels sorted as `prepare`
 * sorts them; groups their observed combinations in product order, last feature fastest) and
 * each row's group code.
 *
 * Cost: O(rows × features + levels · log levels).
 */
function indexRows(
  rows: readonly SqlRow[],
  featureNames: readonly string[],
): { index: GroupIndex; code: Uint32Array } {
  const n = rows.length;
  const levels: Level[][] = [];
  const codes = featureNames.map((_, f) => {
    const column = `g${f}`;
    const seen = new Map<Level, number>();
    for (const row of rows) seen.set(toLevel(row[column]), 0);
    const sorted = [...seen.keys()].sort(compareLevels);
    sorted.forEach((level, rank) => {
      seen.set(level, rank);
    });
    levels.push(sorted);
    const code = new Uint32Array(n);
    for (let r = 0; r < n; r++) code[r] = seen.get(toLevel(rows[r]![column]))!;
    return code;
  });
  const { code, keys } = intersectGroups(levels, codes, n, "observed");
  return { index: { featureNames, levels, keys }, code };
}

/**
 * Confusion statistics from the rows of {@link confusionStatement}: unweighted counts from `n`,
 * weighted sums from `w` when `weighted`.
 *
 * Cost: O(rows × features + groups), plus sorting each feature's levels.
 *
 * @example
 * const rows = [{ g0: "a", label: 1, pred: 1, n: 2n, w: 2 }, { g0: "b", label: 0, pred: 1, n: 1n, w: 1 }];
 * confusionOfRows(rows, ["sex"], false).stats.counts; // => Float64Array [0, 0, 0, 2, 0, 1, 0, 0]
 */
export function confusionOfRows(
  rows: readonly SqlRow[],
  featureNames: readonly string[],
  weighted: boolean,
): {
  /** Confusion counts per group. */
  readonly stats: ConfusionStats;
  /** The groups found in the rows, sorted. */
  readonly groups: GroupIndex;
} {
  const { index, code } = indexRows(rows, featureNames);
  const groups = index.keys.length;
  const counts = new Float64Array(4 * groups);
  const weightSum = weighted ? new Float64Array(4 * groups) : undefined;
  const weightComp = weighted ? new Float64Array(4 * groups) : undefined;
  rows.forEach((row, r) => {
    const label = toNumber(row.label, "label");
    const pred = toNumber(row.pred, "pred");
    const i = 4 * code[r]! + 2 * label + pred;
    counts[i]! += toNumber(row.n, "n");
    if (weighted) addCompensated(weightSum!, weightComp!, i, toNumber(row.w, "w"));
  });
  return { stats: { groups, counts, weightSum, weightComp }, groups: index };
}

/**
 * Metrics by group and overall from the rows of {@link confusionStatement}, with the same code
 * (and the same result shape) as `groupMetrics` on in-memory data. Count metrics only.
 *
 * @example
 * const rows = [{ g0: "a", label: 1, pred: 1, n: 2, w: 2 }, { g0: "b", label: 0, pred: 1, n: 1, w: 1 }];
 * groupMetricsOfRows(rows, ["sex"], { metrics: ["selectionRate"] }).overall.selectionRate; // => 1
 */
export function groupMetricsOfRows(
  rows: readonly SqlRow[],
  featureNames: readonly string[],
  options: GroupMetricsOptions & { readonly weighted?: boolean } = {},
): GroupMetricsResult {
  const { stats, groups } = confusionOfRows(rows, featureNames, options.weighted ?? false);
  return groupMetricsOfConfusion(stats, groups, options);
}

/** Per group: weight of each class in each score bin, and calibration sums. */
export interface ScoreHistogram {
  /** The group's levels, one per feature. */
  readonly key: readonly Level[];
  /** Weight of negatives (`[2b]`) and positives (`[2b + 1]`) in bin b. */
  readonly classWeight: Float64Array;
  /** Σ w·score per bin. */
  readonly sumScore: Float64Array;
  /** Σ w·score² per bin. */
  readonly sumScoreSquared: Float64Array;
}

/**
 * Per-group histograms from the rows of {@link histogramStatement}.
 *
 * Cost: O(rows + groups × bins).
 */
export function histogramsOfRows(
  rows: readonly SqlRow[],
  featureNames: readonly string[],
  bins: number,
): ScoreHistogram[] {
  const { index, code } = indexRows(rows, featureNames);
  const out = index.keys.map((key) => ({
    key,
    classWeight: new Float64Array(2 * bins),
    sumScore: new Float64Array(bins),
    sumScoreSquared: new Float64Array(bins),
  }));
  rows.forEach((row, r) => {
    const h = out[code[r]!]!;
    const b = toNumber(row.bin, "bin");
    h.classWeight[2 * b + toNumber(row.label, "label")]! += toNumber(row.w, "w");
    h.sumScore[b]! += toNumber(row.sw, "sw");
    h.sumScoreSquared[b]! += toNumber(row.sww, "sww");
  });
  return out;
}
