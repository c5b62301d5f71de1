/**
 * Streaming evaluation: accumulators of the sufficient statistics (confusion counts,
 * calibration histograms, binned ROC histograms, online Poisson-bootstrap replicates) that take
 * data batch by batch, merge across batches and worker threads, and finish with the same metric
 * code as in-memory data.
 */
import type { GroupIndex, Level } from "../data/columns.js";
import { FairnessInputError } from "../data/errors.js";
import type { FairnessInput, LabelValue, ThresholdComparison } from "../data/inputTypes.js";
import { groupLabel } from "../data/levels.js";
import { prepare } from "../data/prepare.js";
import { unknownKeyIssues } from "../data/unknownKeys.js";
import { type GroupMetricsOptions, groupMetricsOfConfusion } from "../frame/groupMetrics.js";
import type { GroupMetricsResult } from "../frame/result.js";
import { rocAucOfBlocks } from "../metrics/ranking.js";
import { type ConfusionStats, countConfusion } from "../stats/confusion.js";
import { addCompensated, neumaierSum } from "../stats/summation.js";
import { type RandomSource, randomSource, randomSourceFromState } from "../uncertainty/random.js";
import { type DeclaredGroups, declaredIndex, mapBatchGroups } from "./groups.js";

/** A slice of rows: the fields of {@link FairnessInput} that carry data. */
export type AccumulatorBatch = Pick<
  FairnessInput,
  "yTrue" | "yPred" | "yScore" | "sensitiveFeatures" | "sampleWeight"
>;

/** The keys a batch may carry (every option belongs to the accumulator). */
const BATCH_KEYS: readonly string[] = Object.keys({
  yTrue: true,
  yPred: true,
  yScore: true,
  sensitiveFeatures: true,
  sampleWeight: true,
} satisfies Record<keyof AccumulatorBatch, true>);

/** Options of {@link createAccumulator}; fixed for the accumulator's life and checked on merge. */
export interface AccumulatorOptions {
  /**
   * Every level of every sensitive feature, declared up front (an array for one unnamed
   * feature, a record for named features). A batch row with an undeclared level is an error;
   * declared levels without rows are reported with count 0.
   */
  readonly groups: DeclaredGroups;
  /** Whether batches carry `sampleWeight` (every batch must then have it). @defaultValue false */
  readonly weighted?: boolean;
  /** The positive label, as in {@link FairnessInput}. */
  readonly posLabel?: LabelValue;
  /** Threshold turning `yScore` into predictions when `yPred` is absent. @defaultValue 0.5 */
  readonly threshold?: number;
  /** How scores are compared with the threshold. @defaultValue ">=" */
  readonly thresholdRule?: ThresholdComparison;
  /** Equal-width bins on [0, 1] of the calibration histogram; 0 for none. @defaultValue 0 */
  readonly calibrationBins?: number;
  /** Equal-width bins on [0, 1] of the per-class score histogram (binned ROC); 0 for none. @defaultValue 0 */
  readonly rocBins?: number;
  /** Online Poisson bootstrap of the confusion counts. */
  readonly bootstrap?: {
    /** Number of replicates. */
    readonly replicates: number;
    /** Seed of the bootstrap's random draws. */
    readonly seed: number;
    /**
     * Independent random stream (the generator jumped this many times): give each worker its
     * own, so their replicates do not share draws. @defaultValue 0
     */
    readonly stream?: number;
  };
}

/** The resolved options, stored in the state. */
export interface AccumulatorConfig {
  /** Sensitive feature names. */
  readonly featureNames: readonly string[];
  /** Each feature's declared levels, in sorted order. */
  readonly levels: readonly (readonly Level[])[];
  /** Whether batches carry sample weights. */
  readonly weighted: boolean;
  /** The positive label (undefined: the default rule). */
  readonly posLabel: LabelValue | undefined;
  /** Threshold turning scores into predictions. */
  readonly threshold: number;
  /** How scores are compared with the threshold. */
  readonly thresholdRule: ThresholdComparison;
  /** Bins of the calibration histogram (0: none). */
  readonly calibrationBins: number;
  /** Bins of the per-class score histogram (0: none). */
  readonly rocBins: number;
  /** Bootstrap replicates (0: none). */
  readonly replicates: number;
  /** Seed of the bootstrap's random draws. */
  readonly seed: number;
  /** The bootstrap's random stream. */
  readonly stream: number;
}

