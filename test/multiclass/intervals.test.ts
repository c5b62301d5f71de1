/**
 * multiclassIntervals: a seeded row bootstrap of multiclass metrics and criteria.
 */
import { describe, expect, it } from "vitest";
import {
  multiclassCriterion,
  multiclassIntervals,
  multiclassMetrics,
} from "../../src/multiclass/index.js";

const classes = ["x", "y", "z"];
const yTrue = Array.from({ length: 60 }, (_, i) => classes[i % 3]!);
const input = {
  yTrue,
  yPred: yTrue.map((c, i) => (i % 5 === 0 ? classes[(i + 1) % 3]! : c)),
  sensitiveFeatures: yTrue.map((_, i) => (i % 2 === 0 ? "a" : "b")),
};

describe("multiclassIntervals(…)", () => {
  it("estimates are the values on the data; the same seed gives the same intervals", () => {
    const criteria = ["multiclassEqualizedOddsDifference", "multiclassDemographicParityRatio"];
    const iv = multiclassIntervals(input, { criteria, nBoot: 80, seed: 4 });
    const r = multiclassMetrics(input).summary;
    expect(iv.overall.accuracy!.estimate).toBe(r.overall.accuracy);
    expect(iv.byGroup[1]!.f1Macro!.estimate).toBe(r.byGroup[1]!.values.f1Macro);
    expect(iv.difference.accuracy!.estimate).toBe(r.difference().accuracy);
    expect(iv.ratio.balancedAccuracy!.estimate).toBe(r.ratio().balancedAccuracy);
    for (const id of criteria) {
      expect(iv.criteria[id]!.estimate, id).toBe(multiclassCriterion(id as never, input).worstCase);
      const b = iv.criteria[id]!.intervals[0]!;
      expect(b.lower, id).toBeLessThanOrEqual(b.upper);
    }
    expect(iv.overall.count).toBeUndefined();
    expect(multiclassIntervals(input, { criteria, nBoot: 80, seed: 4 })).toEqual(iv);
    expect(iv.ci).toMatchObject({ nBoot: 80, seed: 4, stratified: true, resampling: "rows" });
  });

  it("a group predicted perfectly keeps accuracy 1 in every replicate", () => {
    const perfect = { ...input, yPred: input.yTrue.map((c, i) => (i % 2 === 0 ? c : "x")) };
    const iv = multiclassIntervals(perfect, { metrics: ["accuracy"], nBoot: 50, seed: 1 });
    expect(iv.byGroup[0]!.accuracy!.intervals[0]).toMatchObject({ lower: 1, upper: 1 });
  });

  it("refuses BCa and a criterion of another task", () => {
    expect(() => multiclassIntervals(input, { method: "bca" })).toThrow(/percentile/);
    expect(() =>
      multiclassIntervals(input, { criteria: ["demographicParityDifference"], nBoot: 2 }),
    ).toThrow(/not a multiclass criterion/);
  });
});
