/**
 * biasScan: the most over- or under-predicted subgroup over any combination of feature levels
 * (MDSS bias scan, as AIF360's `bias_scan`), with Monte Carlo p-values that account for the search.
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
import { mergeParts } from "./levelSweep.js";
import { checkIntegerOption, checkSeedOption } from "./options.js";
import { createScorer, type ScanDirection, type ScanScoring, type Scorer } from "./scoring.js";
import {
  distinctOptima,
  type ScoredSubset,
  type SearchSettings,
  type SubsetCodes,
  searchSubsets,
} from "./search.js";
import { shuffled, stepDownPValues } from "./significance.js";
import { buildScanTable, cellOutcomeSums, type ScanTable } from "./table.js";

/**
 * The data a bias scan searches.
 *
 * @category Subgroup scans
 */
export interface BiasScanInput {
  /** Observed binary outcomes (0/1 or booleans), one per row. */
  readonly outcomes: ArrayLike<number | boolean>;
  /**
   * The model's predicted probability of outcome 1 per row, in (0, 1) for the Bernoulli score.
   * Omitted: every row expects the overall outcome rate.
   */
  readonly expectations?: ArrayLike<number>;
  /** Categorical search features by name (numeric ones may be bucketed with `buckets`). */
  readonly features: ScanFeatures;
}

/**
 * How a bias scan searches and tests.
 *
 * @category Subgroup scans
 */
export interface BiasScanOptions {
  /**
   * The scan statistic.
   * @defaultValue "bernoulli"
   */
  readonly scoring?: ScanScoring;
  /**
   * `overpredicted`: rows whose outcomes fall below their expectations (AIF360
   * `overpredicted=True`); `underpredicted`: above.
   * @defaultValue "overpredicted"
   */
  readonly direction?: ScanDirection;
  /**
   * The rate the Berk–Jones score tests against, in (0, 1).
   * @defaultValue the mean expectation (the overall outcome rate when expectations are omitted)
   */
  readonly alpha?: number;
  /**
   * Subtracted from the score once per listed level, so larger subgroups need more evidence
   * (AIF360's default is 1e-17).
   * @defaultValue 1e-17
   */
  readonly penalty?: number;
  /**
   * Restarts: the first starts from the whole population, the others from seeded random subsets.
   * @defaultValue 10
   */
  readonly iterations?: number;
  /**
   * Seed of the random restarts.
   * @defaultValue 0
   */
  readonly seed?: number;
  /** Numeric features to cut into this many quantile buckets before the search (see quantileBuckets). */
  readonly buckets?: Readonly<Record<string, number>>;
  /**
   * The largest number of levels a search feature may have.
   * @defaultValue 100
   */
  readonly maxLevels?: number;
  /**
   * Subgroups to return: the best distinct local optima of the restarts.
   * @defaultValue 1
   */
  readonly topK?: number;
  /**
   * Null replicates for the p-values (0: no test). Each reruns the whole search.
   * @defaultValue 0
   */
  readonly replicates?: number;
  /**
   * Seed of the null replicates.
   * @defaultValue 1
   */
  readonly testSeed?: number;
  /**
   * How null outcomes are drawn: `parametric`, each row Bernoulli(expectation) (calibrated
   * expectations); `permutation`, the observed outcomes shuffled over rows (exact when every row
   * expects the same rate).
   * @defaultValue "parametric" with expectations, "permutation" without
   */
  readonly nullModel?: "parametric" | "permutation";
}

/**
 * A subgroup found by the scan.
 *
 * @category Subgroup scans
 */
export interface ScanSubgroup {
  /** The listed levels of each restricted feature (unlisted features are unrestricted). */
  readonly subset: Readonly<Record<string, readonly ScanLevel[]>>;
  /** The scan statistic minus the penalty. */
  readonly score: number;
  /** Rows in the subgroup. */
  readonly rows: number;
  /** Mean outcome in the subgroup. */
  readonly observedRate: number;
  /** Mean expectation in the subgroup. */
  readonly expectedRate: number;
  /** The maximising q: the odds multiplier (Bernoulli) or the subgroup's rate (Berk–Jones). */
  readonly q: number;
  /** Penalty × listed levels. */
  readonly penalty: number;
  /** Step-down max-statistic p-value (after the search); NaN without replicates. */
  readonly pValue: number;
}

