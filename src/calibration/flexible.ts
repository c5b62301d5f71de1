/**
 * Flexible calibration: the smooth (lowess) calibration curve of observed outcomes on predicted
 * probabilities, and the integrated calibration index with its quantiles (Austin and Steyerberg,
 * Stat Med 38:4051–4065, 2019), per group, with bootstrap bands and intervals.
 */
import type { Columns, Level } from "../data/columns.js";
import { FairnessInputError } from "../data/errors.js";
import type { FairnessInput } from "../data/inputTypes.js";
import { groupLabel } from "../data/levels.js";
import { prepare } from "../data/prepare.js";
import { type BinaryLabels, validateProbabilities } from "../metrics/calibration/validate.js";
import { orderByScore } from "../stats/order.js";
import { partitionRows, take } from "../stats/partition.js";
import { neumaierSum } from "../stats/summation.js";
import {
  type BootstrapEstimate,
  type BootstrapRecord,
  bootstrapInterval,
} from "../uncertainty/bootstrapInterval.js";
import { quantileSorted } from "../uncertainty/quantile.js";
import { RANDOM_METHOD, type RandomSource, randomSource } from "../uncertainty/random.js";
import { lowessAt, lowessFit, type SortedRows, windowSize } from "./lowess.js";

/** The four summaries of |p − p_c|, by name. */
export const CALIBRATION_ERROR_SUMMARIES = ["ici", "e50", "e90", "emax"] as const;

/** One of {@link CALIBRATION_ERROR_SUMMARIES}. */
export type CalibrationErrorSummary = (typeof CALIBRATION_ERROR_SUMMARIES)[number];

/** Options of the flexible calibration functions. */
export interface FlexibleCalibrationOptions {
  /** Share of the rows in each local fit (statsmodels' `frac`). @defaultValue 2/3 */
  readonly frac?: number;
  /** Points of the smooth curve (equally spaced from the smallest to the largest p). @defaultValue 50 */
  readonly gridPoints?: number;
  /** Bootstrap band and intervals; `false` skips them. @defaultValue {} */
  readonly bootstrap?: FlexibleBootstrapOptions | false;
}

/** Bootstrap settings of the flexible calibration. */
export interface FlexibleBootstrapOptions {
  /** Replicates. @defaultValue 200 */
  readonly nBoot?: number;
  /** Seed of the random source (an integer in [0, 2^32 − 1]). @defaultValue 0 */
  readonly seed?: number;
  /** Confidence level of the band and the intervals. @defaultValue 0.95 */
  readonly level?: number;
}

/** |p − p_c| summarized: mean (ICI), median (E50), 90th percentile (E90) and maximum (Emax). */
export interface CalibrationErrors {
  /** Integrated calibration index: (weighted) mean |p − p_c|. */
  readonly ici: number;
  /** Median |p − p_c|. */
  readonly e50: number;
  /** 90th percentile of |p − p_c|. */
  readonly e90: number;
  /** Largest |p − p_c|. */
  readonly emax: number;
}

/** {@link lowessCalibration}'s result: the summaries and the fit at every row. */
export interface LowessCalibration extends CalibrationErrors {
  /** p_c: the lowess fit at each row's p, in the rows' order. */
  readonly fitted: Float64Array;
}

/** The smooth calibration curve on a grid, with its pointwise bootstrap band. */
export interface SmoothCurve {
  /** Predicted probabilities (grid). */
  readonly predicted: readonly number[];
  /** Smoothed observed outcome rate at each grid point. */
  readonly observed: readonly number[];
  /** Lower band (NaN without bootstrap). */
  readonly lower: readonly number[];
  /** Upper band (NaN without bootstrap). */
  readonly upper: readonly number[];
  /**
   * Half-width of the simultaneous band at each grid point: c · sd_g, with sd_g the bootstrap
   * standard deviation of the curve at point g and c the `level` quantile over replicates of
   * max_g |curve_b(g) − curve(g)| / sd_g, so the whole curve lies within observed ± halfWidth
   * with the confidence level (NaN without bootstrap).
   */
  readonly simultaneousHalfWidth: readonly number[];
}