/**
 * The whole state as plain typed arrays (structured-cloneable, so `postMessage` can send it
 * between worker threads, its buffers transferable). Compensated sums are kept as pairs
 * (running sum, compensation).
 */
export interface AccumulatorState<A = Float64Array> {
  /** State format version. */
  readonly version: 1;
  /** The resolved options (equal configurations are required to merge). */
  readonly config: AccumulatorConfig;
  /** Rows seen. */
  readonly rows: number;
  /** `counts[4g + 2·label + pred]`: unweighted confusion counts. */
  readonly counts: A;
  /** Weighted confusion counts (empty when unweighted). */
  readonly weightSum: A;
  /** Compensation part of `weightSum`. */
  readonly weightComp: A;
  /** `calibration[4(g·bins + b) + s]`, s = weight, Σ w·y, Σ w·p, Σ w·p². */
  readonly calibration: A;
  /** Compensation part of `calibration`. */
  readonly calibrationComp: A;
  /** `roc[2(g·bins + b) + y]`: weight of class y in score bin b. */
  readonly roc: A;
  /** Compensation part of `roc`. */
  readonly rocComp: A;
  /** `bootstrap[4(i·groups + g) + cell]`: replicate i's confusion counts. */
  readonly bootstrap: A;
  /** The bootstrap generator's state (pure-rand xoroshiro128plus). */
  readonly rng: readonly number[];
}

/** One group's calibration histogram (weighted sums per bin). */
export interface CalibrationHistogram {
  /** Group label. */
  readonly label: string;
  /** Σ w per bin. */
  readonly weight: Float64Array;
  /** Σ w·y per bin. */
  readonly sumLabel: Float64Array;
  /** Σ w·p per bin. */
  readonly sumScore: Float64Array;
  /** Σ w·p² per bin. */
  readonly sumScoreSquared: Float64Array;
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 0) {
    throw new RangeError(`createAccumulator: ${name} must be a non-negative integer, got ${v}`);
  }
  return v;
}

function resolveConfig(options: AccumulatorOptions): AccumulatorConfig {
  const index = declaredIndex(options.groups);
  const threshold = options.threshold ?? 0.5;
  if (!Number.isFinite(threshold))
    throw new RangeError("createAccumulator: threshold must be finite");
  const rule = options.thresholdRule ?? ">=";
  if (rule !== ">=" && rule !== ">") {
    throw new RangeError(`createAccumulator: thresholdRule must be ">=" or ">"`);
  }
  const replicates = positiveInteger(options.bootstrap?.replicates, 0, "bootstrap.replicates");
  const seed = options.bootstrap?.seed ?? 0;
  if (!Number.isInteger(seed))
    throw new RangeError("createAccumulator: bootstrap.seed must be an integer");
  return {
    featureNames: index.featureNames,
    levels: index.levels,
    weighted: options.weighted ?? false,
    posLabel: options.posLabel,
    threshold,
    thresholdRule: rule,
    calibrationBins: positiveInteger(options.calibrationBins, 0, "calibrationBins"),
    rocBins: positiveInteger(options.rocBins, 0, "rocBins"),
    replicates,
    seed,
    stream: positiveInteger(options.bootstrap?.stream, 0, "bootstrap.stream"),
  };
}

function groupIndexOf(config: AccumulatorConfig): GroupIndex {
  const declared =
    config.featureNames.length === 1 && config.featureNames[0] === "sensitive_feature_0"
      ? config.levels[0]!
      : Object.fromEntries(config.featureNames.map((f, i) => [f, config.levels[i]!]));
  return declaredIndex(declared);
}

function emptyState(config: AccumulatorConfig): AccumulatorState {
  const groups = config.levels.reduce((p, ls) => p * ls.length, 1);
  const size = groups * (4 * (1 + config.calibrationBins + config.replicates) + 2 * config.rocBins);
  if (size > MAX_STATE_SIZE) {
    throw new RangeError(
      `createAccumulator: the state would hold ${size} numbers (${groups} groups × bins and replicates), more than ${MAX_STATE_SIZE}; use fewer replicates, bins or levels`,
    );
  }
  // Stream i is the state after i splits: each split jumps the source 2^64 draws ahead.
  const rng = randomSource(config.seed);
  for (let i = 0; i < config.stream; i++) rng.split();
  const f = (length: number) => new Float64Array(length);
  return {
    version: 1,
    config,
    rows: 0,
    counts: f(4 * groups),
    weightSum: f(config.weighted ? 4 * groups : 0),
    weightComp: f(config.weighted ? 4 * groups : 0),
    calibration: f(4 * groups * config.calibrationBins),
    calibrationComp: f(4 * groups * config.calibrationBins),
    roc: f(2 * groups * config.rocBins),
    rocComp: f(2 * groups * config.rocBins),
    bootstrap: f(4 * groups * config.replicates),
    rng: [...rng.state()],
  };
}

