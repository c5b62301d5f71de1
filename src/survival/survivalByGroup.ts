/**
 * survivalByGroup: discrimination and calibration of time-to-event risk predictions by group —
 * Harrell's C, Uno's C at a horizon, the cross-group concordance matrix, bootstrap intervals, and
 * observed (Kaplan–Meier) versus mean predicted risk at the horizon.
 */

import type { Level } from "../data/columns.js";
import { FairnessInputError, IssueCollector } from "../data/errors.js";
import type { FeatureInput, MissingGroupPolicy, NumberArray } from "../data/inputTypes.js";
import { groupLabel } from "../data/levels.js";
import { prepare } from "../data/prepare.js";
import { normalQuantile } from "../stats/distributions.js";
import { orderByScore } from "../stats/order.js";
import {
  type BootstrapEstimate,
  type BootstrapRecord,
  bootstrapInterval,
} from "../uncertainty/bootstrapInterval.js";
import { RANDOM_METHOD, randomSource } from "../uncertainty/random.js";
import { rowReplicates } from "../uncertainty/resample.js";
import { concordanceCounts, concordanceOf, denseRanks } from "./concordance.js";
import { kaplanMeierSorted, stepIndex } from "./kaplanMeier.js";

/** Time-to-event data with risk predictions. */
export interface SurvivalInput {
  /** Observed time of each row (event or censoring), finite and > 0. */
  readonly time: NumberArray;
  /** 1 when the event was observed at `time`, 0 when the row was censored. */
  readonly event: NumberArray | readonly boolean[];
  /** Predicted risk (higher = earlier event); a probability of the event by the horizon for calibration. */
  readonly risk: NumberArray;
  /** One sensitive feature, or a record of named features. */
  readonly sensitiveFeatures: FeatureInput;
  /** Non-negative sample weights. */
  readonly sampleWeight?: NumberArray;
  /** What to do with rows whose group value is missing. @defaultValue "error" */
  readonly missingGroup?: MissingGroupPolicy;
}

/** Options of {@link survivalByGroup}. */
export interface SurvivalOptions {
  /** Horizon τ of Uno's C and of calibration, in (0, last observed time]. @defaultValue the last event time */
  readonly horizon?: number;
  /** Bootstrap intervals; `false` skips them. @defaultValue {} */
  readonly bootstrap?: SurvivalBootstrapOptions | false;
}

/** Bootstrap settings of {@link survivalByGroup}. */
export interface SurvivalBootstrapOptions {
  /** Replicates. @defaultValue 200 */
  readonly nBoot?: number;
  /** Seed of the random source (an integer in [0, 2^32 − 1]). @defaultValue 0 */
  readonly seed?: number;
  /** Confidence level. @defaultValue 0.95 */
  readonly level?: number;
}

/** The gap of a concordance index between groups. */
export interface ConcordanceGap {
  /** Largest minus smallest group value (groups without comparable pairs skipped). */
  readonly difference: number;
  /** Bootstrap estimate of the difference (absent without bootstrap). */
  readonly interval: BootstrapEstimate | undefined;
}

/** Concordance of one set of pairs, with its bootstrap estimate. */
export interface Concordance {
  /** Harrell's C. */
  readonly harrell: number;
  /** Uno's IPCW C at the horizon. */
  readonly uno: number;
  /** Weighted comparable pairs (Harrell). */
  readonly comparablePairs: number;
  /** Bootstrap estimate of Harrell's C (absent without bootstrap). */
  readonly harrellInterval: BootstrapEstimate | undefined;
  /** Bootstrap estimate of Uno's C (absent without bootstrap). */
  readonly unoInterval: BootstrapEstimate | undefined;
}

/** Observed versus predicted risk at the horizon. */
export interface HorizonCalibration {
  /** 1 − S(τ), S the Kaplan–Meier estimate. */
  readonly observedRisk: number;
  /** Lower bound of the observed risk (log–log interval for S). */
  readonly lower: number;
  /** Upper bound of the observed risk. */
  readonly upper: number;
  /** Weighted mean predicted risk. */
  readonly predictedRisk: number;
  /** observedRisk / predictedRisk. */
  readonly observedExpected: number;
}

/** One group of {@link survivalByGroup}. */
export interface SurvivalGroup {
  /** One level per sensitive feature. */
  readonly key: readonly Level[];
  /** Levels joined with ", ". */
  readonly label: string;
  /** Rows. */
  readonly count: number;
  /** Weighted events. */
  readonly events: number;
  /** Concordance of pairs within the group. */
  readonly concordance: Concordance;
  /** Calibration at the horizon (absent when risks are not probabilities). */
  readonly calibration: HorizonCalibration | undefined;
}

