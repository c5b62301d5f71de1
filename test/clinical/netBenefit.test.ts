import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_NET_BENEFIT_GRID,
  decisionCurveOfArrays,
  netBenefit,
} from "../../src/clinical/netBenefit.js";
import { duplicateByWeight, near, rowsArbitrary } from "../helpers/arbitraries.js";
import { inputIssues } from "../helpers/errors.js";

const thresholdArbitrary = fc.integer({ min: 1, max: 99 }).map((k) => k / 100);

describe("netBenefit", () => {
  it("netBenefit(…) is TP/n − FP/n · pt/(1 − pt) on a hand-computed case", () => {
    // pt = 0.25: treated 0.9 (y=1), 0.6 (y=0), 0.4 (y=1): TP 2, FP 1, n 4 → 2/4 − 1/4 · 1/3.
    expect(netBenefit([1, 0, 1, 0], [0.9, 0.6, 0.4, 0.1], 0.25)).toBeCloseTo(0.5 - 1 / 12, 15);
    // A score equal to pt counts as treated: pt = 0.4 treats 0.4 too.
    expect(netBenefit([1, 0, 1, 0], [0.9, 0.6, 0.4, 0.1], 0.4)).toBeCloseTo(
      0.5 - (1 / 4) * (2 / 3),
      15,
    );
  });

  it("decisionCurveOfArrays(…) gives treat-all, interventions avoided and standardized values", () => {
    const [p] = decisionCurveOfArrays([1, 0, 1, 0], [0.9, 0.6, 0.4, 0.1], [0.25]);
    // prevalence 0.5, odds 1/3: treat-all = 0.5 − 0.5/3; avoided = 100 (NB − treatAll) / odds.
    expect(p!.treatAll).toBeCloseTo(0.5 - 0.5 / 3, 15);
    expect(p!.standardizedNetBenefit).toBeCloseTo((0.5 - 1 / 12) / 0.5, 15);
    expect(p!.interventionsAvoidedPer100).toBeCloseTo(
      100 * (0.5 - 1 / 12 - (0.5 - 0.5 / 3)) * 3,
      12,
    );
    expect(p!.treatedRows).toBe(3);
  });

  it("the default grid is 0.01 … 0.99", () => {
    expect(DEFAULT_NET_BENEFIT_GRID).toHaveLength(99);
    expect(DEFAULT_NET_BENEFIT_GRID[0]).toBe(0.01);
    expect(DEFAULT_NET_BENEFIT_GRID[98]).toBe(0.99);
  });

  it("treat-none is 0 and net benefit never exceeds prevalence", () => {
    fc.assert(
      fc.property(rowsArbitrary(1, 40), thresholdArbitrary, (rows, pt) => {
        const [p] = decisionCurveOfArrays(rows.yTrue, rows.yScore, [pt], rows.weight);
        return p!.treatNone === 0 && p!.netBenefit <= p!.prevalence + 1e-15;
      }),
    );
  });

  it("net benefit at pt is unchanged by a monotone transform that keeps {score ≥ pt}", () => {
    fc.assert(
      fc.property(rowsArbitrary(1, 40), thresholdArbitrary, (rows, pt) => {
        // Squares the distance to pt on each side: monotone, and score ≥ pt iff image ≥ pt.
        const warp = (s: number) =>
          s >= pt ? pt + (1 - pt) * ((s - pt) / (1 - pt)) ** 2 : pt - pt * ((pt - s) / pt) ** 0.5;
        const before = netBenefit(rows.yTrue, rows.yScore, pt);
        const after = netBenefit(rows.yTrue, rows.yScore.map(warp), pt);
        return before === after;
      }),
    );
  });

  it("the standardized net benefit of a perfect model is 1", () => {
    fc.assert(
      fc.property(rowsArbitrary(1, 40), thresholdArbitrary, (rows, pt) => {
        fc.pre(rows.yTrue.includes(1));
        const [p] = decisionCurveOfArrays(rows.yTrue, rows.yTrue, [pt]);
        return near(p!.standardizedNetBenefit, 1);
      }),
    );
  });

  it("integer weights give the same curve as duplicated rows", () => {
    fc.assert(
      fc.property(rowsArbitrary(1, 40), (rows) => {
        const grid = [0.1, 0.35, 0.5, 0.8];
        const weighted = decisionCurveOfArrays(rows.yTrue, rows.yScore, grid, rows.weight);
        const dup = duplicateByWeight(rows);
        const plain = decisionCurveOfArrays(dup.yTrue, dup.yScore, grid);
        return weighted.every((p, j) => near(p.netBenefit, plain[j]!.netBenefit, 1e-12));
      }),
    );
  });

  it("thresholds outside (0, 1) are a FairnessInputError naming the position", () => {
    const issues = inputIssues(() =>
      decisionCurveOfArrays([1, 0], [0.2, 0.8], [0.5, 0, 1, Number.NaN]),
    );
    expect(issues.map((i) => i.path)).toEqual([
      ["thresholds", 1],
      ["thresholds", 2],
      ["thresholds", 3],
    ]);
    expect(issues.every((i) => i.code === "out_of_range")).toBe(true);
  });

  it("non-binary labels and non-finite scores name field and row", () => {
    const issues = inputIssues(() => netBenefit([1, 2], [0.2, Number.NaN], 0.5));
    expect(issues.map((i) => [i.code, ...i.path])).toEqual([
      ["not_binary", "yTrue", 1],
      ["not_finite", "yScore", 1],
    ]);
  });
});