/** Bin of a probability among `bins` equal-width bins of [0, 1] (1 falls in the last bin). */
function binOf(p: number, bins: number): number {
  const b = Math.floor(p * bins);
  return b >= bins ? bins - 1 : b;
}

const ARRAYS = [
  "counts",
  "weightSum",
  "weightComp",
  "calibration",
  "calibrationComp",
  "roc",
  "rocComp",
  "bootstrap",
] as const;

/**
 * A streaming evaluator: `update` with batches, `merge` with other accumulators (other batches,
 * other workers), `result` for the metrics. Create one with {@link createAccumulator} or
 * {@link accumulatorFromState}.
 */
export class FairnessAccumulator {
  #state: AccumulatorState;
  #rows: number;
  readonly #index: GroupIndex;
  readonly #rng: RandomSource;

  /** @internal use {@link createAccumulator} or {@link accumulatorFromState}. */
  constructor(state: AccumulatorState) {
    this.#state = state;
    this.#rows = state.rows;
    this.#index = groupIndexOf(state.config);
    this.#rng = randomSourceFromState(state.config.seed, state.rng);
  }

  /** The resolved configuration. */
  get config(): AccumulatorConfig {
    return this.#state.config;
  }

  /** Rows seen so far (including merged accumulators' rows). */
  get rows(): number {
    return this.#rows;
  }

  /** The groups, in `result().byGroup` order. */
  get groups(): GroupIndex {
    return this.#index;
  }

