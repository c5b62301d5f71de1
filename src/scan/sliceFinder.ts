/**
 * sliceFinder: the top-k slices (conjunctions of feature = level predicates) where a model's loss
 * is high, by SliceLine's score (Sagadeeva and Boehm, "SliceLine: Fast, Linear-Algebra-based Slice
 * Finding for ML Model Debugging", SIGMOD 2021), with permutation p-values that account for the
 * search.
 */
import { IssueCollector } from "../data/errors.js";
import { randomSource } from "../uncertainty/random.js";
import {
  DEFAULT_MAX_LEVELS,
  type EncodedFeatures,
  encodeFeaturesInput,
  type ScanFeatures,
  type ScanLevel,
} from "./features.js";
import { checkIntegerOption, checkSeedOption } from "./options.js";
import { shuffled, stepDownPValues } from "./significance.js";
import { buildScanTable } from "./table.js";

/** The data a slice search reads. */
export interface SliceFinderInput {
  /** A non-negative loss per row (see rowLosses). */
  readonly losses: ArrayLike<number>;
  /** Categorical features by name (numeric ones may be bucketed with `buckets`). */
  readonly features: ScanFeatures;
}

/** How sliceFinder searches and tests. */
export interface SliceFinderOptions {
  /**
   * Weight of the error term against the size term in the score, in (0, 1].
   * @defaultValue 0.95
   */
  readonly alpha?: number;
  /**
   * The fewest rows a slice may have.
   * @defaultValue max(32, ⌈n / 100⌉)
   */
  readonly minSupport?: number;
  /**
   * The most predicates in a slice.
   * @defaultValue the number of features
   */
  readonly maxLevel?: number;
  /**
   * Slices to return.
   * @defaultValue 4
   */
  readonly topK?: number;
  /** Numeric features to cut into this many quantile buckets before the search. */
  readonly buckets?: Readonly<Record<string, number>>;
  /**
   * The largest number of levels a feature may have.
   * @defaultValue 100
   */
  readonly maxLevels?: number;
  /**
   * Permutation replicates for the p-values (0: no test). Each reruns the whole search.
   * @defaultValue 0
   */
  readonly replicates?: number;
  /**
   * Seed of the permutations.
   * @defaultValue 1
   */
  readonly testSeed?: number;
}

/** A slice found by sliceFinder. */
export interface Slice {
  /** One level per feature in the slice. */
  readonly predicates: Readonly<Record<string, ScanLevel>>;
  /** SliceLine's score: α (ē_S / ē − 1) − (1 − α)(n / |S| − 1). */
  readonly score: number;
  /** Rows in the slice. */
  readonly rows: number;
  /** Mean loss in the slice. */
  readonly meanLoss: number;
  /** Largest loss in the slice. */
  readonly maxLoss: number;
  /** Step-down max-statistic permutation p-value (after the search); NaN without replicates. */
  readonly pValue: number;
}

/** What sliceFinder returns. */
export interface SliceFinderResult {
  /** Up to `topK` slices with a positive score, best first. */
  readonly slices: readonly Slice[];
  /** Mean loss over all rows (ē). */
  readonly meanLoss: number;
  /** Candidate slices evaluated at each level (level 1 first): the search's cost. */
  readonly evaluated: readonly number[];
  /** The null maxima (one per replicate). */
  readonly nullScores: readonly number[];
  /** The settings used, defaults filled in. */
  readonly settings: Required<Omit<SliceFinderOptions, "buckets">> & {
    /** The quantile buckets asked for (none: an empty record). */
    readonly buckets: Readonly<Record<string, number>>;
  };
}

/** Rows grouped by their combination of levels, with loss sums and maxima. */
interface SliceCells {
  readonly codes: readonly Uint32Array[];
  readonly rowCell: Uint32Array;
  readonly rows: Float64Array;
  /** Cells by (feature, level). */
  readonly byLevel: readonly (readonly Uint32Array[])[];
}

