/**
 * Multi-dimensional subset scanning (MDSS; Neill, McFowland and Zheng 2013, "Fast subset scan for
 * multivariate event detection", Statistics in Medicine 32; Zhang and Neill 2016 for predictive
 * bias): coordinate ascent over features, each step the exact best set of levels of one feature
 * (levelSweep), from the whole population and from seeded random restarts.
 */
import { type RandomSource, randomSource } from "../uncertainty/random.js";
import { levelInterval, mergeParts, sweepSets } from "./levelSweep.js";
import type { PartStatistics, Scorer } from "./scoring.js";
import { cellOfRowIndex, type ScanTable } from "./table.js";

/**
 * A subset: per feature, the allowed level codes (sorted), or undefined when the feature is
 * unrestricted.
 */
export type SubsetCodes = readonly (readonly number[] | undefined)[];

/** A subset with its penalised score. */
export interface ScoredSubset {
  readonly subset: SubsetCodes;
  /** The maximised score minus penalty × (number of listed levels). */
  readonly score: number;
  /** A canonical key (equal keys, equal subsets). */
  readonly key: string;
}

/** One accepted coordinate-ascent step. */
export interface SearchStep extends ScoredSubset {
  /** The restart (0 starts from the whole population). */
  readonly iteration: number;
  /** The feature whose levels changed (its index), or -1 for the starting subset. */
  readonly feature: number;
}

/** The search's settings. */
export interface SearchSettings {
  readonly penalty: number;
  readonly iterations: number;
  readonly seed: number;
  /** Whether to keep every accepted step (for explanations). */
  readonly recordSteps: boolean;
}

/** The local optimum reached by each restart, and the accepted steps. */
export interface SearchResult {
  readonly optima: readonly ScoredSubset[];
  readonly steps: readonly SearchStep[];
}

/** The canonical key of a subset. */
export function subsetKey(subset: SubsetCodes): string {
  return subset.map((levels) => (levels === undefined ? "*" : levels.join("."))).join("|");
}

/** Whether a cell belongs to the subset, ignoring feature `skip`. */
function cellMatches(
  table: ScanTable,
  allowed: readonly (Uint8Array | undefined)[],
  cell: number,
  skip: number,
): boolean {
  for (let j = 0; j < allowed.length; j++) {
    const mask = allowed[j];
    if (j !== skip && mask !== undefined && mask[table.cellCodes[j]![cell]!] === 0) return false;
  }
  return true;
}

/** The statistics of the subset's rows, split by the levels of feature `feature`. */
function partsByLevel(
  table: ScanTable,
  cellOutcomes: Float64Array,
  allowed: readonly (Uint8Array | undefined)[],
  feature: number,
  withExpectations: boolean,
): PartStatistics[] {
  const levels = table.features.levels[feature]!.length;
  const parts: PartStatistics[] = [];
  const byExpectation: Map<number, number>[] = [];
  for (let v = 0; v < levels; v++) {
    parts.push({ y: 0, n: 0, expectations: [], counts: [] });
    byExpectation.push(new Map());
  }
  const codes = table.cellCodes[feature]!;
  for (let c = 0; c < table.cellRows.length; c++) {
    if (!cellMatches(table, allowed, c, feature)) continue;
    const part = parts[codes[c]!]!;
    part.y += cellOutcomes[c]!;
    part.n += table.cellRows[c]!;
    if (withExpectations) {
      const p = table.cellExpectation[c]!;
      const map = byExpectation[codes[c]!]!;
      const at = map.get(p);
      if (at === undefined) {
        map.set(p, part.expectations.length);
        part.expectations.push(p);
        part.counts.push(table.cellRows[c]!);
      } else {
        part.counts[at]! += table.cellRows[c]!;
      }
    }
  }
  return parts;
}

function listedLevels(subset: SubsetCodes, skip: number): number {
  let total = 0;
  subset.forEach((levels, j) => {
    if (j !== skip && levels !== undefined) total += levels.length;
  });
  return total;
}

function masks(subset: SubsetCodes, table: ScanTable): (Uint8Array | undefined)[] {
  return subset.map((levels, j) => {
    if (levels === undefined) return undefined;
    const mask = new Uint8Array(table.features.levels[j]!.length);
    for (const v of levels) mask[v] = 1;
    return mask;
  });
}

/** The penalised score of a subset (its rows' maximised score minus the penalty per level). */
export function scoreSubset(
  table: ScanTable,
  cellOutcomes: Float64Array,
  scorer: Scorer,
  subset: SubsetCodes,
  penalty: number,
): number {
  const parts = partsByLevel(
    table,
    cellOutcomes,
    masks(subset, table),
    0,
    scorer.scoring === "bernoulli",
  );
  const first = subset[0];
  const merged = mergeParts(first === undefined ? parts : first.map((v) => parts[v]!));
  if (merged.n === 0) return Number.NEGATIVE_INFINITY;
  return scorer.maximum(merged).score - penalty * listedLevels(subset, -1);
}