  /**
   * Adds a batch of rows. The batch is validated like {@link prepare} input (with the
   * accumulator's posLabel and threshold); its group levels must have been declared.
   *
   * Cost: O(rows in the batch × (1 + replicates)).
   */
  update(batch: AccumulatorBatch): this {
    const config = this.#state.config;
    if (config.weighted !== (batch.sampleWeight !== undefined)) {
      throw new FairnessInputError([
        {
          code: "missing_field",
          path: ["sampleWeight"],
          message: config.weighted
            ? "the accumulator is weighted: every batch needs sampleWeight"
            : "the accumulator is unweighted (createAccumulator({ weighted: true }) for weights)",
        },
      ]);
    }
    const needsScores = config.calibrationBins > 0 || config.rocBins > 0;
    if (needsScores && batch.yScore === undefined) {
      throw new FairnessInputError([
        {
          code: "missing_field",
          path: ["yScore"],
          message: "calibration and ROC bins need yScore",
        },
      ]);
    }
    const foreign = unknownKeyIssues(batch, BATCH_KEYS, []);
    if (foreign.length > 0) {
      throw new FairnessInputError(
        foreign.map((issue) => ({
          ...issue,
          message: `${issue.message}; options such as posLabel, threshold or scores belong to createAccumulator, not to a batch`,
        })),
      );
    }
    const columns = prepare({
      yTrue: batch.yTrue,
      sensitiveFeatures: batch.sensitiveFeatures,
      ...(batch.yPred === undefined ? {} : { yPred: batch.yPred }),
      ...(batch.yScore === undefined ? {} : { yScore: batch.yScore }),
      ...(batch.sampleWeight === undefined ? {} : { sampleWeight: batch.sampleWeight }),
      ...(config.posLabel === undefined ? {} : { posLabel: config.posLabel }),
      threshold: config.threshold,
      thresholdRule: config.thresholdRule,
    });
    const code = mapBatchGroups(columns, this.#index);
    const s = this.#state;
    const groups = this.#index.keys.length;
    const stats = countConfusion(columns, code, groups);
    addStats(s, stats);
    const { label, score, weight } = columns;
    const n = columns.n;
    if (config.calibrationBins > 0) {
      const bins = config.calibrationBins;
      for (let r = 0; r < n; r++) {
        const p = score![r]!;
        const w = weight ? weight[r]! : 1;
        const i = 4 * (code[r]! * bins + binOf(p, bins));
        addCompensated(s.calibration, s.calibrationComp, i, w);
        addCompensated(s.calibration, s.calibrationComp, i + 1, w * label[r]!);
        addCompensated(s.calibration, s.calibrationComp, i + 2, w * p);
        addCompensated(s.calibration, s.calibrationComp, i + 3, w * p * p);
      }
    }
    if (config.rocBins > 0) {
      const bins = config.rocBins;
      for (let r = 0; r < n; r++) {
        const i = 2 * (code[r]! * bins + binOf(score![r]!, bins)) + label[r]!;
        addCompensated(s.roc, s.rocComp, i, weight ? weight[r]! : 1);
      }
    }
    if (config.replicates > 0) {
      const boot = s.bootstrap;
      const pred = columns.pred!;
      for (let r = 0; r < n; r++) {
        const cell = (code[r]! << 2) | (label[r]! << 1) | pred[r]!;
        const w = weight ? weight[r]! : 1;
        for (let b = 0; b < config.replicates; b++) {
          const k = this.#rng.poisson1();
          if (k > 0) boot[4 * b * groups + cell]! += k * w;
        }
      }
    }
    this.#rows += n;
    return this;
  }

  /**
   * Adds another accumulator's statistics (same options, except the bootstrap `stream`, which
   * each worker sets to its own) into this one. Equal to having
   * updated this accumulator with the other's batches: exactly for counts, to compensated-sum
   * accuracy for weighted sums. Bootstrap replicates add; their draws depend on the order rows
   * were seen, their distribution does not.
   *
   * Cost: O(size of the state).
   */
  merge(other: FairnessAccumulator): this {
    const a = this.#state.config;
    const b = other.#state.config;
    // Workers use their own bootstrap stream (independent draws); everything else must agree.
    if (JSON.stringify({ ...a, stream: 0 }) !== JSON.stringify({ ...b, stream: 0 })) {
      throw new RangeError(
        "FairnessAccumulator.merge: accumulators were created with different options",
      );
    }
    const s = this.#state;
    const o = other.#state;
    for (let i = 0; i < s.counts.length; i++) s.counts[i]! += o.counts[i]!;
    mergePairs(s.weightSum, s.weightComp, o.weightSum, o.weightComp);
    mergePairs(s.calibration, s.calibrationComp, o.calibration, o.calibrationComp);
    mergePairs(s.roc, s.rocComp, o.roc, o.rocComp);
    for (let i = 0; i < s.bootstrap.length; i++) s.bootstrap[i]! += o.bootstrap[i]!;
    this.#rows += other.#rows;
    return this;
  }

  /** The confusion statistics so far (copies). */
  confusion(): ConfusionStats {
    const s = this.#state;
    const weighted = s.config.weighted;
    return {
      groups: this.#index.keys.length,
      counts: s.counts.slice(),
      weightSum: weighted ? s.weightSum.slice() : undefined,
      weightComp: weighted ? s.weightComp.slice() : undefined,
    };
  }

  /**
   * Count metrics by group and overall, as `groupMetrics` gives them on all rows seen.
   *
   * Cost: O(groups × metrics).
   */
  result(options: GroupMetricsOptions = {}): GroupMetricsResult {
    return groupMetricsOfConfusion(this.confusion(), this.#index, options);
  }

  /**
   * The calibration histogram of each group (weighted sums per bin: weight, Σ w·y, Σ w·p,
   * Σ w·p²), for reliability curves and expected calibration error. Needs `calibrationBins`.
   */
  calibrationHistograms(): CalibrationHistogram[] {
    const s = this.#state;
    const bins = s.config.calibrationBins;
    if (bins === 0) {
      throw new TypeError("calibrationHistograms: the accumulator has no calibrationBins");
    }
    return this.#index.keys.map((key, g) => {
      const stat = (k: number) =>
        Float64Array.from({ length: bins }, (_, b) => {
          const i = 4 * (g * bins + b) + k;
          return s.calibration[i]! + s.calibrationComp[i]!;
        });
      return {
        label: groupLabel(key),
        weight: stat(0),
        sumLabel: stat(1),
        sumScore: stat(2),
        sumScoreSquared: stat(3),
      };
    });
  }

