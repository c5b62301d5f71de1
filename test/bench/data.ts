/**
 * Seeded synthetic evaluation data for the benchmarks: calibrated scores, 8 groups, weights.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import type { Columns } from "../../src/data/columns.js";

export interface SyntheticData {
  readonly n: number;
  readonly label: Uint8Array;
  readonly pred: Uint8Array;
  readonly score: Float64Array;
  readonly weight: Float64Array;
  readonly group: Uint32Array;
}

export const GROUPS = 8;

function allocate(n: number): SyntheticData {
  return {
    n,
    label: new Uint8Array(n),
    pred: new Uint8Array(n),
    score: new Float64Array(n),
    weight: new Float64Array(n),
    group: new Uint32Array(n),
  };
}

/** Fills every row of `out` with the next rows of the stream `rng`. */
function fill(rng: RandomGenerator, out: SyntheticData): SyntheticData {
  const { label, pred, score, weight, group } = out;
  for (let r = 0; r < out.n; r++) {
    const g = (rng.next() >>> 0) % GROUPS;
    // Groups differ in score shift, so metrics differ between groups.
    const s = Math.min(1, uniformFloat64(rng) * (0.8 + 0.05 * g));
    group[r] = g;
    score[r] = s;
    label[r] = uniformFloat64(rng) < s ? 1 : 0;
    pred[r] = s >= 0.5 ? 1 : 0;
    weight[r] = 0.5 + uniformFloat64(rng);
  }
  return out;
}

/** n rows: group uniform on 8 levels, score uniform, label ~ Bernoulli(score), weight in [0.5, 1.5). */
export function syntheticData(n: number, seed: number): SyntheticData {
  return fill(xoroshiro128plus(seed), allocate(n));
}

/**
 * The rows of `syntheticData(n, seed)`, made `batch` rows at a time into one reused buffer, so
 * the whole data set never exists at once. Each batch is valid until the next is made.
 */
export function* syntheticBatches(
  n: number,
  batch: number,
  seed: number,
): Generator<SyntheticData> {
  const rng = xoroshiro128plus(seed);
  const buffer = allocate(batch);
  for (let from = 0; from < n; from += batch) {
    const size = Math.min(batch, n - from);
    yield fill(rng, size === batch ? buffer : allocate(size));
  }
}

/** Rows `from..to` of the data, as views (no copy). */
export function slice(data: SyntheticData, from: number, to: number): SyntheticData {
  return {
    n: to - from,
    label: data.label.subarray(from, to),
    pred: data.pred.subarray(from, to),
    score: data.score.subarray(from, to),
    weight: data.weight.subarray(from, to),
    group: data.group.subarray(from, to),
  };
}

/** Scores rounded to multiples of 1 / levels: at most levels + 1 distinct values. */
export function quantize(score: Float64Array, levels: number): Float64Array {
  return score.map((s) => Math.round(s * levels) / levels);
}

/** The data as prepared columns (what `prepare` would build), weighted or not. */
export function toColumns(data: SyntheticData, weighted: boolean): Columns {
  const levels = Array.from({ length: GROUPS }, (_, g) => `g${g}`);
  return {
    n: data.n,
    label: data.label,
    pred: data.pred,
    score: data.score,
    scoreKind: "probability",
    weight: weighted ? data.weight : undefined,
    group: data.group,
    groups: { featureNames: ["group"], levels: [levels], keys: levels.map((l) => [l]) },
    control: undefined,
    sourceRow: undefined,
  };
}
