/**
 * decisionCurve: net benefit by group over a threshold grid, and at the user's decision
 * thresholds with bootstrap intervals for each group, the overall rows and the gap between groups.
 */
import type { Columns, Level } from "../data/columns.js";
import { FairnessInputError } from "../data/errors.js";
import type { FairnessInput } from "../data/inputTypes.js";
import { groupLabel } from "../data/levels.js";
import { prepare } from "../data/prepare.js";
import { partitionRows } from "../stats/partition.js";
import {
  type BootstrapEstimate,
  type BootstrapRecord,
  bootstrapInterval,
} from "../uncertainty/bootstrapInterval.js";
import { RANDOM_METHOD, type RandomSource, randomSource } from "../uncertainty/random.js";
import { rowReplicates } from "../uncertainty/resample.js";
import {
  binCounts,
  checkThresholds,
  DEFAULT_NET_BENEFIT_GRID,
  type NetBenefitPoint,
  netBenefitOfCounts,
  netBenefitPoints,
} from "./netBenefit.js";

/** Bootstrap settings of the net-benefit intervals. */
export interface NetBenefitBootstrapOptions {
  /** Replicates. @defaultValue 1000 */
  readonly nBoot?: number;
  /** Seed of the random source (an integer in [0, 2^32 − 1]). @defaultValue 0 */
  readonly seed?: number;
  /** Confidence level. @defaultValue 0.95 */
  readonly level?: number;
}

/** Options of {@link decisionCurve}. */
export interface DecisionCurveOptions {
  /** Threshold probabilities of the curve, each in (0, 1). @defaultValue 0.01, 0.02, …, 0.99 */
  readonly grid?: readonly number[];
  /**
   * Decision thresholds at which net benefit, its interval and the gap between groups are
   * reported, each in (0, 1). @defaultValue [0.5], or the input's `threshold` when it is a probability
   */
  readonly thresholds?: readonly number[];
  /** Bootstrap intervals at the decision thresholds; `false` skips them. @defaultValue {} */
  readonly bootstrap?: NetBenefitBootstrapOptions | false;
}

/** A warning attached to a result instead of a silent NaN. */
export interface ClinicalWarning {
  /** `noEvents`: a group without outcomes (standardized net benefit undefined); `emptyGroup`. */
  readonly code: "noEvents" | "emptyGroup";
  /** The group's label. */
  readonly group: string;
  /** What it means, in a sentence. */
  readonly message: string;
}

/** The decision curve of one group (or of all rows). */
export interface DecisionCurveGroup {
  /** One level per sensitive feature (empty for the overall rows). */
  readonly key: readonly Level[];
  /** Levels joined with ", " ("overall" for all rows). */
  readonly label: string;
  /** Rows (unweighted). */
  readonly count: number;
  /** Net benefit at each grid threshold. */
  readonly curve: readonly NetBenefitPoint[];
  /** Net benefit at each decision threshold. */
  readonly atThresholds: readonly NetBenefitPoint[];
  /** Bootstrap estimate of the net benefit at each decision threshold (absent without bootstrap). */
  readonly intervals: readonly BootstrapEstimate[] | undefined;
}

/** The gap in net benefit between groups at one decision threshold. */
export interface NetBenefitGap {
  /** The decision threshold. */
  readonly threshold: number;
  /** Largest minus smallest group net benefit (groups without rows skipped). */
  readonly difference: number;
  /** Group with the largest net benefit. */
  readonly best: string;
  /** Group with the smallest net benefit. */
  readonly worst: string;
  /** Bootstrap estimate of the difference (absent without bootstrap). */
  readonly interval: BootstrapEstimate | undefined;
}

