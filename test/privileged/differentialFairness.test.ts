import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  differentialFairnessBiasAmplification,
  smoothedEmpiricalDifferentialFairness,
  smoothedRates,
} from "../../src/privileged/differentialFairness.js";

describe("smoothedRates(outcome, code, groups, weight, concentration)", () => {
  it("smoothedRates(…) is (Σ w·y + c/2) / (Σ w + c) per group with rows", () => {
    // Group 0: weights 2 (y 1), 1 (y 0) → (2 + 0.5) / (3 + 1); group 1 empty; group 2: y 0 → 0.5 / 2.
    const rates = smoothedRates(
      Uint8Array.of(1, 0, 0),
      Uint32Array.of(0, 0, 2),
      3,
      Float64Array.of(2, 1, 1),
    );
    expect(rates).toEqual([2.5 / 4, 0.5 / 2]);
    // Concentration 0: the raw rates.
    expect(smoothedRates(Uint8Array.of(1, 0, 1), Uint32Array.of(0, 0, 1), 2, undefined, 0)).toEqual(
      [0.5, 1],
    );
  });
});

describe("smoothedEmpiricalDifferentialFairness(outcome, code, groups)", () => {
  it("ε is the largest log-ratio of favorable or unfavorable rates between groups", () => {
    // Rates 1/2 and 5/6: ln(5/3) for favorable, ln((1/2) / (1/6)) = ln 3 for unfavorable.
    const epsilon = smoothedEmpiricalDifferentialFairness(
      Uint8Array.of(1, 0, 1, 1),
      Uint32Array.of(0, 0, 1, 1),
      2,
    );
    expect(epsilon).toBeCloseTo(Math.log(3), 15);
  });

  it("ε is 0 for equal rates or a single group", () => {
    expect(
      smoothedEmpiricalDifferentialFairness(
        Uint8Array.of(1, 0, 1, 0),
        Uint32Array.of(0, 0, 1, 1),
        2,
      ),
    ).toBe(0);
    expect(
      smoothedEmpiricalDifferentialFairness(Uint8Array.of(1, 0), Uint32Array.of(0, 0), 1),
    ).toBe(0);
  });

  it("ε does not depend on group order, and integer weights equal duplicated rows", () => {
    const row = fc.record({
      y: fc.integer({ min: 0, max: 1 }),
      g: fc.integer({ min: 0, max: 2 }),
      w: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const y = rows.map((r) => r.y);
        const g = rows.map((r) => r.g);
        const epsilon = smoothedEmpiricalDifferentialFairness(
          y,
          g,
          3,
          rows.map((r) => r.w),
        );
        const reversed = smoothedEmpiricalDifferentialFairness(
          y,
          g.map((c) => 2 - c),
          3,
          rows.map((r) => r.w),
        );
        expect(reversed).toBeCloseTo(epsilon, 12);
        const repeated = rows.flatMap((r) => Array.from({ length: r.w }, () => r));
        const duplicated = smoothedEmpiricalDifferentialFairness(
          repeated.map((r) => r.y),
          repeated.map((r) => r.g),
          3,
        );
        expect(duplicated).toBeCloseTo(epsilon, 12);
        expect(epsilon).toBeGreaterThanOrEqual(0);
      }),
      { seed: 47, numRuns: 200 },
    );
  });
});

describe("differentialFairnessBiasAmplification(label, prediction, code, groups)", () => {
  it("is ε of the predictions minus ε of the labels", () => {
    const label = Uint8Array.of(1, 0, 1, 0);
    const prediction = Uint8Array.of(1, 0, 1, 1);
    const code = Uint32Array.of(0, 0, 1, 1);
    // Labels: equal rates, ε 0; predictions: ε ln 3.
    expect(differentialFairnessBiasAmplification(label, prediction, code, 2)).toBeCloseTo(
      Math.log(3),
      15,
    );
    expect(differentialFairnessBiasAmplification(prediction, label, code, 2)).toBeCloseTo(
      -Math.log(3),
      15,
    );
  });
});