/** Flexible calibration of one set of rows. */
export interface FlexibleCalibrationSummary extends CalibrationErrors {
  /** Rows (unweighted). */
  readonly count: number;
  /** Rows in each local fit. */
  readonly window: number;
  /** The smooth curve. */
  readonly curve: SmoothCurve;
  /** Bootstrap estimates of ICI, E50, E90, Emax (absent without bootstrap). */
  readonly intervals: Readonly<Record<CalibrationErrorSummary, BootstrapEstimate>> | undefined;
}

/** One group of {@link flexibleCalibrationByGroup}. */
export interface FlexibleCalibrationGroup {
  /** One level per sensitive feature. */
  readonly key: readonly Level[];
  /** Levels joined with ", ". */
  readonly label: string;
  /** Rows. */
  readonly count: number;
  /** The group's flexible calibration; undefined for an empty group. */
  readonly summary: FlexibleCalibrationSummary | undefined;
}

/** A gap between groups of one summary. */
export interface CalibrationErrorGap {
  /** Largest minus smallest group value. */
  readonly difference: number;
  /** Bootstrap estimate of the difference (absent without bootstrap). */
  readonly interval: BootstrapEstimate | undefined;
}

/** Result of {@link flexibleCalibrationByGroup}. */
export interface FlexibleCalibrationResult {
  /** Sensitive feature names. */
  readonly featureNames: readonly string[];
  /** All rows. */
  readonly overall: FlexibleCalibrationSummary;
  /** Each group, in level order. */
  readonly byGroup: readonly FlexibleCalibrationGroup[];
  /** Differences between groups (max − min) of ICI, E50, E90 and Emax. */
  readonly gaps: Readonly<Record<CalibrationErrorSummary, CalibrationErrorGap>>;
  /** How the bands and intervals were made (absent without bootstrap). */
  readonly bootstrap: BootstrapRecord | undefined;
}

/**
 * The lowess calibration curve at every row and the summaries of |p − p_c|: p_c is statsmodels'
 * `lowess(y, p, frac, it=0, delta=0)` fit at p (see `lowessAt` in the module for the window
 * and weights); ICI = mean |p − p_c|, E50 = median, E90 = 90th percentile (linear interpolation,
 * numpy's default), Emax = max (Austin and Steyerberg 2019). With `sampleWeight` the weights
 * multiply the tricube weights of each local fit, ICI is the weighted mean and E50/E90 are
 * weighted quantiles (the smallest |p − p_c| whose cumulative weight reaches q).
 *
 * Cost: O(d · k + n log n): d distinct probabilities, k = frac · n rows per local fit.
 *
 * @throws FairnessInputError on non-binary labels, probabilities outside [0, 1] or bad weights
 * @example
 * lowessCalibration([0, 0, 1, 1], [0, 0, 1, 1]).ici; // => 0
 */
export function lowessCalibration(
  yTrue: BinaryLabels,
  yProb: ArrayLike<number>,
  options: { readonly frac?: number; readonly sampleWeight?: ArrayLike<number> } = {},
): LowessCalibration {
  const frac = checkFrac("lowessCalibration", options.frac ?? 2 / 3);
  const c = validateProbabilities(yTrue, yProb, options.sampleWeight);
  const y = Float64Array.from(c.label);
  const fitted = lowessFit(c.score, y, c.weight, orderByScore(c.score), frac);
  return { ...calibrationErrors(c.score, fitted, c.weight), fitted };
}

/**
 * ICI, E50, E90 and Emax of |p − p_c|. Cost O(n log n).
 *
 * @example
 * calibrationErrors(Float64Array.of(0.1, 0.2), Float64Array.of(0.1, 0.4), undefined).ici; // => 0.1
 */
export function calibrationErrors(
  p: Float64Array,
  fitted: Float64Array,
  weight: Float64Array | undefined,
): CalibrationErrors {
  const n = p.length;
  const error = new Float64Array(n);
  for (let i = 0; i < n; i++) error[i] = Math.abs((p[i] as number) - (fitted[i] as number));
  if (weight === undefined) {
    const sorted = Float64Array.from(error).sort();
    return {
      ici: neumaierSum(error) / n,
      e50: quantileSorted(sorted, 0.5),
      e90: quantileSorted(sorted, 0.9),
      emax: sorted[n - 1] ?? Number.NaN,
    };
  }
  const weighted = Float64Array.from(error, (e, i) => e * (weight[i] as number));
  const total = neumaierSum(weight);
  const order = orderByScore(error);
  const at = (q: number) => {
    let cumulative = 0;
    for (let i = 0; i < n; i++) {
      const r = order[i] as number;
      cumulative += weight[r] as number;
      if (cumulative >= q * total) return error[r] as number;
    }
    return error[order[n - 1] as number] as number;
  };
  let emax = 0;
  for (let i = 0; i < n; i++) if ((weight[i] as number) > 0) emax = Math.max(emax, error[i]!);
  return { ici: neumaierSum(weighted) / total, e50: at(0.5), e90: at(0.9), emax };
}