/** Result of {@link decisionCurve}. */
export interface DecisionCurveResult {
  /** Sensitive feature names. */
  readonly featureNames: readonly string[];
  /** Grid thresholds, sorted. */
  readonly grid: readonly number[];
  /** Decision thresholds, sorted. */
  readonly thresholds: readonly number[];
  /** Whether counts are weighted by `sampleWeight`. */
  readonly weighted: boolean;
  /** All rows. */
  readonly overall: DecisionCurveGroup;
  /** Each group, in level order. */
  readonly byGroup: readonly DecisionCurveGroup[];
  /** Gap between groups at each decision threshold. */
  readonly gaps: readonly NetBenefitGap[];
  /** How the intervals were made (absent without bootstrap). */
  readonly bootstrap:
    | (BootstrapRecord & {
        /** `multinomial` on unweighted counts per group, `rows` when weighted. */
        readonly resampling: "multinomial" | "rows";
      })
    | undefined;
  /** Groups without rows or without events, said in words. */
  readonly warnings: readonly ClinicalWarning[];
}

/**
 * Net benefit by group (decision-curve analysis; Vickers and Elkin 2006): for the overall rows
 * and each group, NB(pt) = TP/n − FP/n · pt/(1 − pt) with treatment when score ≥ pt, treat-all
 * (prevalence − (1 − prevalence) · pt/(1 − pt)), treat-none (0), standardized net benefit
 * (NB / prevalence; Kerr et al. 2016) and net interventions avoided per 100, over a grid and at
 * decision thresholds. Counts are weighted when `sampleWeight` is given (`treatedRows` stays
 * unweighted).
 *
 * Intervals: within each group the counts per (outcome, score bin between consecutive decision
 * thresholds) are sufficient statistics, so resampling the group's rows is one multinomial draw
 * over those cells (group sizes fixed); weighted rows are resampled row by row. The gap between
 * groups is recomputed in each replicate. Percentile intervals.
 *
 * Cost: O(n log T) for the counts plus O(B · k · T) for B replicates (O(B · n) when weighted).
 *
 * @throws FairnessInputError when scores are missing, a threshold lies outside (0, 1), or the
 * input is invalid
 * @example
 * const r = decisionCurve(
 *   { yTrue: [1, 0, 1, 0], yScore: [0.9, 0.6, 0.7, 0.1], sensitiveFeatures: ["a", "a", "b", "b"] },
 *   { grid: [0.5], thresholds: [0.5], bootstrap: false },
 * );
 * r.byGroup.map((g) => g.atThresholds[0].netBenefit); // => [0, 0.5]
 */
export function decisionCurve(
  input: FairnessInput,
  options: DecisionCurveOptions = {},
): DecisionCurveResult {
  const columns = prepare(input);
  const fallback =
    input.threshold !== undefined && input.threshold > 0 && input.threshold < 1
      ? input.threshold
      : 0.5;
  return decisionCurveOfColumns(columns, {
    ...options,
    thresholds: options.thresholds ?? [fallback],
  });
}

