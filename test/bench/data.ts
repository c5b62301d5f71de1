/**
 * Seeded synthetic evaluation data for the benchmarks: calibrated scores, 8 groups, weights.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
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

/** n rows: group uniform on 8 levels, score uniform, label ~ Bernoulli(score), weight in [0.5, 1.5). */
export function syntheticData(n: number, seed: number): SyntheticData {
  const rng = xoroshiro128plus(seed);
  const label = new Uint8Array(n);
  const pred = new Uint8Array(n);
  const score = new Float64Array(n);
  const weight = new Float64Array(n);
  const group = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    const g = (rng.next() >>> 0) % GROUPS;
    // Groups differ in score shift, so metrics differ between groups.
    const s = Math.min(1, uniformFloat64(rng) * (0.8 + 0.05 * g));
    group[r] = g;
    score[r] = s;
    label[r] = uniformFloat64(rng) < s ? 1 : 0;
    pred[r] = s >= 0.5 ? 1 : 0;
    weight[r] = 0.5 + uniformFloat64(rng);
  }
  return { n, label, pred, score, weight, group };
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