/**
 * Flexible calibration by group: for the overall rows and each group, the lowess calibration
 * curve (statsmodels `lowess`, `frac` = 2/3, no robustness iterations) and ICI, E50, E90, Emax
 * ({@link lowessCalibration}); the smooth curve on `gridPoints` equally spaced probabilities;
 * and with bootstrap, a pointwise percentile band for the curve, intervals for the four
 * summaries and for their differences between groups (max − min).
 *
 * Bootstrap: rows are resampled within each group (group sizes fixed). Each replicate fits the
 * lowess curve at the grid points only and reads p_c at a row by linear interpolation between
 * them, so a replicate costs O(gridPoints · k + n) instead of a full refit; the point estimates
 * are the exact per-row fit.
 *
 * Cost: O(d · k) per group for the estimates, plus O(B · (gridPoints · k + n)) for B replicates.
 *
 * @throws FairnessInputError when `yScore` is missing or not probabilities
 * @example
 * const r = flexibleCalibrationByGroup(
 *   { yTrue: [0, 0, 1, 1, 0, 0, 1, 1], yScore: [0, 0, 1, 1, 0, 0, 1, 1], sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b"] },
 *   { bootstrap: false },
 * );
 * r.byGroup.map((g) => g.summary?.ici); // => [0, 0]
 */
export function flexibleCalibrationByGroup(
  input: FairnessInput,
  options: FlexibleCalibrationOptions = {},
): FlexibleCalibrationResult {
  return flexibleCalibrationOfColumns(prepare(input), options);
}

/** {@link flexibleCalibrationByGroup} on prepared columns. */
export function flexibleCalibrationOfColumns(
  columns: Columns,
  options: FlexibleCalibrationOptions = {},
): FlexibleCalibrationResult {
  const fn = "flexibleCalibrationByGroup";
  const frac = checkFrac(fn, options.frac ?? 2 / 3);
  const gridPoints = options.gridPoints ?? 50;
  if (!(Number.isInteger(gridPoints) && gridPoints >= 2)) {
    throw new RangeError(`${fn}: gridPoints must be an integer >= 2, got ${gridPoints}`);
  }
  const score = columns.score;
  if (score === undefined || columns.scoreKind === "margin") {
    throw new FairnessInputError([
      {
        code: "missing_field",
        path: ["yScore"],
        message: "flexible calibration needs predicted probabilities in yScore",
      },
    ]);
  }
  const settings = options.bootstrap === false ? undefined : resolve(fn, options.bootstrap ?? {});
  const rng = settings === undefined ? undefined : randomSource(settings.seed);
  const k = columns.groups.keys.length;
  const partition = partitionRows(columns.group, k);
  const y = Float64Array.from(columns.label);
  const summarize = (rows: Uint32Array) => {
    const p = take(score, rows);
    const yy = take(y, rows);
    const w = columns.weight === undefined ? undefined : take(columns.weight, rows);
    return summaryOf(p, yy, w, frac, gridPoints, settings, rng?.split());
  };
  const overall = summarize(Uint32Array.from({ length: columns.n }, (_, i) => i));
  const groups = columns.groups.keys.map((key, g) => {
    const rows = partition.rows.subarray(partition.offsets[g], partition.offsets[g + 1]);
    return {
      key,
      label: groupLabel(key),
      count: rows.length,
      summary: rows.length === 0 ? undefined : summarize(rows),
    };
  });
  const gaps = Object.fromEntries(
    CALIBRATION_ERROR_SUMMARIES.map((name) => {
      const values = groups.map((g) => g.summary?.[name] ?? Number.NaN);
      const difference = spread(values);
      if (settings === undefined) return [name, { difference, interval: undefined }];
      const replicates = new Float64Array(settings.nBoot);
      for (let b = 0; b < settings.nBoot; b++) {
        replicates[b] = spread(groups.map((g) => g.summary?.replicates[name][b] ?? Number.NaN));
      }
      return [
        name,
        {
          difference,
          interval: bootstrapInterval(replicates, difference, [settings.level], "percentile"),
        },
      ];
    }),
  ) as Record<CalibrationErrorSummary, CalibrationErrorGap>;
  const strip = (s: Summary): FlexibleCalibrationSummary => {
    const { replicates: _, ...rest } = s;
    return rest;
  };
  return {
    featureNames: columns.groups.featureNames,
    overall: strip(overall),
    byGroup: groups.map((g) => ({ ...g, summary: g.summary && strip(g.summary) })),
    gaps,
    bootstrap:
      settings === undefined
        ? undefined
        : {
            nBoot: settings.nBoot,
            seed: settings.seed,
            level: settings.level,
            random: RANDOM_METHOD,
          },
  };
}