/** {@link decisionCurve} on prepared columns. */
export function decisionCurveOfColumns(
  columns: Columns,
  options: DecisionCurveOptions = {},
): DecisionCurveResult {
  const grid = checkThresholds("grid", options.grid ?? DEFAULT_NET_BENEFIT_GRID);
  const thresholds = checkThresholds("thresholds", options.thresholds ?? [0.5]);
  const score = columns.score;
  if (score === undefined) {
    throw new FairnessInputError([
      {
        code: "missing_field",
        path: ["yScore"],
        message: "net benefit needs risk scores in yScore",
      },
    ]);
  }
  const { label, weight } = columns;
  const k = columns.groups.keys.length;
  const partition = partitionRows(columns.group, k);
  const allRows = Uint32Array.from({ length: columns.n }, (_, i) => i);
  const warnings: ClinicalWarning[] = [];
  const describe = (key: readonly Level[], rows: Uint32Array): DecisionCurveGroup => {
    const curve = netBenefitPoints(binCounts(label, score, weight, rows, grid), grid);
    const atThresholds = netBenefitPoints(
      binCounts(label, score, weight, rows, thresholds),
      thresholds,
    );
    const name = key.length === 0 ? "overall" : groupLabel(key);
    if (rows.length === 0) {
      warnings.push({
        code: "emptyGroup",
        group: name,
        message: `group ${name} has no rows: its net benefit is undefined (NaN)`,
      });
    } else if (!((atThresholds[0]?.prevalence ?? 0) > 0)) {
      warnings.push({
        code: "noEvents",
        group: name,
        message: `group ${name} has no events: net benefit is −FP/n · pt/(1 − pt) and the standardized net benefit is undefined (NaN)`,
      });
    }
    return { key, label: name, count: rows.length, curve, atThresholds, intervals: undefined };
  };
  const overall = describe([], allRows);
  const groups = columns.groups.keys.map((key, g) =>
    describe(key, partition.rows.subarray(partition.offsets[g], partition.offsets[g + 1])),
  );
  const labels = groups.map((g) => g.label);
  const pointGaps = thresholds.map((_, j) =>
    gapOfValues(
      groups.map((g) => g.atThresholds[j]!.netBenefit),
      labels,
    ),
  );
  const settings = options.bootstrap === false ? undefined : resolve(options.bootstrap ?? {});
  if (settings === undefined) {
    return {
      featureNames: columns.groups.featureNames,
      grid,
      thresholds,
      weighted: weight !== undefined,
      overall,
      byGroup: groups,
      gaps: thresholds.map((threshold, j) => ({
        threshold,
        ...pointGaps[j]!,
        interval: undefined,
      })),
      bootstrap: undefined,
      warnings,
    };
  }
  const replicates = netBenefitReplicates(columns, score, thresholds, partition, settings);
  const T = thresholds.length;
  const B = settings.nBoot;
  const interval = (stat: number, estimate: number) =>
    bootstrapInterval(
      replicates.subarray(stat * B, (stat + 1) * B),
      estimate,
      [settings.level],
      "percentile",
    );
  const withIntervals = (group: DecisionCurveGroup, slot: number): DecisionCurveGroup => ({
    ...group,
    intervals: group.atThresholds.map((p, j) => interval(slot * T + j, p.netBenefit)),
  });
  return {
    featureNames: columns.groups.featureNames,
    grid,
    thresholds,
    weighted: weight !== undefined,
    overall: withIntervals(overall, 0),
    byGroup: groups.map((g, i) => withIntervals(g, i + 1)),
    gaps: thresholds.map((threshold, j) => ({
      threshold,
      ...pointGaps[j]!,
      interval: interval((k + 1) * T + j, pointGaps[j]!.difference),
    })),
    bootstrap: {
      nBoot: B,
      seed: settings.seed,
      level: settings.level,
      resampling: weight === undefined ? "multinomial" : "rows",
      random: RANDOM_METHOD,
    },
    warnings,
  };
}

function gapOfValues(
  values: readonly number[],
  labels?: readonly string[],
): { difference: number; best: string; worst: string } {
  let best = -1;
  let worst = -1;
  values.forEach((v, g) => {
    if (Number.isNaN(v)) return;
    if (best < 0 || v > values[best]!) best = g;
    if (worst < 0 || v < values[worst]!) worst = g;
  });
  if (best < 0) return { difference: Number.NaN, best: "", worst: "" };
  const name = (g: number) => labels?.[g] ?? String(g);
  return { difference: values[best]! - values[worst]!, best: name(best), worst: name(worst) };
}

interface Settings {
  readonly nBoot: number;
  readonly seed: number;
  readonly level: number;
}

