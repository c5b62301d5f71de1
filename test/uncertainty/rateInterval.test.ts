import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { truePositiveRate } from "../../src/metrics/counts.js";
import { bootstrapConfusionCounts } from "../../src/uncertainty/countBootstrap.js";
import { clopperPearsonInterval } from "../../src/uncertainty/proportion.js";
import { randomSource } from "../../src/uncertainty/random.js";
import { rateInterval } from "../../src/uncertainty/rateInterval.js";

const countAndTotal = fc
  .integer({ min: 1, max: 2000 })
  .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

/** The audit's bootstrap interval of k / n: 1000 multinomial replicates of one group's TPR. */
function bootstrapOf(k: number, n: number, seed = 0) {
  const boot = bootstrapConfusionCounts(Float64Array.of(0, 0, n - k, k), [truePositiveRate], {
    seed,
  });
  const b = boot.metrics.truePositiveRate!.byGroup[0]!.intervals[0]!;
  return { lower: b.lower, upper: b.upper };
}

describe("rateInterval(numerator, denominator, options)", () => {
  it("rateInterval(…) of any k / n with n ≥ 1 has positive width and contains k / n", () => {
    fc.assert(
      fc.property(
        countAndTotal,
        fc.option(fc.tuple(fc.double({ min: 0, max: 1 }), fc.double({ min: 0, max: 1 }))),
        fc.integer({ min: 1, max: 100 }),
        ([k, n], boot, minDenominator) => {
          const bootstrap = boot === null ? undefined : { lower: boot[0], upper: boot[1] };
          const ci = rateInterval(k, n, { bootstrap, minDenominator });
          expect(ci.upper - ci.lower).toBeGreaterThan(0);
          expect(ci.lower).toBeLessThanOrEqual(k / n);
          expect(ci.upper).toBeGreaterThanOrEqual(k / n);
        },
      ),
    );
  });

  it("rateInterval(0, 3) is Clopper–Pearson, for a small denominator", () => {
    // Clopper–Pearson upper bound for 0 of 3 at 95%: 1 − 0.025^(1/3) (closed form when k = 0).
    const ci = rateInterval(0, 3, { bootstrap: { lower: 0, upper: 0 } });
    expect(ci.method).toBe("clopperPearson");
    expect(ci.reason).toBe("smallDenominator");
    expect(ci.lower).toBe(0);
    expect(ci.upper).toBeCloseTo(1 - 0.025 ** (1 / 3), 12);
  });

  it("rateInterval(…) names why it took the exact branch", () => {
    expect(rateInterval(0, 100, { bootstrap: { lower: 0, upper: 0 } }).reason).toBe(
      "boundaryEstimate",
    );
    expect(rateInterval(100, 100).reason).toBe("boundaryEstimate");
    expect(rateInterval(40, 100).reason).toBe("noBootstrap");
    expect(rateInterval(40, 100, { bootstrap: { lower: 0.4, upper: 0.4 } }).reason).toBe(
      "degenerateBootstrap",
    );
    expect(rateInterval(40, 100, { bootstrap: { lower: 0.5, upper: 0.6 } }).reason).toBe(
      "degenerateBootstrap",
    );
  });

  it("rateInterval(…) is the hull of the bootstrap and Clopper–Pearson intervals otherwise", () => {
    const cp = clopperPearsonInterval(40, 100);
    const ci = rateInterval(40, 100, { bootstrap: { lower: 0.31, upper: 0.49 } });
    expect(ci.method).toBe("hybrid");
    expect(ci.lower).toBe(Math.min(0.31, cp.lower));
    expect(ci.upper).toBe(Math.max(0.49, cp.upper));
  });

  it("rateInterval(…) of a weighted estimate centres the exact interval on it", () => {
    const ci = rateInterval(0.25 * 8, 8, { estimate: 0.25 });
    expect(ci.estimate).toBe(0.25);
    const cp = clopperPearsonInterval(2, 8);
    expect(ci.lower).toBe(cp.lower);
    expect(ci.upper).toBe(cp.upper);
  });

  it("rateInterval(…) has no interval for a zero denominator and rejects minDenominator < 1", () => {
    expect(rateInterval(0, 0).method).toBe("none");
    expect(rateInterval(0, 0).lower).toBeNaN();
    expect(() => rateInterval(1, 2, { minDenominator: 0.5 })).toThrow(/minDenominator/);
    expect(() => rateInterval(3, 2)).toThrow(RangeError);
  });

  it("rateInterval(…) covers at least 93% for n = 5…50 and p near 0 and 1 (2000 seeded replicates)", () => {
    const replicates = 2000;
    const rng = randomSource(20261128);
    const coverage: string[] = [];
    let worst = 1;
    for (const n of [5, 10, 20, 30, 40, 50]) {
      const cache = new Map<number, ReturnType<typeof rateInterval>>();
      for (const p of [0.01, 0.05, 0.1, 0.9, 0.95, 0.99]) {
        let covered = 0;
        for (let r = 0; r < replicates; r++) {
          const k = rng.binomial(n, p);
          let ci = cache.get(k);
          if (ci === undefined) {
            ci = rateInterval(k, n, { bootstrap: bootstrapOf(k, n) });
            cache.set(k, ci);
          }
          if (ci.lower <= p && p <= ci.upper) covered++;
        }
        worst = Math.min(worst, covered / replicates);
        coverage.push(`n=${n} p=${p}: ${(covered / replicates).toFixed(4)}`);
      }
    }
    console.info(`rateInterval coverage (worst ${worst.toFixed(4)}):\n${coverage.join("\n")}`);
    expect(worst).toBeGreaterThanOrEqual(0.93);
  });
});
