import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  benefits,
  betweenGroupGeneralizedEntropyIndex,
  coefficientOfVariation,
  generalizedEntropyIndex,
  theilIndex,
  withinGroupGeneralizedEntropyIndex,
} from "../../src/metrics/index.js";

describe("generalized entropy index", () => {
  it("generalizedEntropyIndex(…) by hand: b = [1, 2, 0, 1], μ = 1", () => {
    const b = benefits([1, 0, 1, 0], [1, 1, 0, 0]);
    // α = 2: mean(b² − 1)/2 = ((0 + 3 − 1 + 0)/4)/2 = 0.25.
    expect(generalizedEntropyIndex(b, 2)).toBe(0.25);
    // α = 1: mean(b ln b) = (2 ln 2)/4.
    expect(theilIndex(b)).toBeCloseTo(Math.log(2) / 2, 15);
    // α = 0: a zero benefit makes it infinite (AIF360 returns inf).
    expect(generalizedEntropyIndex(b, 0)).toBe(Number.POSITIVE_INFINITY);
    // α = 0.5: mean(√b − 1)/(−0.25).
    expect(generalizedEntropyIndex(b, 0.5)).toBeCloseTo((Math.SQRT2 - 1 + (0 - 1)) / 4 / -0.25, 15);
    expect(coefficientOfVariation(b)).toBeCloseTo(Math.sqrt(0.5), 15);
  });

  it("between-group + within-group parts = total, for α in {0.5, 1, 2, 3}", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ b: fc.integer({ min: 1, max: 2 }), g: fc.integer({ min: 0, max: 2 }) }),
          {
            minLength: 1,
            maxLength: 50,
          },
        ),
        fc.constantFrom(0.5, 1, 2, 3),
        (rows, alpha) => {
          const b = Float64Array.from(rows, (r) => r.b);
          const code = Uint32Array.from(rows, (r) => r.g);
          const total = generalizedEntropyIndex(b, alpha);
          const parts =
            betweenGroupGeneralizedEntropyIndex(b, code, 3, alpha) +
            withinGroupGeneralizedEntropyIndex(b, code, 3, alpha);
          expect(parts).toBeCloseTo(total, 12);
        },
      ),
    );
  });
});