/**
 * The best choice for feature `feature` with the others fixed: unrestricted, or the exact best
 * proper set of levels (levelSweep). Returns the new subset and its penalised score.
 */
function bestForFeature(
  table: ScanTable,
  cellOutcomes: Float64Array,
  scorer: Scorer,
  subset: SubsetCodes,
  feature: number,
  penalty: number,
): { levels: readonly number[] | undefined; score: number } {
  const parts = partsByLevel(
    table,
    cellOutcomes,
    masks(subset, table),
    feature,
    scorer.scoring === "bernoulli",
  );
  const others = penalty * listedLevels(subset, feature);
  const present = parts.flatMap((part, v) => (part.n > 0 ? [v] : []));
  if (present.length === 0) return { levels: subset[feature], score: Number.NEGATIVE_INFINITY };
  let bestLevels: readonly number[] | undefined;
  let best = scorer.maximum(mergeParts(present.map((v) => parts[v]!))).score - others;
  const intervals = parts.map((part) =>
    part.n > 0 ? levelInterval(scorer, part, penalty) : undefined,
  );
  for (const set of sweepSets(intervals, scorer.low, scorer.high)) {
    if (set.length === present.length) continue;
    const score =
      scorer.maximum(mergeParts(set.map((v) => parts[v]!))).score - penalty * set.length - others;
    if (score > best + 1e-12 * Math.max(1, Math.abs(best))) {
      best = score;
      bestLevels = set;
    }
  }
  return { levels: bestLevels, score: best };
}

/** A random starting subset around a random row: each feature restricted with probability 1/2. */
function randomStart(table: ScanTable, random: RandomSource): SubsetCodes {
  const cell = cellOfRowIndex(table, random.integer(0, table.rows - 1));
  return table.features.levels.map((levels, j) => {
    if (random.uniform() < 0.5) return undefined;
    const own = table.cellCodes[j]![cell]!;
    const chosen: number[] = [];
    for (let v = 0; v < levels.length; v++) {
      if (v === own || random.uniform() < 0.5) chosen.push(v);
    }
    return chosen.length === levels.length ? undefined : chosen;
  });
}

/**
 * Runs the scan: restart 0 from the whole population, restarts 1 … iterations − 1 from random
 * subsets; each does passes over the features in a random order, moving to a feature's best
 * choice when it raises the score, until a pass changes nothing.
 *
 * Cost per pass: O(features · (cells · features + levels · E)), E the cost of one exact score
 * (O(1) for Berk–Jones, O(distinct expectations) Newton steps for Bernoulli).
 */
export function searchSubsets(
  table: ScanTable,
  cellOutcomes: Float64Array,
  scorer: Scorer,
  settings: SearchSettings,
): SearchResult {
  const random = randomSource(settings.seed);
  const features = table.features.names.length;
  const optima: ScoredSubset[] = [];
  const steps: SearchStep[] = [];
  for (let iteration = 0; iteration < settings.iterations; iteration++) {
    let subset: SubsetCodes =
      iteration === 0 ? new Array(features).fill(undefined) : randomStart(table, random);
    let score = scoreSubset(table, cellOutcomes, scorer, subset, settings.penalty);
    if (settings.recordSteps)
      steps.push({ iteration, feature: -1, subset, score, key: subsetKey(subset) });
    for (let pass = 0; pass < 100; pass++) {
      const order = Array.from({ length: features }, (_, j) => j);
      for (let j = features - 1; j > 0; j--) {
        const k = random.integer(0, j);
        [order[j], order[k]] = [order[k]!, order[j]!];
      }
      let changed = false;
      for (const feature of order) {
        const choice = bestForFeature(
          table,
          cellOutcomes,
          scorer,
          subset,
          feature,
          settings.penalty,
        );
        if (choice.score > score + 1e-12 * Math.max(1, Math.abs(score))) {
          subset = subset.map((levels, j) => (j === feature ? choice.levels : levels));
          score = choice.score;
          changed = true;
          if (settings.recordSteps)
            steps.push({ iteration, feature, subset, score, key: subsetKey(subset) });
        }
      }
      if (!changed) break;
    }
    optima.push({ subset, score, key: subsetKey(subset) });
  }
  return { optima, steps };
}

/** The distinct subsets of `optima`, best first (ties keep the earlier restart). */
export function distinctOptima(optima: readonly ScoredSubset[]): ScoredSubset[] {
  const seen = new Set<string>();
  const out: ScoredSubset[] = [];
  for (const optimum of [...optima].sort((a, b) => b.score - a.score)) {
    if (!seen.has(optimum.key)) {
      seen.add(optimum.key);
      out.push(optimum);
    }
  }
  return out;
}