function spread(values: readonly number[]): number {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return hi >= lo ? hi - lo : Number.NaN;
}

interface Settings {
  readonly nBoot: number;
  readonly seed: number;
  readonly level: number;
}

type Summary = FlexibleCalibrationSummary & {
  readonly replicates: Record<CalibrationErrorSummary, Float64Array>;
};

function resolve(fn: string, options: FlexibleBootstrapOptions): Settings {
  const nBoot = options.nBoot ?? 200;
  const seed = options.seed ?? 0;
  const level = options.level ?? 0.95;
  if (!(Number.isInteger(nBoot) && nBoot >= 2)) {
    throw new RangeError(`${fn}: nBoot must be an integer >= 2, got ${nBoot}`);
  }
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffff_ffff)) {
    throw new RangeError(`${fn}: seed must be an integer in [0, 2^32 - 1], got ${seed}`);
  }
  if (!(level > 0 && level < 1))
    throw new RangeError(`${fn}: level must be in (0, 1), got ${level}`);
  return { nBoot, seed, level };
}

function checkFrac(fn: string, frac: number): number {
  if (!(frac > 0 && frac <= 1)) throw new RangeError(`${fn}: frac must be in (0, 1], got ${frac}`);
  return frac;
}

/** Linear interpolation of the grid values at x (constant beyond the ends). */
function interpolate(grid: Float64Array, values: Float64Array, x: number): number {
  const g = grid.length;
  if (x <= (grid[0] as number)) return values[0] as number;
  if (x >= (grid[g - 1] as number)) return values[g - 1] as number;
  const step = ((grid[g - 1] as number) - (grid[0] as number)) / (g - 1);
  const i = Math.min(g - 2, Math.floor((x - (grid[0] as number)) / step));
  const t = (x - (grid[i] as number)) / ((grid[i + 1] as number) - (grid[i] as number));
  return (values[i] as number) + t * ((values[i + 1] as number) - (values[i] as number));
}

