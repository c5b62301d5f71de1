import { randomSource } from "../../src/uncertainty/random.js";

/** One group of synthetic rows: its size, its base rate and its prediction threshold. */
export interface SyntheticGroup {
  readonly name: string;
  readonly n: number;
  readonly baseRate: number;
  /** Predicted positive when the score is at least this. @defaultValue 0.5 */
  readonly cut?: number;
}

/**
 * Seeded rows of several groups: label ~ Bernoulli(baseRate), score = clamp(0.3·y + 0.7·u),
 * prediction = score ≥ cut, integer weights 1–4.
 */
export function syntheticGroups(seed: number, groups: readonly SyntheticGroup[]) {
  const rng = randomSource(seed);
  const yTrue: number[] = [];
  const yPred: number[] = [];
  const yScore: number[] = [];
  const sampleWeight: number[] = [];
  const sensitiveFeatures: string[] = [];
  for (const { name, n, baseRate, cut = 0.5 } of groups) {
    for (let i = 0; i < n; i++) {
      const y = rng.uniform() < baseRate ? 1 : 0;
      const s = Math.min(1, Math.max(0, 0.3 * y + 0.7 * rng.uniform()));
      yTrue.push(y);
      yScore.push(s);
      yPred.push(s >= cut ? 1 : 0);
      sampleWeight.push(1 + rng.integer(0, 3));
      sensitiveFeatures.push(name);
    }
  }
  return { yTrue, yPred, yScore, sampleWeight, sensitiveFeatures };
}