/** One accepted step of the coordinate ascent. */
export interface ScanStep {
  /** The restart (0 starts from the whole population). */
  readonly iteration: number;
  /** The feature whose levels changed; undefined for a restart's starting subset. */
  readonly feature: string | undefined;
  /** The subset after the step. */
  readonly subset: Readonly<Record<string, readonly ScanLevel[]>>;
  /** Its penalised score. */
  readonly score: number;
}

/**
 * What biasScan returns.
 *
 * @category Subgroup scans
 */
export interface BiasScanResult {
  /** The best subgroup found. */
  readonly best: ScanSubgroup;
  /** Up to `topK` distinct subgroups, best first. */
  readonly subgroups: readonly ScanSubgroup[];
  /** Every accepted step of the search, in order (the candidates along the way). */
  readonly steps: readonly ScanStep[];
  /** The null maxima (one per replicate), for plotting the null distribution. */
  readonly nullScores: readonly number[];
  /** The settings used, defaults filled in. */
  readonly settings: Required<Omit<BiasScanOptions, "buckets">> & {
    /** The quantile buckets asked for (none: an empty record). */
    readonly buckets: Readonly<Record<string, number>>;
  };
}

/** A validated scan problem: the table, observed cell sums, scorer and settings. */
export interface PreparedScan {
  readonly table: ScanTable;
  readonly cellOutcomes: Float64Array;
  /** The row outcomes (for permutations); undefined for aggregated cells. */
  readonly outcomes: Uint8Array | undefined;
  readonly scorer: Scorer;
  readonly settings: BiasScanResult["settings"];
}

/** Validates the input and options of biasScan and builds the cell table. */
export function prepareBiasScan(input: BiasScanInput, options: BiasScanOptions = {}): PreparedScan {
  const issues = new IssueCollector();
  const n = input.outcomes.length;
  if (n === 0) issues.add("empty_input", ["outcomes"], "needs at least one row");
  const outcomes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const y = input.outcomes[i];
    if (y === 1 || y === true) outcomes[i] = 1;
    else if (!(y === 0 || y === false))
      issues.add("not_binary", ["outcomes", i], `must be 0 or 1, got ${String(y)}`);
  }
  const scoring = options.scoring ?? "bernoulli";
  const expectations = new Float64Array(n);
  if (input.expectations === undefined) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += outcomes[i]!;
    fillOverallRate(expectations, sum, n, "outcomes", scoring, issues);
  } else {
    copyExpectations(input.expectations, expectations, "outcomes", scoring, issues);
  }
  const features = encodeFeaturesInput(input.features, n, options, issues);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += expectations[i]!;
  const settings = resolveOptions(options, mean / Math.max(1, n), constant(expectations), issues);
  issues.throwIfAny();
  const table = buildScanTable(features, expectations);
  return {
    table,
    cellOutcomes: cellOutcomeSums(table, outcomes),
    outcomes,
    scorer: createScorer(settings.scoring, settings.direction, settings.alpha),
    settings,
  };
}

/**
 * Without expectations every row expects the overall rate `positives / rows`. Under the
 * Bernoulli score a rate of 0 or 1 leaves nothing to find (every subgroup has the same rate), so
 * it is reported against `field`.
 */
function fillOverallRate(
  out: Float64Array,
  positives: number,
  rows: number,
  field: "outcomes" | "outcomeSums",
  scoring: ScanScoring,
  issues: IssueCollector,
): void {
  out.fill(rows > 0 ? positives / rows : 0);
  if (scoring === "bernoulli" && rows > 0 && (positives === 0 || positives === rows)) {
    issues.add(
      "out_of_range",
      [field],
      `have an overall rate of ${positives === 0 ? 0 : 1}, so no subgroup can deviate from it`,
    );
  }
}

/**
 * Copies the given expectations into `out` (one per outcome or cell), adding a problem for a
 * length that differs from `out`'s and for each expectation outside what the scoring allows.
 */
function copyExpectations(
  given: ArrayLike<number>,
  out: Float64Array,
  unit: "outcomes" | "cells",
  scoring: ScanScoring,
  issues: IssueCollector,
): void {
  if (given.length !== out.length) {
    issues.add(
      "length_mismatch",
      ["expectations"],
      `has ${given.length} values for ${out.length} ${unit}`,
    );
    return;
  }
  for (let i = 0; i < out.length; i++) {
    out[i] = given[i]!;
    checkExpectation(out[i]!, scoring, i, issues);
  }
}

