/**
 * regressionIntervals: a seeded row bootstrap of regression metrics, their between-group
 * comparisons and each group's gap to a reference.
 */
import { describe, expect, it } from "vitest";
import { regressionIntervals, regressionMetrics } from "../../src/regression/index.js";

const input = {
  yTrue: [1, 2, 3, 4, 5, 6, 7, 8, 9],
  yPred: [1.5, 2, 2, 5, 5, 7, 9, 8, 6],
  sensitiveFeatures: ["a", "a", "a", "b", "b", "b", "c", "c", "c"],
};

describe("regressionIntervals(…)", () => {
  it("estimates are the values on the data, gaps included; the same seed, the same intervals", () => {
    const metrics = ["meanAbsoluteError", "meanResidual"] as const;
    const iv = regressionIntervals(input, { metrics, nBoot: 60, seed: 2, reference: 1 });
    const r = regressionMetrics(input, { metrics });
    for (const id of metrics) {
      expect(iv.overall[id]!.estimate, id).toBe(r.overall[id]);
      expect(iv.difference[id]!.estimate, id).toBe(r.difference()[id]);
      r.byGroup.forEach((g, c) => {
        expect(iv.byGroup[c]![id]!.estimate, id).toBe(g.values[id]);
        expect(iv.gaps[c]![id]!.estimate, id).toBe(g.values[id]! - r.byGroup[1]!.values[id]!);
      });
    }
    // The reference's gap to itself is 0 in every replicate.
    expect(iv.gaps[1]!.meanAbsoluteError!.intervals[0]).toMatchObject({ lower: 0, upper: 0 });
    expect(regressionIntervals(input, { metrics, nBoot: 60, seed: 2, reference: 1 })).toEqual(iv);
    const toOverall = regressionIntervals(input, { metrics, nBoot: 20, reference: "overall" });
    expect(toOverall.gaps[0]!.meanResidual!.estimate).toBe(
      r.byGroup[0]!.values.meanResidual! - r.overall.meanResidual!,
    );
    expect(regressionIntervals(input, { metrics, nBoot: 20 }).gaps).toEqual([]);
  });

  it("refuses a reference that is not a group index", () => {
    expect(() => regressionIntervals(input, { nBoot: 20, reference: 3 })).toThrow(/reference/);
  });
});