  /**
   * Binned ROC AUC of each group and (last) overall: scores in the same bin count as ties, so
   * it equals `rocAuc` on the scores rounded down to the bin edges. Needs `rocBins`.
   *
   * Cost: O(groups × bins).
   */
  binnedRocAuc(): Float64Array {
    const s = this.#state;
    const bins = s.config.rocBins;
    if (bins === 0) throw new TypeError("binnedRocAuc: the accumulator has no rocBins");
    const groups = this.#index.keys.length;
    const hist = (g: number, b: number, y: number) => {
      const i = 2 * (g * bins + b) + y;
      return s.roc[i]! + s.rocComp[i]!;
    };
    // Bins from the highest down, per group and summed over groups.
    const out = new Float64Array(groups + 1);
    const allPositive = new Float64Array(bins);
    const allNegative = new Float64Array(bins);
    const positive = new Float64Array(bins);
    const negative = new Float64Array(bins);
    for (let g = 0; g < groups; g++) {
      for (let b = 0; b < bins; b++) {
        positive[b] = hist(g, bins - 1 - b, 1);
        negative[b] = hist(g, bins - 1 - b, 0);
      }
      out[g] = rocAucOfBlocks(positive, negative);
    }
    for (let b = 0; b < bins; b++) {
      const pos = Float64Array.from({ length: groups }, (_, g) => hist(g, bins - 1 - b, 1));
      const neg = Float64Array.from({ length: groups }, (_, g) => hist(g, bins - 1 - b, 0));
      allPositive[b] = neumaierSum(pos);
      allNegative[b] = neumaierSum(neg);
    }
    out[groups] = rocAucOfBlocks(allPositive, allNegative);
    return out;
  }

  /**
   * Replicate `i`'s confusion statistics (Poisson-bootstrap weights, one Poisson(1) draw per
   * row and replicate; weighted by the sample weights when given). Memory of all replicates:
   * replicates × groups × 4 doubles.
   */
  replicate(i: number): ConfusionStats {
    const s = this.#state;
    const groups = this.#index.keys.length;
    if (!Number.isInteger(i) || i < 0 || i >= s.config.replicates) {
      throw new RangeError(`replicate: index must be in [0, ${s.config.replicates}), got ${i}`);
    }
    const counts = s.bootstrap.slice(4 * i * groups, 4 * (i + 1) * groups);
    return { groups, counts, weightSum: undefined, weightComp: undefined };
  }