function checkExpectation(p: number, scoring: ScanScoring, index: number, issues: IssueCollector) {
  const inside = scoring === "bernoulli" ? p > 0 && p < 1 : p >= 0 && p <= 1;
  if (!inside) {
    issues.add(
      "out_of_range",
      ["expectations", index],
      scoring === "bernoulli"
        ? `must lie strictly between 0 and 1 for the Bernoulli score (a row expected with certainty makes any contrary outcome infinite evidence), got ${p}`
        : `must lie in [0, 1], got ${p}`,
    );
  }
}

function resolveOptions(
  options: BiasScanOptions,
  mean: number,
  constantExpectations: boolean,
  issues: IssueCollector,
  fromCells = false,
): BiasScanResult["settings"] {
  const settings = {
    scoring: options.scoring ?? "bernoulli",
    direction: options.direction ?? "overpredicted",
    alpha: options.alpha ?? mean,
    penalty: options.penalty ?? 1e-17,
    iterations: options.iterations ?? 10,
    seed: options.seed ?? 0,
    buckets: options.buckets ?? {},
    maxLevels: options.maxLevels ?? DEFAULT_MAX_LEVELS,
    topK: options.topK ?? 1,
    replicates: options.replicates ?? 0,
    testSeed: options.testSeed ?? 1,
    nullModel: options.nullModel ?? "parametric",
  } as const;
  const bad = (name: string, message: string) => issues.add("invalid_option", [name], message);
  if (settings.scoring !== "bernoulli" && settings.scoring !== "berkJones")
    bad("scoring", 'must be "bernoulli" or "berkJones"');
  if (settings.direction !== "overpredicted" && settings.direction !== "underpredicted") {
    bad("direction", 'must be "overpredicted" or "underpredicted"');
  }
  if (settings.scoring === "berkJones" && !(settings.alpha > 0 && settings.alpha < 1)) {
    bad("alpha", `must lie strictly between 0 and 1, got ${settings.alpha}`);
  }
  if (!(settings.penalty >= 0 && Number.isFinite(settings.penalty)))
    bad("penalty", `must be a finite number >= 0, got ${settings.penalty}`);
  checkIntegerOption(issues, "iterations", settings.iterations, 1);
  checkIntegerOption(issues, "topK", settings.topK, 1);
  checkIntegerOption(issues, "replicates", settings.replicates, 0);
  checkSeedOption(issues, "seed", settings.seed);
  checkSeedOption(issues, "testSeed", settings.testSeed);
  if (settings.nullModel !== "parametric" && settings.nullModel !== "permutation")
    bad("nullModel", 'must be "parametric" or "permutation"');
  if (fromCells && settings.nullModel === "permutation") {
    bad("nullModel", 'must be "parametric" for aggregated cells (a permutation needs the rows)');
  }
  if (fromCells && options.buckets !== undefined) {
    bad("buckets", "cannot cut aggregated cells into quantiles of rows: bucket before aggregating");
  }
  const nullModel =
    options.nullModel ??
    (!fromCells && (options.scoring === "berkJones" || constantExpectations)
      ? "permutation"
      : "parametric");
  return { ...settings, nullModel };
}

function constant(expectations: Float64Array): boolean {
  return expectations.every((p) => p === expectations[0]);
}

/** Level names of a coded subset, restricted features only. */
export function subsetLevels(
  features: EncodedFeatures,
  subset: SubsetCodes,
): Record<string, ScanLevel[]> {
  const out: Record<string, ScanLevel[]> = {};
  subset.forEach((levels, j) => {
    if (levels !== undefined) out[features.names[j]!] = levels.map((v) => features.levels[j]![v]!);
  });
  return out;
}

