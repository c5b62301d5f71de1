import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalCdf, normalQuantile } from "../../src/stats/distributions.js";
import { proportionEffectSize, requiredSampleSize } from "../../src/uncertainty/sampleSize.js";

describe("requiredSampleSize(p1, p2, options)", () => {
  it("requiredSampleSize(…) matches statsmodels NormalIndPower.solve_power", () => {
    // statsmodels 0.14, fixture stats_sample_size_two_proportions_a (solve_power is ~1e-7 accurate)
    const s = requiredSampleSize(0.1, 0.15);
    expect(s.effectSize).toBeCloseTo(-0.15189772139085922, 15);
    expect(Math.abs(s.nobs1 / 680.3526619127882 - 1)).toBeLessThan(1e-6);
    expect(s.perGroup1).toBe(681);
    expect(s.perGroup2).toBe(681);
  });

  it("requiredSampleSize(…) reaches the target power at the root", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.constantFrom(0.7, 0.8, 0.9),
        (p1, p2, power) => {
          fc.pre(Math.abs(p1 - p2) > 0.01);
          const s = requiredSampleSize(p1, p2, { power });
          const c = -normalQuantile(0.025);
          const shift = Math.abs(proportionEffectSize(p1, p2)) * Math.sqrt(s.nobs1 / 2);
          const achieved = normalCdf(shift - c) + normalCdf(-c - shift);
          expect(achieved).toBeCloseTo(power, 10);
        },
      ),
    );
  });

  it("requiredSampleSize(…) needs fewer members in the first group when the second is larger", () => {
    const equal = requiredSampleSize(0.3, 0.2);
    const unequal = requiredSampleSize(0.3, 0.2, { ratio: 4 });
    expect(unequal.nobs1).toBeLessThan(equal.nobs1);
    expect(unequal.perGroup2).toBe(Math.ceil(unequal.nobs1 * 4));
  });

  it("requiredSampleSize(…) is infinite for a zero gap and rejects bad options", () => {
    expect(requiredSampleSize(0.4, 0.4).perGroup1).toBe(Number.POSITIVE_INFINITY);
    expect(() => requiredSampleSize(0.4, 0.5, { power: 0.01 })).toThrow(/requiredSampleSize/);
    expect(() => proportionEffectSize(1.2, 0.5)).toThrow(RangeError);
  });
});