  /** The state as typed arrays (copies), for `postMessage` or {@link accumulatorFromState}. */
  toState(): AccumulatorState {
    const s = this.#state;
    const copy = Object.fromEntries(ARRAYS.map((k) => [k, s[k].slice()])) as Pick<
      AccumulatorState,
      (typeof ARRAYS)[number]
    >;
    return { version: 1, config: s.config, rows: this.#rows, ...copy, rng: [...this.#rng.state()] };
  }

  /** The state as plain JSON (arrays of numbers). */
  toJSON(): AccumulatorState<number[]> {
    const s = this.toState();
    const arrays = Object.fromEntries(ARRAYS.map((k) => [k, Array.from(s[k])])) as Pick<
      AccumulatorState<number[]>,
      (typeof ARRAYS)[number]
    >;
    return { ...s, ...arrays };
  }
}

function addStats(s: AccumulatorState, stats: ConfusionStats): void {
  for (let i = 0; i < s.counts.length; i++) s.counts[i]! += stats.counts[i]!;
  if (stats.weightSum !== undefined) {
    mergePairs(s.weightSum, s.weightComp, stats.weightSum, stats.weightComp!);
  }
}

function mergePairs(sum: Float64Array, comp: Float64Array, os: Float64Array, oc: Float64Array) {
  for (let i = 0; i < sum.length; i++) {
    addCompensated(sum, comp, i, os[i]!);
    addCompensated(sum, comp, i, oc[i]!);
  }
}

/**
 * A streaming accumulator of the sufficient statistics of count metrics, calibration
 * histograms, binned ROC and (optionally) Poisson-bootstrap replicates. Groups are declared up
 * front, so accumulators fed on different batches or threads share their group codes and merge
 * exactly.
 *
 * Cost: memory O(groups × (4 + 4·calibrationBins + 2·rocBins + 4·replicates)), independent of
 * the number of rows.
 *
 * @example
 * const acc = createAccumulator({ groups: ["a", "b"] });
 * acc.update({ yTrue: [1, 0], yPred: [1, 1], sensitiveFeatures: ["a", "b"] });
 * acc.update({ yTrue: [1, 0], yPred: [0, 0], sensitiveFeatures: ["a", "b"] });
 * acc.result({ metrics: ["selectionRate"] }).byGroup.map((g) => g.values.selectionRate); // => [0.5, 0.5]
 */
export function createAccumulator(options: AccumulatorOptions): FairnessAccumulator {
  return new FairnessAccumulator(emptyState(resolveConfig(options)));
}

/** The most numbers a state may hold (2 GiB of doubles). */
const MAX_STATE_SIZE = 2 ** 28;

/** The most bootstrap streams a state may name (each costs one generator jump to restore). */
const MAX_STREAM = 1 << 20;

/**
 * Checks a state's configuration as `createAccumulator` checks its options, so a hand-edited or
 * corrupted state is refused before anything is allocated.
 */
function checkState(state: AccumulatorState | AccumulatorState<readonly number[]>): void {
  const c = state.config as Partial<AccumulatorConfig> | undefined;
  const fail = (what: string): never => {
    throw new RangeError(`accumulatorFromState: ${what}`);
  };
  if (typeof c !== "object" || c === null) fail("config is missing");
  const config = c!;
  if (
    !Array.isArray(config.featureNames) ||
    config.featureNames.length === 0 ||
    !config.featureNames.every((f) => typeof f === "string")
  ) {
    fail("config.featureNames must be a non-empty array of names");
  }
  if (
    !Array.isArray(config.levels) ||
    config.levels.length !== config.featureNames!.length ||
    !config.levels.every((ls) => Array.isArray(ls) && ls.length > 0)
  ) {
    fail("config.levels must list the levels of every feature");
  }
  if (typeof config.weighted !== "boolean") fail("config.weighted must be a boolean");
  if (typeof config.threshold !== "number" || !Number.isFinite(config.threshold)) {
    fail("config.threshold must be a finite number");
  }
  if (config.thresholdRule !== ">=" && config.thresholdRule !== ">") {
    fail('config.thresholdRule must be ">=" or ">"');
  }
  for (const key of ["calibrationBins", "rocBins", "replicates", "seed", "stream"] as const) {
    const v = config[key];
    if (typeof v !== "number" || !Number.isInteger(v) || (key !== "seed" && v < 0)) {
      fail(
        `config.${key} must be ${key === "seed" ? "an integer" : "a non-negative integer"}, got ${String(v)}`,
      );
    }
  }
  if (config.stream! > MAX_STREAM) fail(`config.stream must be at most ${MAX_STREAM}`);
  if (typeof state.rows !== "number" || !Number.isInteger(state.rows) || state.rows < 0) {
    fail(`rows must be a non-negative integer, got ${String(state.rows)}`);
  }
  if (!Array.isArray(state.rng) || !state.rng.every((v) => typeof v === "number")) {
    fail("rng must be an array of numbers");
  }
  for (const k of ARRAYS) {
    const values = state[k] as unknown;
    if (!(Array.isArray(values) || ArrayBuffer.isView(values))) fail(`${k} must be an array`);
    if (Array.isArray(values) && !values.every((v) => typeof v === "number")) {
      fail(`${k} must hold numbers only`);
    }
  }
}

/**
 * Rebuilds an accumulator from {@link FairnessAccumulator.toState} or `toJSON` output (for
 * example, received from a worker thread).
 *
 * @example
 * const acc = createAccumulator({ groups: [0, 1] });
 * acc.update({ yTrue: [1, 0], yPred: [1, 0], sensitiveFeatures: [0, 1] });
 * accumulatorFromState(JSON.parse(JSON.stringify(acc))).rows; // => 2
 */
export function accumulatorFromState(
  state: AccumulatorState | AccumulatorState<readonly number[]>,
): FairnessAccumulator {
  if (state.version !== 1) throw new RangeError("accumulatorFromState: unknown state version");
  checkState(state);
  const fresh = emptyState(state.config);
  const arrays = Object.fromEntries(
    ARRAYS.map((k) => {
      const values = state[k];
      if (values.length !== fresh[k].length) {
        throw new RangeError(
          `accumulatorFromState: ${k} has ${values.length} values, expected ${fresh[k].length}`,
        );
      }
      return [k, Float64Array.from(values)];
    }),
  ) as Pick<AccumulatorState, (typeof ARRAYS)[number]>;
  const negative = ARRAYS.flatMap((k) =>
    k.endsWith("Comp") ? [] : arrays[k].some((v) => !(v >= 0) || !Number.isFinite(v)) ? [k] : [],
  );
  if (negative.length > 0) {
    throw new RangeError(
      `accumulatorFromState: ${negative.join(", ")} must hold finite numbers >= 0`,
    );
  }
  return new FairnessAccumulator({ ...fresh, ...arrays, rows: state.rows, rng: [...state.rng] });
}