function describe(prepared: PreparedScan, found: ScoredSubset, pValue: number): ScanSubgroup {
  const { table, scorer, cellOutcomes, settings } = prepared;
  let rows = 0;
  let y = 0;
  let expected = 0;
  const part = { y: 0, n: 0, expectations: [] as number[], counts: [] as number[] };
  for (let c = 0; c < table.cellRows.length; c++) {
    if (
      !found.subset.every(
        (levels, j) => levels === undefined || levels.includes(table.cellCodes[j]![c]!),
      )
    )
      continue;
    rows += table.cellRows[c]!;
    y += cellOutcomes[c]!;
    expected += table.cellRows[c]! * table.cellExpectation[c]!;
    part.expectations.push(table.cellExpectation[c]!);
    part.counts.push(table.cellRows[c]!);
  }
  part.y = y;
  part.n = rows;
  const maximum = scorer.maximum(mergeParts([part]));
  const listed = found.subset.reduce((total, levels) => total + (levels?.length ?? 0), 0);
  return {
    subset: subsetLevels(table.features, found.subset),
    score: found.score,
    rows,
    observedRate: y / rows,
    expectedRate: expected / rows,
    q: scorer.q(maximum.parameter),
    penalty: settings.penalty * listed,
    pValue,
  };
}

/** Null outcome sums per cell for one replicate. */
export function nullCellOutcomes(
  prepared: PreparedScan,
  random: ReturnType<typeof randomSource>,
): Float64Array {
  const { table, outcomes, settings } = prepared;
  if (settings.nullModel === "parametric") {
    const sums = new Float64Array(table.cellRows.length);
    for (let c = 0; c < sums.length; c++)
      sums[c] = random.binomial(table.cellRows[c]!, table.cellExpectation[c]!);
    return sums;
  }
  return cellOutcomeSums(table, shuffled(outcomes!, random));
}

/**
 * AIF360's MDSS bias scan (`aif360.detectors.mdss_detector.bias_scan`): the subgroup — any
 * combination of levels of the search features — whose outcomes deviate most from the model's
 * expectations in the chosen direction, by the Bernoulli or Berk–Jones scan statistic minus
 * `penalty` per listed level. A feature whose every level would be listed is left unrestricted
 * (same rows, no penalty).
 *
 * Search: coordinate ascent over features from the whole population and `iterations − 1` seeded
 * random restarts; each step picks the exact best set of one feature's levels (linear-time subset
 * scanning with the optimal q solved to full precision; see docs/subgroup-scan.md). It is a
 * heuristic: a different seed may find a better subgroup.
 *
 * Significance (`replicates` > 0): the whole search is rerun on null outcomes drawn from the
 * calibrated expectations (or by permutation), and p-values are step-down max-statistic
 * adjusted over the `topK` subgroups, so they account for the search and the list.
 *
 * Cost: O(n · features) to build the cell table, then per restart and pass
 * O(features · (cells · features + levels · E)); replicates multiply the search cost by B + 1.
 *
 * @throws FairnessInputError on empty or non-binary outcomes, expectations outside (0, 1), features
 *   with missing values, a single level or more than `maxLevels` levels, or invalid options
 * @example
 * biasScan({ outcomes: [1, 1, 0, 0, 0, 0], expectations: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], features: { g: ["a", "a", "b", "b", "b", "b"] } }).best.subset; // => { g: ["b"] }
 *
 * @category Subgroup scans
 */
export function biasScan(input: BiasScanInput, options: BiasScanOptions = {}): BiasScanResult {
  return scanPrepared(prepareBiasScan(input, options));
}

/** The data of a bias scan aggregated into cells (e.g. by a SQL `GROUP BY`). */
export interface BiasScanCells {
  /** Each cell's level of each search feature. */
  readonly features: ScanFeatures;
  /** Rows in each cell (positive integers). */
  readonly rows: ArrayLike<number>;
  /** Positive outcomes in each cell (integers from 0 to the cell's rows). */
  readonly outcomeSums: ArrayLike<number>;
  /** The expectation shared by each cell's rows; omitted: every row expects the overall rate. */
  readonly expectations?: ArrayLike<number>;
}