interface SliceStatistics {
  readonly predicates: Predicates;
  readonly key: string;
  readonly size: number;
  readonly lossSum: number;
  readonly maxLoss: number;
  readonly score: number;
}

function buildCells(features: EncodedFeatures, n: number): SliceCells {
  const table = buildScanTable(features, new Float64Array(n));
  const codes = table.cellCodes;
  const byLevel = codes.map((column, j) => {
    const lists: number[][] = features.levels[j]!.map(() => []);
    for (let c = 0; c < column.length; c++) lists[column[c]!]!.push(c);
    return lists.map((list) => Uint32Array.from(list));
  });
  return { codes, rowCell: table.rowCell!, rows: table.cellRows, byLevel };
}

/** SliceLine's score of a slice with `size` rows and loss sum `lossSum`. */
function sliceScore(
  alpha: number,
  meanLoss: number,
  n: number,
  size: number,
  lossSum: number,
): number {
  return alpha * (lossSum / size / meanLoss - 1) - (1 - alpha) * (n / size - 1);
}

/**
 * SliceLine's upper bound on the score of any slice with at most `size` rows, loss sum at most
 * `lossSum` and largest loss at most `maxLoss`: the bound is monotone in the size on either side of
 * lossSum / maxLoss, so it is the largest of its values at minSupport, lossSum / maxLoss and size.
 */
function scoreUpperBound(
  alpha: number,
  meanLoss: number,
  n: number,
  minSupport: number,
  size: number,
  lossSum: number,
  maxLoss: number,
): number {
  let best = Number.NEGATIVE_INFINITY;
  for (const candidate of [minSupport, lossSum / maxLoss, size]) {
    const s = Math.min(size, Math.max(minSupport, candidate));
    if (!(s > 0)) continue;
    const error = Math.min(lossSum, s * maxLoss) / s;
    best = Math.max(best, alpha * (error / meanLoss - 1) - (1 - alpha) * (n / s - 1));
  }
  return best;
}

type Predicates = readonly (readonly [feature: number, level: number])[];

/** The identity of a conjunction of (feature, level) predicates. */
const keyOf = (predicates: Predicates) => predicates.map(([f, v]) => `${f}:${v}`).join("|");

interface SearchSettings {
  readonly alpha: number;
  readonly minSupport: number;
  readonly maxLevel: number;
  readonly topK: number;
}

