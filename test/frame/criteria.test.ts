import { describe, expect, it } from "vitest";
import {
  demographicParityDifference,
  demographicParityRatio,
  equalizedOddsDifference,
  equalizedOddsRatio,
  equalOpportunityDifference,
  predictiveParityDifference,
} from "../../src/index.js";
import { differenceOf, ratioOf } from "../../src/metrics/index.js";

// Group a: y = 1 1 0 0, ŷ = 1 0 1 0 → TPR ½, FPR ½, selection ½, PPV ½.
// Group b: y = 1 1 0 0, ŷ = 1 1 0 0 → TPR 1, FPR 0, selection ½, PPV 1.
const input = {
  yTrue: [1, 1, 0, 0, 1, 1, 0, 0],
  yPred: [1, 0, 1, 0, 1, 1, 0, 0],
  sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b"],
};

describe("named criteria", () => {
  it("demographicParity*(…) is 0 / 1 when selection rates are equal", () => {
    expect(demographicParityDifference(input)).toBe(0);
    expect(demographicParityRatio(input)).toBe(1);
  });

  it("equalizedOddsDifference(…) is the larger of the TPR and FPR gaps, or their mean", () => {
    expect(equalOpportunityDifference(input)).toBe(0.5);
    expect(equalizedOddsDifference(input)).toBe(0.5);
    expect(equalizedOddsDifference(input, { agg: "mean" })).toBe(0.5);
    // Ratios: TPR ½ / 1 = ½, FPR 0 / ½ = 0 → worst case 0, mean ¼.
    expect(equalizedOddsRatio(input)).toBe(0);
    expect(equalizedOddsRatio(input, { agg: "mean" })).toBe(0.25);
    expect(() => equalizedOddsDifference(input, { agg: "max" as never })).toThrow(RangeError);
  });

  it("predictiveParityDifference(…) compares precisions", () => {
    expect(predictiveParityDifference(input)).toBe(0.5);
    expect(predictiveParityDifference(input, { method: "toReference", reference: "b" })).toBe(0.5);
  });

  it("equalOpportunityDifference(…) is NaN when no group has positives; equalized odds then rests on FPR", () => {
    const none = {
      yTrue: [0, 0, 0, 0],
      yPred: [1, 0, 1, 0],
      sensitiveFeatures: ["a", "a", "b", "b"],
    };
    expect(equalOpportunityDifference(none)).toBeNaN();
    expect(equalizedOddsDifference(none)).toBe(0);
  });
});

describe("aggregates", () => {
  it("differenceOf / ratioOf skip NaN and follow Fairlearn's toOverall inversion", () => {
    expect(differenceOf([0.2, Number.NaN, 0.6], 0.5, "betweenGroups")).toBeCloseTo(0.4, 15);
    expect(differenceOf([0.2, Number.NaN, 0.6], 0.5, "toOverall")).toBeCloseTo(0.3, 15);
    expect(ratioOf([0.2, 0.6], 0.4, "toOverall")).toBe(0.5);
    expect(ratioOf([0, 0], 0, "betweenGroups")).toBeNaN();
    expect(ratioOf([0, 0.2], 0.1, "toOverall")).toBe(0);
  });
});
