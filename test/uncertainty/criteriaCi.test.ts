import { describe, expect, it } from "vitest";
import {
  accuracyDifference,
  accuracyRatio,
  demographicParityDifference,
  demographicParityRatio,
  equalizedOddsDifference,
  equalizedOddsRatio,
  equalOpportunityDifference,
  equalOpportunityRatio,
  errorRateDifference,
  errorRateRatio,
  falseNegativeRateDifference,
  falseNegativeRateRatio,
  falsePositiveRateDifference,
  falsePositiveRateRatio,
  predictiveParityDifference,
  predictiveParityRatio,
} from "../../src/frame/criteria.js";
import { bootstrapGroupMetrics } from "../../src/uncertainty/groupBootstrap.js";
import { syntheticGroups } from "../helpers/synthetic.js";

function synthetic(seed: number) {
  return syntheticGroups(seed, [
    { name: "a", n: 160, baseRate: 0.5, cut: 0.5 },
    { name: "b", n: 80, baseRate: 0.35, cut: 0.6 },
    { name: "c", n: 45, baseRate: 0.6, cut: 0.45 },
  ]);
}

const data = synthetic(31);
const input = { yTrue: data.yTrue, yPred: data.yPred, sensitiveFeatures: data.sensitiveFeatures };

const singles = {
  demographicParityDifference,
  demographicParityRatio,
  equalOpportunityDifference,
  equalOpportunityRatio,
  predictiveParityDifference,
  predictiveParityRatio,
  falsePositiveRateDifference,
  falsePositiveRateRatio,
  falseNegativeRateDifference,
  falseNegativeRateRatio,
  accuracyDifference,
  accuracyRatio,
  errorRateDifference,
  errorRateRatio,
};
const comparisons = [
  {},
  { method: "toOverall" },
  { method: "toReference", reference: "c" },
] as const;

describe("named criteria with ci", () => {
  it("every criterion with ci returns the value without ci and its interval, for every method", () => {
    for (const d of [input, data]) {
      for (const options of comparisons) {
        for (const method of ["percentile", "bca"] as const) {
          const ci = { nBoot: 40, seed: 3, method };
          const check = (
            name: string,
            value: number,
            r: { value: number; interval: { estimate: number; intervals: readonly unknown[] } },
          ) => {
            expect(r.value, name).toBe(value);
            expect(r.interval.estimate, name).toBeCloseTo(value, 15);
            expect(r.interval.intervals, name).toHaveLength(1);
          };
          for (const [name, criterion] of Object.entries(singles)) {
            check(name, criterion(d, options), criterion(d, { ...options, ci }));
          }
          for (const agg of ["worstCase", "mean"] as const) {
            const o = { ...options, agg };
            check(
              `eoD ${agg}`,
              equalizedOddsDifference(d, o),
              equalizedOddsDifference(d, { ...o, ci }),
            );
            check(`eoR ${agg}`, equalizedOddsRatio(d, o), equalizedOddsRatio(d, { ...o, ci }));
          }
        }
      }
    }
  });

  it("equalized odds intervals are bootstrapGroupMetrics' criteria from the same replicates", () => {
    const metrics = ["truePositiveRate", "falsePositiveRate"] as const;
    for (const method of ["percentile", "bca"] as const) {
      const ci = { nBoot: 100, seed: 12, method };
      const eager = bootstrapGroupMetrics(input, { metrics, ...ci, reference: "b" }).criteria!;
      expect(equalizedOddsDifference(input, { ci }).interval).toEqual(
        eager.equalizedOddsDifference!.betweenGroups,
      );
      expect(equalizedOddsRatio(input, { ci, method: "toOverall" }).interval).toEqual(
        eager.equalizedOddsRatio!.toOverall,
      );
      expect(
        equalizedOddsDifference(input, { ci, method: "toReference", reference: "b" }).interval,
      ).toEqual(eager.equalizedOddsDifference!.toReference);
    }
  });

  it("criteria with ci give the same bytes for the same seed and record provenance", () => {
    const run = (seed: number) =>
      JSON.stringify(equalizedOddsRatio(data, { ci: { seed, nBoot: 50, level: [0.8, 0.95] } }));
    expect(run(7)).toBe(run(7));
    expect(run(7)).not.toBe(run(8));
    const r = demographicParityRatio(data, { ci: { seed: 7, nBoot: 50 } });
    // The weights are integers 1–4: every cell has at most 4 distinct weights, drawn exactly.
    expect(r.ci).toMatchObject({
      seed: 7,
      nBoot: 50,
      resampling: { selectionRate: "weightedMultinomial" },
    });
  });

  it("criteria reject an unknown ci method with a RangeError", () => {
    const ci = { method: "normal" as "bca" };
    expect(() => demographicParityDifference(input, { ci })).toThrow(RangeError);
    expect(() => equalizedOddsDifference(input, { ci })).toThrow(RangeError);
  });
});