/** Level-wise enumeration with SliceLine's pruning; returns the top-k slices and the cost. */
function searchSlices(
  cells: SliceCells,
  cellLoss: Float64Array,
  cellMax: Float64Array,
  n: number,
  settings: SearchSettings,
): { top: SliceStatistics[]; evaluated: number[] } {
  let total = 0;
  for (let c = 0; c < cellLoss.length; c++) total += cellLoss[c]!;
  const meanLoss = total / n;
  const top: SliceStatistics[] = [];
  const evaluated: number[] = [];
  if (!(meanLoss > 0)) return { top, evaluated };
  const threshold = () => (top.length < settings.topK ? 0 : top[top.length - 1]!.score);
  const offer = (slice: SliceStatistics) => {
    if (!(slice.score > threshold())) return;
    top.push(slice);
    top.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
    if (top.length > settings.topK) top.pop();
  };
  const evaluate = (predicates: Predicates): SliceStatistics => {
    let smallest = cells.byLevel[predicates[0]![0]]![predicates[0]![1]]!;
    for (const [f, v] of predicates) {
      const list = cells.byLevel[f]![v]!;
      if (list.length < smallest.length) smallest = list;
    }
    let size = 0;
    let lossSum = 0;
    let maxLoss = 0;
    for (const c of smallest) {
      if (!predicates.every(([f, v]) => cells.codes[f]![c] === v)) continue;
      size += cells.rows[c]!;
      lossSum += cellLoss[c]!;
      maxLoss = Math.max(maxLoss, cellMax[c]!);
    }
    const key = keyOf(predicates);
    const score =
      size > 0 ? sliceScore(settings.alpha, meanLoss, n, size, lossSum) : Number.NEGATIVE_INFINITY;
    return { predicates, key, size, lossSum, maxLoss, score };
  };
  const expandable = (slice: SliceStatistics) =>
    slice.size >= settings.minSupport &&
    slice.lossSum > 0 &&
    scoreUpperBound(
      settings.alpha,
      meanLoss,
      n,
      settings.minSupport,
      slice.size,
      slice.lossSum,
      slice.maxLoss,
    ) > threshold();
  let level: SliceStatistics[] = [];
  cells.byLevel.forEach((levels, f) => {
    levels.forEach((_, v) => {
      level.push(evaluate([[f, v]]));
    });
  });
  evaluated.push(level.length);
  for (let depth = 1; ; depth++) {
    for (const slice of level) if (slice.size >= settings.minSupport) offer(slice);
    if (depth >= settings.maxLevel) break;
    const valid = level.filter(expandable);
    const byKey = new Map(valid.map((slice) => [slice.key, slice]));
    const byPrefix = new Map<string, SliceStatistics[]>();
    for (const slice of valid) {
      const prefix = keyOf(slice.predicates.slice(0, -1));
      const list = byPrefix.get(prefix) ?? [];
      list.push(slice);
      byPrefix.set(prefix, list);
    }
    const next: SliceStatistics[] = [];
    for (const siblings of byPrefix.values()) {
      for (let a = 0; a < siblings.length; a++) {
        for (let b = a + 1; b < siblings.length; b++) {
          const lastA = siblings[a]!.predicates[depth - 1]!;
          const lastB = siblings[b]!.predicates[depth - 1]!;
          if (lastA[0] === lastB[0]) continue;
          const [first, second] = lastA[0] < lastB[0] ? [lastA, lastB] : [lastB, lastA];
          const predicates = [...siblings[a]!.predicates.slice(0, -1), first, second];
          // Apriori: every parent (the slice without one predicate) must itself be expandable, and
          // the parents bound the child's size, loss sum and largest loss.
          let size = Number.POSITIVE_INFINITY;
          let lossSum = Number.POSITIVE_INFINITY;
          let maxLoss = Number.POSITIVE_INFINITY;
          let complete = true;
          for (let drop = 0; drop < predicates.length && complete; drop++) {
            const parentKey = keyOf(predicates.filter((_, k) => k !== drop));
            const parent = byKey.get(parentKey);
            if (parent === undefined) complete = false;
            else {
              size = Math.min(size, parent.size);
              lossSum = Math.min(lossSum, parent.lossSum);
              maxLoss = Math.min(maxLoss, parent.maxLoss);
            }
          }
          if (!complete || size < settings.minSupport) continue;
          if (
            !(
              scoreUpperBound(
                settings.alpha,
                meanLoss,
                n,
                settings.minSupport,
                size,
                lossSum,
                maxLoss,
              ) > threshold()
            )
          )
            continue;
          next.push(evaluate(predicates));
        }
      }
    }
    evaluated.push(next.length);
    if (next.length === 0) break;
    level = next;
  }
  return { top, evaluated };
}

function cellLosses(
  cells: SliceCells,
  losses: ArrayLike<number>,
): { sum: Float64Array; max: Float64Array } {
  const sum = new Float64Array(cells.rows.length);
  const max = new Float64Array(cells.rows.length);
  for (let i = 0; i < losses.length; i++) {
    const c = cells.rowCell[i]!;
    sum[c]! += losses[i]!;
    if (losses[i]! > max[c]!) max[c] = losses[i]!;
  }
  return { sum, max };
}