/** A warning instead of a silent NaN. */
export interface SurvivalWarning {
  /** What happened. */
  readonly code: "noEvents" | "horizonBeyondGroup" | "notProbabilities";
  /** The group's label ("" for the whole input). */
  readonly group: string;
  /** A sentence. */
  readonly message: string;
}

/** Result of {@link survivalByGroup}. */
export interface SurvivalResult {
  /** Sensitive feature names. */
  readonly featureNames: readonly string[];
  /** The horizon τ. */
  readonly horizon: number;
  /** All rows. */
  readonly overall: SurvivalGroup;
  /** Each group, in level order. */
  readonly byGroup: readonly SurvivalGroup[];
  /**
   * Cross-group concordance: `matrix[a][b]` is the concordance over pairs whose earlier event
   * is in group a and whose later row is in group b (the diagonal is each group's own C).
   */
  readonly matrix: {
    /** Harrell's C by (a, b). */
    readonly harrell: readonly (readonly number[])[];
    /** Uno's C by (a, b). */
    readonly uno: readonly (readonly number[])[];
  };
  /** Largest minus smallest group Harrell's C, with interval. */
  readonly harrellGap: ConcordanceGap;
  /** Largest minus smallest group Uno's C, with interval. */
  readonly unoGap: ConcordanceGap;
  /** How the intervals were made, rows resampled within each group (absent without bootstrap). */
  readonly bootstrap: BootstrapRecord | undefined;
  /** Groups without events, horizons past a group's data, risks that are not probabilities. */
  readonly warnings: readonly SurvivalWarning[];
}

/**
 * Time-to-event discrimination and calibration by group.
 *
 * - Harrell's C: over comparable pairs (i has an event and t_i < t_j, or t_i = t_j with j
 *   censored), the share with risk_i > risk_j, ties in risk counting ½ (Harrell et al. 1982;
 *   scikit-survival's `concordance_index_censored`).
 * - Uno's C at τ: the same pairs restricted to t_i < τ, each weighted by G(t_i−)⁻², G the
 *   Kaplan–Meier estimate of the censoring survival (events precede censoring at tied times)
 *   (Uno et al. 2011).
 * - Cross-group matrix: C over pairs with the earlier event in group a and the later row in b.
 * - Calibration at τ: observed risk 1 − S(τ) (Kaplan–Meier of the group, S(t) = Π_{s ≤ t}
 *   (1 − d_s / n_s)) with the log–log interval S^exp(±z·σ), σ² = Σ d/(n(n − d)) / (log S)²
 *   (Greenwood; Kalbfleisch and Prentice), against the mean predicted risk.
 * - Bootstrap: rows resampled within each group (group sizes fixed), every statistic (censoring
 *   distribution included) recomputed per replicate; percentile intervals.
 *
 * Cost: O(n log n + n · k · log n) per evaluation, times (1 + nBoot).
 *
 * @throws FairnessInputError on times ≤ 0 or not finite, events not 0/1, non-finite risks, a
 * horizon ≤ 0 or beyond the last observed time
 * @example
 * const r = survivalByGroup(
 *   { time: [1, 2, 3, 4], event: [1, 1, 0, 1], risk: [0.9, 0.5, 0.4, 0.1], sensitiveFeatures: ["a", "a", "a", "a"] },
 *   { bootstrap: false },
 * );
 * r.overall.concordance.harrell; // => 1
 */