function summaryOf(
  p: Float64Array,
  y: Float64Array,
  w: Float64Array | undefined,
  frac: number,
  gridPoints: number,
  settings: Settings | undefined,
  rng: RandomSource | undefined,
): Summary {
  const n = p.length;
  const order = orderByScore(p);
  const fitted = lowessFit(p, y, w, order, frac);
  const errors = calibrationErrors(p, fitted, w);
  const sorted: SortedRows = {
    x: Float64Array.from(order, (r) => p[r] as number),
    y: Float64Array.from(order, (r) => y[r] as number),
    w: w === undefined ? undefined : Float64Array.from(order, (r) => w[r] as number),
  };
  const lo = sorted.x[0] as number;
  const hi = sorted.x[n - 1] as number;
  const grid = Float64Array.from({ length: gridPoints }, (_, i) =>
    i === gridPoints - 1 ? hi : lo + ((hi - lo) * i) / (gridPoints - 1),
  );
  const window = windowSize(frac, n);
  const observed =
    n < 2 ? grid.map(() => Number.NaN) : lowessAt(sorted, window, grid, () => Number.NaN);
  const empty = {
    ici: new Float64Array(0),
    e50: new Float64Array(0),
    e90: new Float64Array(0),
    emax: new Float64Array(0),
  };
  const summary = (
    lower: readonly number[],
    upper: readonly number[],
    halfWidth: readonly number[],
    intervals: Summary["intervals"],
    replicates: Summary["replicates"],
  ): Summary => ({
    count: n,
    window,
    ...errors,
    curve: {
      predicted: Array.from(grid),
      observed: Array.from(observed),
      lower,
      upper,
      simultaneousHalfWidth: halfWidth,
    },
    intervals,
    replicates,
  });
  if (settings === undefined || rng === undefined || n < 2) {
    const nan = Array.from(grid, () => Number.NaN);
    return summary(nan, nan, nan, undefined, empty);
  }
  const B = settings.nBoot;
  const bands = new Float64Array(gridPoints * B);
  const replicates = {
    ici: new Float64Array(B),
    e50: new Float64Array(B),
    e90: new Float64Array(B),
    emax: new Float64Array(B),
  };
  const multiplicity = new Uint32Array(n);
  const rx = new Float64Array(n);
  const ry = new Float64Array(n);
  const rw = w === undefined ? undefined : new Float64Array(n);
  const fittedAtRows = new Float64Array(n);
  for (let b = 0; b < B; b++) {
    multiplicity.fill(0);
    for (let i = 0; i < n; i++) multiplicity[rng.integer(0, n - 1)]! += 1;
    // Drawn positions in ascending order keep the replicate sorted by p.
    let j = 0;
    for (let i = 0; i < n; i++) {
      for (let c = multiplicity[i] as number; c > 0; c--) {
        rx[j] = sorted.x[i] as number;
        ry[j] = sorted.y[i] as number;
        if (rw !== undefined) rw[j] = sorted.w![i] as number;
        j++;
      }
    }
    const curve = lowessAt({ x: rx, y: ry, w: rw }, window, grid, () => Number.NaN);
    for (let g = 0; g < gridPoints; g++) bands[g * B + b] = curve[g] as number;
    for (let i = 0; i < n; i++) fittedAtRows[i] = interpolate(grid, curve, rx[i] as number);
    const e = calibrationErrors(rx, fittedAtRows, rw);
    replicates.ici[b] = e.ici;
    replicates.e50[b] = e.e50;
    replicates.e90[b] = e.e90;
    replicates.emax[b] = e.emax;
  }
  const lower: number[] = [];
  const upper: number[] = [];
  for (let g = 0; g < gridPoints; g++) {
    const band = bootstrapInterval(
      bands.subarray(g * B, (g + 1) * B),
      observed[g] as number,
      [settings.level],
      "percentile",
    ).intervals[0]!;
    lower.push(band.lower);
    upper.push(band.upper);
  }
  const halfWidth = simultaneousHalfWidth(bands, observed, B, settings.level);
  const intervals = Object.fromEntries(
    CALIBRATION_ERROR_SUMMARIES.map((name) => [
      name,
      bootstrapInterval(replicates[name], errors[name], [settings.level], "percentile"),
    ]),
  ) as Record<CalibrationErrorSummary, BootstrapEstimate>;
  return summary(lower, upper, halfWidth, intervals, replicates);
}

/** The simultaneous band's half-width per grid point (see `SmoothCurve.simultaneousHalfWidth`). */
function simultaneousHalfWidth(
  bands: Float64Array,
  observed: Float64Array,
  B: number,
  level: number,
): number[] {
  const G = observed.length;
  const sd = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    let count = 0;
    let mean = 0;
    for (let b = 0; b < B; b++) {
      const v = bands[g * B + b] as number;
      if (Number.isNaN(v)) continue;
      count++;
      mean += (v - mean) / count;
    }
    let ss = 0;
    for (let b = 0; b < B; b++) {
      const v = bands[g * B + b] as number;
      if (!Number.isNaN(v)) ss += (v - mean) ** 2;
    }
    sd[g] = count > 1 ? Math.sqrt(ss / (count - 1)) : Number.NaN;
  }
  const maxima = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    let m = 0;
    for (let g = 0; g < G; g++) {
      const s = sd[g] as number;
      if (!(s > 0)) continue;
      m = Math.max(m, Math.abs((bands[g * B + b] as number) - (observed[g] as number)) / s);
    }
    maxima[b] = m;
  }
  const c = quantileSorted(maxima.sort(), level);
  return Array.from(sd, (s) => c * s);
}