function resolve(options: NetBenefitBootstrapOptions): Settings {
  const nBoot = options.nBoot ?? 1000;
  const seed = options.seed ?? 0;
  const level = options.level ?? 0.95;
  if (!(Number.isInteger(nBoot) && nBoot >= 2)) {
    throw new RangeError(`decisionCurve: nBoot must be an integer >= 2, got ${nBoot}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`decisionCurve: level must be in (0, 1), got ${level}`);
  }
  return { nBoot, seed, level };
}

/**
 * Replicates, statistic-major: [overall × T, group 0 × T, …, group k−1 × T, gap × T], each a
 * run of nBoot values.
 */
function netBenefitReplicates(
  columns: Columns,
  score: Float64Array,
  thresholds: readonly number[],
  partition: { offsets: Uint32Array; rows: Uint32Array },
  settings: Settings,
): Float64Array {
  const { label, weight, group } = columns;
  const k = columns.groups.keys.length;
  const T = thresholds.length;
  const B = settings.nBoot;
  const cells = 2 * (T + 1);
  const m = (k + 2) * T;
  const rng: RandomSource = randomSource(settings.seed);
  // Each group's weighted counts per (bin, label) cell in a replicate, laid out group-major.
  const table = new Float64Array(k * cells);
  const values = new Float64Array(m);
  const statistic = () => {
    const totals = new Float64Array(cells);
    for (let g = 0; g < k; g++) {
      for (let c = 0; c < cells; c++) totals[c]! += table[g * cells + c] as number;
    }
    writeNetBenefit(totals, thresholds, values, 0);
    const groupValues = new Float64Array(k);
    for (let g = 0; g < k; g++) {
      writeNetBenefit(table.subarray(g * cells, (g + 1) * cells), thresholds, values, (g + 1) * T);
    }
    for (let j = 0; j < T; j++) {
      for (let g = 0; g < k; g++) groupValues[g] = values[(g + 1) * T + j] as number;
      values[(k + 1) * T + j] = gapOfValues(Array.from(groupValues)).difference;
    }
  };
  const out = new Float64Array(m * B);
  if (weight === undefined) {
    const counts = partitionCounts(label, score, thresholds, partition, k);
    for (let b = 0; b < B; b++) {
      for (let g = 0; g < k; g++) {
        const source = counts.subarray(g * cells, (g + 1) * cells);
        const target = table.subarray(g * cells, (g + 1) * cells);
        const size = partition.offsets[g + 1]! - partition.offsets[g]!;
        if (size > 0) rng.multinomial(size, source, target);
        else target.fill(0);
      }
      statistic();
      for (let s = 0; s < m; s++) out[s * B + b] = values[s] as number;
    }
    return out;
  }
  const slot = new Uint32Array(columns.n);
  for (let i = 0; i < columns.n; i++) {
    let bin = 0;
    while (bin < T && (thresholds[bin] as number) <= (score[i] as number)) bin++;
    slot[i] = (group[i] as number) * cells + 2 * bin + (label[i] as number);
  }
  return rowReplicates(
    group,
    k,
    (rows, into) => {
      table.fill(0);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i] as number;
        table[slot[r]!]! += weight[r] as number;
      }
      statistic();
      into.set(values);
    },
    m,
    { nBoot: B, rng, stratified: true },
  );
}

function partitionCounts(
  label: Uint8Array,
  score: Float64Array,
  thresholds: readonly number[],
  partition: { offsets: Uint32Array; rows: Uint32Array },
  k: number,
): Float64Array {
  const cells = 2 * (thresholds.length + 1);
  const out = new Float64Array(k * cells);
  for (let g = 0; g < k; g++) {
    const rows = partition.rows.subarray(partition.offsets[g], partition.offsets[g + 1]);
    out.set(binCounts(label, score, undefined, rows, thresholds).weighted, g * cells);
  }
  return out;
}

/** Writes NB at each threshold from one (bin, label) table into `out[offset + j]`. */
function writeNetBenefit(
  table: Float64Array,
  thresholds: readonly number[],
  out: Float64Array,
  offset: number,
): void {
  const T = thresholds.length;
  let total = 0;
  for (let c = 0; c < table.length; c++) total += table[c] as number;
  let tp = 0;
  let fp = 0;
  for (let j = T - 1; j >= 0; j--) {
    tp += table[2 * (j + 1) + 1] as number;
    fp += table[2 * (j + 1)] as number;
    out[offset + j] = netBenefitOfCounts(tp, fp, total, thresholds[j] as number);
  }
}