export function survivalByGroup(
  input: SurvivalInput,
  options: SurvivalOptions = {},
): SurvivalResult {
  const { time, event } = validateSurvival(input);
  const columns = prepare({
    yTrue: event,
    posLabel: 1,
    yScore: input.risk,
    scores: "margin",
    sensitiveFeatures: input.sensitiveFeatures,
    ...(input.sampleWeight === undefined ? {} : { sampleWeight: input.sampleWeight }),
    ...(input.missingGroup === undefined ? {} : { missingGroup: input.missingGroup }),
  });
  const source = columns.sourceRow;
  const n = columns.n;
  const t = source === undefined ? time : Float64Array.from(source, (r) => time[r] as number);
  const e = columns.label;
  const risk = columns.score as Float64Array;
  const weight = columns.weight ?? new Float64Array(n).fill(1);
  const k = columns.groups.keys.length;
  const order = orderByScore(t);
  let lastTime = 0;
  let lastEvent = 0;
  for (let i = 0; i < n; i++) {
    lastTime = Math.max(lastTime, t[i] as number);
    if (e[i] === 1 && weight[i]! > 0) lastEvent = Math.max(lastEvent, t[i] as number);
  }
  const horizon = options.horizon ?? (lastEvent > 0 ? lastEvent : lastTime);
  if (!(Number.isFinite(horizon) && horizon > 0 && horizon <= lastTime)) {
    throw new FairnessInputError([
      {
        code: "out_of_range",
        path: ["horizon"],
        message: `the horizon must be > 0 and at most the last observed time ${lastTime}, got ${horizon}`,
      },
    ]);
  }
  const ranks = denseRanks(risk);
  const warnings: SurvivalWarning[] = [];
  const probabilities = risk.every((r) => r >= 0 && r <= 1);
  if (!probabilities) {
    warnings.push({
      code: "notProbabilities",
      group: "",
      message: "risks are not all in [0, 1]: calibration at the horizon is not computed",
    });
  }
  const cells = (a: number) => Array.from({ length: k }, (_, b) => a * k + b);
  const allCells = Array.from({ length: k * k }, (_, c) => c);
  /** Statistics of one weighting: overall H, U; per group H, U; matrix H (k²), U (k²). */
  const statistics = (w: Float64Array, out: Float64Array) => {
    const c = concordanceCounts(t, e, ranks, columns.group, k, w, order, horizon);
    const harrell = (sel: number[]) => concordanceOf(c.concordant, c.tied, c.comparable, sel);
    const uno = (sel: number[]) => concordanceOf(c.unoConcordant, c.unoTied, c.unoComparable, sel);
    out[0] = harrell(allCells);
    out[1] = uno(allCells);
    for (let g = 0; g < k; g++) {
      out[2 + 2 * g] = harrell([g * k + g]);
      out[3 + 2 * g] = uno([g * k + g]);
    }
    for (let cell = 0; cell < k * k; cell++) {
      out[2 + 2 * k + cell] = harrell([cell]);
      out[2 + 2 * k + k * k + cell] = uno([cell]);
    }
    return c;
  };
  const m = 2 + 2 * k + 2 * k * k;
  const estimates = new Float64Array(m);
  const counts = statistics(weight, estimates);
  const settings = options.bootstrap === false ? undefined : resolve(options.bootstrap ?? {});
  let intervalOf: (stat: number) => BootstrapEstimate | undefined = () => undefined;
  let gapInterval: (offset: number, estimate: number) => BootstrapEstimate | undefined = () =>
    undefined;
  if (settings !== undefined) {
    const multiplicity = new Float64Array(n);
    const replicates = rowReplicates(
      columns.group,
      k,
      (rows, into) => {
        multiplicity.fill(0);
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i] as number;
          multiplicity[r]! += weight[r] as number;
        }
        statistics(multiplicity, into);
      },
      m,
      { nBoot: settings.nBoot, rng: randomSource(settings.seed), stratified: true },
    );
    const B = settings.nBoot;
    const run = (stat: number) => replicates.subarray(stat * B, (stat + 1) * B);
    intervalOf = (stat) =>
      bootstrapInterval(run(stat), estimates[stat] as number, [settings.level], "percentile");
    gapInterval = (offset, estimate) => {
      const gaps = new Float64Array(B);
      for (let b = 0; b < B; b++) {
        gaps[b] = spread(Array.from({ length: k }, (_, g) => run(offset + 2 * g)[b] as number));
      }
      return bootstrapInterval(gaps, estimate, [settings.level], "percentile");
    };
  }
  const z = normalQuantile(1 - (1 - (settings?.level ?? 0.95)) / 2);
  const describe = (
    key: readonly Level[],
    rows: number[],
    harrellStat: number,
    unoStat: number,
    pairCells: number[],
  ): SurvivalGroup => {
    const name = key.length === 0 ? "overall" : groupLabel(key);
    let events = 0;
    for (const r of rows) if (e[r] === 1) events += weight[r] as number;
    if (rows.length > 0 && events === 0) {
      warnings.push({
        code: "noEvents",
        group: name,
        message: `group ${name} has no events: its concordance is undefined (NaN) and its observed risk is 0`,
      });
    }
    let calibration: HorizonCalibration | undefined;
    if (probabilities && rows.length > 0) {
      calibration = horizonCalibration(t, e, risk, weight, Uint32Array.from(rows), horizon, z);
      let last = 0;
      for (const r of rows) last = Math.max(last, t[r] as number);
      if (horizon > last) {
        warnings.push({
          code: "horizonBeyondGroup",
          group: name,
          message: `group ${name} has no rows observed past ${last}: its Kaplan–Meier risk at the horizon ${horizon} is carried forward from ${last}`,
        });
      }
    }
    let comparablePairs = 0;
    for (const cell of pairCells) comparablePairs += counts.comparable[cell] as number;
    return {
      key,
      label: name,
      count: rows.length,
      events,
      concordance: {
        harrell: estimates[harrellStat] as number,
        uno: estimates[unoStat] as number,
        comparablePairs,
        harrellInterval: intervalOf(harrellStat),
        unoInterval: intervalOf(unoStat),
      },
      calibration,
    };
  };
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) members[columns.group[i] as number]!.push(i);
  const overall = describe(
    [],
    Array.from({ length: n }, (_, i) => i),
    0,
    1,
    allCells,
  );
  const byGroup = columns.groups.keys.map((key, g) =>
    describe(key, members[g]!, 2 + 2 * g, 3 + 2 * g, [g * k + g]),
  );
  const matrix = (offset: number) =>
    Array.from({ length: k }, (_, a) => cells(a).map((cell) => estimates[offset + cell] as number));
  const harrellDifference = spread(byGroup.map((g) => g.concordance.harrell));
  const unoDifference = spread(byGroup.map((g) => g.concordance.uno));
  return {
    featureNames: columns.groups.featureNames,
    horizon,
    overall,
    byGroup,
    matrix: { harrell: matrix(2 + 2 * k), uno: matrix(2 + 2 * k + k * k) },
    harrellGap: { difference: harrellDifference, interval: gapInterval(2, harrellDifference) },
    unoGap: { difference: unoDifference, interval: gapInterval(3, unoDifference) },
    bootstrap: settings === undefined ? undefined : { ...settings, random: RANDOM_METHOD },
    warnings,
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

function resolve(options: SurvivalBootstrapOptions) {
  const nBoot = options.nBoot ?? 200;
  const seed = options.seed ?? 0;
  const level = options.level ?? 0.95;
  if (!(Number.isInteger(nBoot) && nBoot >= 2)) {
    throw new RangeError(`survivalByGroup: nBoot must be an integer >= 2, got ${nBoot}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`survivalByGroup: level must be in (0, 1), got ${level}`);
  }
  return { nBoot, seed, level };
}

function horizonCalibration(
  time: Float64Array,
  event: Uint8Array,
  risk: Float64Array,
  weight: Float64Array,
  rows: Uint32Array,
  horizon: number,
  z: number,
): HorizonCalibration {
  const sub = Float64Array.from(rows, (r) => time[r] as number);
  const order = Uint32Array.from(orderByScore(sub), (i) => rows[i] as number);
  const km = kaplanMeierSorted(time, event, weight, order);
  const step = stepIndex(km, horizon);
  const s = step < 0 ? 1 : (km.survival[step] as number);
  const greenwood = step < 0 ? 0 : (km.greenwood[step] as number);
  let total = 0;
  let predicted = 0;
  for (const r of rows) {
    total += weight[r] as number;
    predicted += (weight[r] as number) * (risk[r] as number);
  }
  const meanRisk = predicted / total;
  // log–log interval for S; undefined when S is 0 or 1 (no spread to transform).
  let lower = Number.NaN;
  let upper = Number.NaN;
  if (s > 0 && s < 1 && Number.isFinite(greenwood)) {
    const sigma = Math.sqrt(greenwood) / Math.abs(Math.log(s));
    const sLow = s ** Math.exp(z * sigma);
    const sHigh = s ** Math.exp(-z * sigma);
    lower = 1 - sHigh;
    upper = 1 - sLow;
  }
  return {
    observedRisk: 1 - s,
    lower,
    upper,
    predictedRisk: meanRisk,
    observedExpected: (1 - s) / meanRisk,
  };
}

/** Checks time (finite, > 0) and event (0/1 or booleans), every problem at once. */
function validateSurvival(input: SurvivalInput): { time: Float64Array; event: Uint8Array } {
  const issues = new IssueCollector();
  const n = input.time.length;
  if (n === 0) issues.add("empty_input", ["time"], "time has no rows; at least one is needed");
  for (const [field, column] of [
    ["event", input.event],
    ["risk", input.risk],
  ] as const) {
    if (column.length !== n) {
      issues.add("length_mismatch", [field], `${field} has ${column.length} rows, time has ${n}`);
    }
  }
  issues.throwIfAny();
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = input.time[i];
    if (typeof t !== "number" || !Number.isFinite(t)) {
      issues.add("not_finite", ["time", i], `expected a finite time, got ${String(t)}`);
    } else if (t <= 0) {
      issues.add("out_of_range", ["time", i], `expected a time > 0, got ${t}`);
    }
    time[i] = t as number;
    const d = input.event[i];
    if (d === 1 || d === true) event[i] = 1;
    else if (d !== 0 && d !== false) {
      issues.add("not_binary", ["event", i], `expected 0 or 1 (or a boolean), got ${String(d)}`);
    }
  }
  issues.throwIfAny();
  return { time, event };
}