/** Validates aggregated cells and the options of biasScanOfCells. */
export function prepareBiasScanOfCells(
  cells: BiasScanCells,
  options: BiasScanOptions = {},
): PreparedScan {
  const issues = new IssueCollector();
  const k = cells.rows.length;
  if (k === 0) issues.add("empty_input", ["rows"], "needs at least one cell");
  const rows = Float64Array.from(cells.rows);
  const sums = Float64Array.from(cells.outcomeSums);
  if (sums.length !== k)
    issues.add("length_mismatch", ["outcomeSums"], `has ${sums.length} values for ${k} cells`);
  let total = 0;
  let positives = 0;
  for (let c = 0; c < k; c++) {
    if (!(Number.isInteger(rows[c]) && rows[c]! > 0)) {
      issues.add("out_of_range", ["rows", c], `must be a positive integer, got ${rows[c]}`);
    }
    const y = sums[c]!;
    if (!(Number.isInteger(y) && y >= 0 && y <= rows[c]!)) {
      issues.add(
        "out_of_range",
        ["outcomeSums", c],
        `must be an integer from 0 to the cell's ${rows[c]} rows, got ${y}`,
      );
    }
    total += rows[c]!;
    positives += y;
  }
  const scoring = options.scoring ?? "bernoulli";
  const expectations = new Float64Array(k);
  if (cells.expectations === undefined) {
    fillOverallRate(expectations, positives, total, "outcomeSums", scoring, issues);
  } else {
    copyExpectations(cells.expectations, expectations, "cells", scoring, issues);
  }
  const features = encodeFeaturesInput(cells.features, k, { maxLevels: options.maxLevels }, issues);
  let expected = 0;
  for (let c = 0; c < k; c++) expected += rows[c]! * expectations[c]!;
  const settings = resolveOptions(
    options,
    expected / Math.max(1, total),
    constant(expectations),
    issues,
    true,
  );
  issues.throwIfAny();
  const table: ScanTable = {
    features,
    cellCodes: features.codes,
    cellRows: rows,
    rows: total,
    cellExpectation: expectations,
    rowCell: undefined,
  };
  return {
    table,
    cellOutcomes: sums,
    outcomes: undefined,
    scorer: createScorer(settings.scoring, settings.direction, settings.alpha),
    settings,
  };
}

/**
 * biasScan on data aggregated into cells: one per combination of feature levels and expectation,
 * with its rows and positive outcomes (the scan's sufficient statistics, e.g. from a SQL
 * `GROUP BY`; see `biasScanDuckDb` in `fairscope/sql`). Gives the same result as biasScan on the
 * rows, except that the null model is always parametric (a permutation needs the rows) and
 * numeric features must be bucketed before aggregating.
 *
 * Cost: as biasScan after its cell table is built.
 *
 * @throws FairnessInputError on invalid cells or options
 * @example
 * biasScanOfCells({ features: { g: ["a", "b"] }, rows: [2, 4], outcomeSums: [2, 0], expectations: [0.5, 0.5] }).best.subset; // => { g: ["b"] }
 */
export function biasScanOfCells(
  cells: BiasScanCells,
  options: BiasScanOptions = {},
): BiasScanResult {
  return scanPrepared(prepareBiasScanOfCells(cells, options));
}

/** Runs the search and the null replicates of a prepared scan. */
function scanPrepared(prepared: PreparedScan): BiasScanResult {
  const { table, scorer, settings } = prepared;
  const search = (cellOutcomes: Float64Array, recordSteps: boolean) =>
    searchSubsets(table, cellOutcomes, scorer, {
      penalty: settings.penalty,
      iterations: settings.iterations,
      seed: settings.seed,
      recordSteps,
    } satisfies SearchSettings);
  const observed = search(prepared.cellOutcomes, true);
  const found = distinctOptima(observed.optima).slice(0, settings.topK);
  const replicates: ScoredSubset[][] = [];
  const random = randomSource(settings.testSeed);
  for (let b = 0; b < settings.replicates; b++) {
    replicates.push(distinctOptima(search(nullCellOutcomes(prepared, random), false).optima));
  }
  const pValues =
    settings.replicates > 0 ? stepDownPValues(found, replicates) : found.map(() => Number.NaN);
  const subgroups = found.map((subset, k) => describe(prepared, subset, pValues[k]!));
  return {
    best: subgroups[0]!,
    subgroups,
    steps: observed.steps.map((step) => ({
      iteration: step.iteration,
      feature: step.feature < 0 ? undefined : table.features.names[step.feature],
      subset: subsetLevels(table.features, step.subset),
      score: step.score,
    })),
    nullScores: replicates.map((r) => r[0]?.score ?? 0),
    settings,
  };
}
