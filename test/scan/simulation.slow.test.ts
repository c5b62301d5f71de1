/**
 * Simulations of the bias scan's Monte Carlo test (minutes, not seconds: a *.slow.test.ts file).
 *
 * Design: four search features (6, 5, 3 and 2 levels; a0 has probability 0.15, b0 0.2, so
 * a0 ∧ b0 holds 3% of the rows), expectations uniform on {0.10, 0.17, …, 0.80}, outcomes drawn
 * from the expectations with the odds of a0 ∧ b0 multiplied by `oddsFactor`. The scan:
 * Bernoulli, underpredicted, AIF360's default penalty, 2 restarts, 19 null replicates (so a
 * p-value ≤ 0.05 means the observed maximum beat every null maximum).
 */
import { describe, expect, it } from "vitest";
import { biasScan } from "../../src/index.js";
import { randomSource } from "../../src/uncertainty/index.js";

function plantedData(n: number, seed: number, oddsFactor: number) {
  const random = randomSource(seed);
  const pick = (probabilities: readonly number[]) => {
    let u = random.uniform();
    for (let k = 0; k < probabilities.length - 1; k++) {
      u -= probabilities[k]!;
      if (u < 0) return k;
    }
    return probabilities.length - 1;
  };
  const features = { a: [] as string[], b: [] as string[], c: [] as string[], d: [] as string[] };
  const outcomes: number[] = [];
  const expectations: number[] = [];
  const planted: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const a = pick([0.15, 0.17, 0.17, 0.17, 0.17, 0.17]);
    const b = pick([0.2, 0.2, 0.2, 0.2, 0.2]);
    features.a.push(`a${a}`);
    features.b.push(`b${b}`);
    features.c.push(`c${random.integer(0, 2)}`);
    features.d.push(`d${random.integer(0, 1)}`);
    const p = 0.1 + 0.07 * random.integer(0, 10);
    const inside = a === 0 && b === 0;
    const odds = (p / (1 - p)) * (inside ? oddsFactor : 1);
    expectations.push(p);
    planted.push(inside);
    outcomes.push(random.uniform() < odds / (1 + odds) ? 1 : 0);
  }
  return { input: { outcomes, expectations, features }, planted };
}

const scan = (input: ReturnType<typeof plantedData>["input"]) =>
  biasScan(input, { direction: "underpredicted", iterations: 2, replicates: 19 });

describe("bias scan significance (simulation)", () => {
  it("the false-positive rate at 0.05 is at most 0.06 on calibrated data (1000 seeded repetitions, n = 1000)", () => {
    const repetitions = 1000;
    let rejected = 0;
    for (let r = 0; r < repetitions; r++) {
      if (scan(plantedData(1000, 10_000 + r, 1).input).best.pValue <= 0.05) rejected += 1;
    }
    const rate = rejected / repetitions;
    // Monte Carlo standard error at the nominal 0.05: sqrt(0.05 · 0.95 / 1000) ≈ 0.0069.
    console.info(`bias scan false-positive rate: ${rate} (${rejected}/${repetitions})`);
    expect(rate).toBeLessThanOrEqual(0.06);
  }, 1_800_000);

  it("a planted subgroup of 3% of the rows with odds × 2 is found with power >= 0.8 (n = 20 000, 100 repetitions)", () => {
    const repetitions = 100;
    let found = 0;
    for (let r = 0; r < repetitions; r++) {
      const { input, planted } = plantedData(20_000, 20_000 + r, 2);
      const { best } = scan(input);
      let both = 0;
      let either = 0;
      for (let i = 0; i < planted.length; i++) {
        const inBest = Object.entries(best.subset).every(([name, levels]) =>
          levels.includes(input.features[name as keyof typeof input.features][i]!),
        );
        if (inBest && planted[i]) both += 1;
        if (inBest || planted[i]) either += 1;
      }
      // Found: significant after the search, and the rows overlap the planted ones (Jaccard >= 0.5).
      if (best.pValue <= 0.05 && both / either >= 0.5) found += 1;
    }
    const power = found / repetitions;
    // Monte Carlo standard error at power 0.8: sqrt(0.8 · 0.2 / 100) = 0.04.
    console.info(`bias scan power: ${power} (${found}/${repetitions})`);
    expect(power).toBeGreaterThanOrEqual(0.8);
  }, 1_800_000);
});
