import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  disparityInterval,
  simultaneousDisparityInterval,
} from "../../src/uncertainty/disparityInterval.js";
import { clopperPearsonInterval } from "../../src/uncertainty/proportion.js";
import { randomSource } from "../../src/uncertainty/random.js";

const groupCounts = fc
  .integer({ min: 1, max: 200 })
  .chain((n) =>
    fc.record({ numerator: fc.integer({ min: 0, max: n }), denominator: fc.constant(n) }),
  );

describe("simultaneousDisparityInterval(rates, level)", () => {
  it("simultaneousDisparityInterval(…) bounds max − min and min / max by Bonferroni Clopper–Pearson", () => {
    const a = { numerator: 0, denominator: 3 };
    const b = { numerator: 50, denominator: 100 };
    const ia = clopperPearsonInterval(0, 3, 0.975);
    const ib = clopperPearsonInterval(50, 100, 0.975);
    const r = simultaneousDisparityInterval([[a, b]]);
    expect(r.difference.lower).toBe(Math.max(0, ib.lower - ia.upper));
    expect(r.difference.upper).toBe(Math.max(ia.upper, ib.upper) - Math.min(ia.lower, ib.lower));
    expect(r.ratio.lower).toBe(0);
    expect(r.ratio.upper).toBe(Math.min(1, ia.upper / ib.lower));
  });

  it("simultaneousDisparityInterval(…) contains the observed difference and ratio", () => {
    fc.assert(
      fc.property(fc.array(groupCounts, { minLength: 2, maxLength: 6 }), (groups) => {
        const rates = groups.map((g) => g.numerator / g.denominator);
        const diff = Math.max(...rates) - Math.min(...rates);
        const r = simultaneousDisparityInterval([groups]);
        expect(r.difference.lower).toBeLessThanOrEqual(diff + 1e-15);
        expect(r.difference.upper).toBeGreaterThanOrEqual(diff - 1e-15);
        expect(r.difference.upper).toBeGreaterThan(r.difference.lower);
        const ratio =
          Math.max(...rates) === 0 ? Number.NaN : Math.min(...rates) / Math.max(...rates);
        if (!Number.isNaN(ratio)) {
          expect(r.ratio.lower).toBeLessThanOrEqual(ratio + 1e-15);
          expect(r.ratio.upper).toBeGreaterThanOrEqual(ratio - 1e-15);
        }
      }),
    );
  });

  it("simultaneousDisparityInterval(…) of several rates is their worst case", () => {
    const tpr = [
      { numerator: 1, denominator: 4 },
      { numerator: 30, denominator: 40 },
    ];
    const fpr = [
      { numerator: 2, denominator: 50 },
      { numerator: 10, denominator: 60 },
    ];
    const both = simultaneousDisparityInterval([tpr, fpr]);
    // Bonferroni over the four intervals of the joint statement.
    const one = (rates: typeof tpr) => {
      const [a, b] = rates.map((g) =>
        clopperPearsonInterval(g.numerator, g.denominator, 1 - 0.05 / 4),
      );
      return {
        lower: Math.max(0, Math.max(a!.lower, b!.lower) - Math.min(a!.upper, b!.upper)),
        upper: Math.max(a!.upper, b!.upper) - Math.min(a!.lower, b!.lower),
      };
    };
    expect(both.difference.lower).toBe(Math.max(one(tpr).lower, one(fpr).lower));
    expect(both.difference.upper).toBe(Math.max(one(tpr).upper, one(fpr).upper));
  });

  it("simultaneousDisparityInterval(…) covers the true difference at least 95% of the time (2000 seeded replicates)", () => {
    const rng = randomSource(12);
    const truth = [0.02, 0.3, 0.5];
    const sizes = [8, 40, 200];
    let covered = 0;
    for (let r = 0; r < 2000; r++) {
      const groups = truth.map((p, g) => ({
        numerator: rng.binomial(sizes[g]!, p),
        denominator: sizes[g]!,
      }));
      const d = simultaneousDisparityInterval([groups]).difference;
      if (d.lower <= 0.48 && 0.48 <= d.upper) covered++;
    }
    expect(covered / 2000).toBeGreaterThanOrEqual(0.95);
  });
});

describe("disparityInterval(kind, rates, bootstrap, options)", () => {
  const large = [
    { numerator: 40, denominator: 100 },
    { numerator: 60, denominator: 100 },
  ];
  it("disparityInterval(…) keeps the bootstrap interval when every rate is well estimated", () => {
    const ci = disparityInterval("difference", [large], { lower: 0.1, upper: 0.3 });
    expect(ci).toEqual({ lower: 0.1, upper: 0.3, method: "percentileBootstrap" });
  });

  it("disparityInterval(…) widens a degenerate bootstrap interval with the exact one", () => {
    const fragile = [{ numerator: 0, denominator: 3 }, ...large];
    const exact = simultaneousDisparityInterval([fragile]).ratio;
    const ci = disparityInterval("ratio", [fragile], { lower: 0, upper: 0 });
    expect(ci).toEqual({ ...exact, method: "simultaneousClopperPearson" });
    const hull = disparityInterval("difference", [fragile], { lower: 0.3, upper: 0.7 });
    const d = simultaneousDisparityInterval([fragile]).difference;
    expect(hull.lower).toBe(Math.min(0.3, d.lower));
    expect(hull.upper).toBe(Math.max(0.7, d.upper));
    expect(() => disparityInterval("ratio", [fragile], undefined, { minDenominator: 0 })).toThrow(
      /minDenominator/,
    );
  });
});