/**
 * SliceLine-style slice discovery: the `topK` slices S (one level for each of up to `maxLevel`
 * features, at least `minSupport` rows) with the highest score
 * sc(S) = α (ē_S / ē − 1) − (1 − α)(n / |S| − 1), where ē_S is the slice's mean loss and ē the
 * overall mean loss; only slices with sc > 0 are returned. The enumeration is exact: level by
 * level, joining slices that share all but their last predicate, and pruning by minimum support
 * and SliceLine's upper bound on the children's scores (Sagadeeva and Boehm 2021, §3).
 *
 * Significance (`replicates` > 0): losses are permuted over rows (the null: loss is unrelated to
 * the features), the whole search is rerun on each permutation, and p-values are step-down
 * max-statistic adjusted over the returned slices.
 *
 * Cost: O(n · features) to group rows into cells, then per level O(candidates · cells of the
 * rarest predicate); replicates multiply the search cost by B + 1.
 *
 * @throws FairnessInputError on empty or negative or non-finite losses, features with missing
 *   values, a single level or more than `maxLevels` levels, or invalid options
 * @example
 * sliceFinder({ losses: [1, 1, 0, 0, 0, 0, 0, 0], features: { g: ["a", "a", "b", "b", "b", "b", "b", "b"] } }, { minSupport: 2 }).slices[0].predicates; // => { g: "a" }
 */
export function sliceFinder(
  input: SliceFinderInput,
  options: SliceFinderOptions = {},
): SliceFinderResult {
  const issues = new IssueCollector();
  const n = input.losses.length;
  if (n === 0) issues.add("empty_input", ["losses"], "needs at least one row");
  const losses = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const loss = input.losses[i]!;
    if (!(Number.isFinite(loss) && loss >= 0))
      issues.add("out_of_range", ["losses", i], `must be a finite number >= 0, got ${loss}`);
    losses[i] = loss;
  }
  const features = encodeFeaturesInput(input.features, n, options, issues);
  const settings = {
    alpha: options.alpha ?? 0.95,
    minSupport: options.minSupport ?? Math.max(32, Math.ceil(n / 100)),
    maxLevel: options.maxLevel ?? features.names.length,
    topK: options.topK ?? 4,
    buckets: options.buckets ?? {},
    maxLevels: options.maxLevels ?? DEFAULT_MAX_LEVELS,
    replicates: options.replicates ?? 0,
    testSeed: options.testSeed ?? 1,
  };
  if (!(settings.alpha > 0 && settings.alpha <= 1))
    issues.add("invalid_option", ["alpha"], `must lie in (0, 1], got ${settings.alpha}`);
  checkIntegerOption(issues, "minSupport", settings.minSupport, 1);
  checkIntegerOption(issues, "maxLevel", settings.maxLevel, 1);
  checkIntegerOption(issues, "topK", settings.topK, 1);
  checkIntegerOption(issues, "replicates", settings.replicates, 0);
  checkSeedOption(issues, "testSeed", settings.testSeed);
  issues.throwIfAny();
  const cells = buildCells(features, n);
  const observed = cellLosses(cells, losses);
  const { top, evaluated } = searchSlices(cells, observed.sum, observed.max, n, settings);
  const random = randomSource(settings.testSeed);
  const replicates: SliceStatistics[][] = [];
  for (let b = 0; b < settings.replicates; b++) {
    const permuted = cellLosses(cells, shuffled(losses, random));
    replicates.push(searchSlices(cells, permuted.sum, permuted.max, n, settings).top);
  }
  const pValues =
    settings.replicates > 0 ? stepDownPValues(top, replicates) : top.map(() => Number.NaN);
  let total = 0;
  for (let i = 0; i < n; i++) total += losses[i]!;
  return {
    slices: top.map((slice, k) => ({
      predicates: Object.fromEntries(
        slice.predicates.map(([f, v]) => [features.names[f]!, features.levels[f]![v]!]),
      ),
      score: slice.score,
      rows: slice.size,
      meanLoss: slice.lossSum / slice.size,
      maxLoss: slice.maxLoss,
      pValue: pValues[k]!,
    })),
    meanLoss: total / n,
    evaluated,
    nullScores: replicates.map((r) => r[0]?.score ?? 0),
    settings,
  };
}
