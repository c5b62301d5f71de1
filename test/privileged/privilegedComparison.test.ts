import { describe, expect, it } from "vitest";
import {
  privilegedComparison,
  smoothedEmpiricalDifferentialFairness,
} from "../../src/metrics/index.js";
import { inputIssues } from "../helpers/errors.js";

describe("privilegedComparison", () => {
  const input = {
    yTrue: [1, 0, 1, 0, 1, 0],
    yPred: [1, 1, 0, 0, 1, 0],
    yScore: [0.9, 0.6, 0.4, 0.2, 0.8, 0.1],
    sensitiveFeatures: ["m", "m", "f", "f", "m", "f"],
  };

  it("privilegedComparison(…) signs differences unprivileged minus privileged", () => {
    const c = privilegedComparison(input, { privileged: "m" });
    // m: TPR 1, FPR 1; f: TPR 0, FPR 0.
    const d = c.differences.classification!;
    expect(d.averageOddsDifference).toBe(-1);
    expect(d.averageAbsOddsDifference).toBe(1);
    expect(d.equalizedOddsDifference).toBe(1);
    // GTPR m = 0.85, f = 0.4; GFPR m = 0.6, f = 0.15.
    expect(d.generalizedEqualizedOddsDifference).toBeCloseTo(0.45, 15);
    // PPV f: no predicted positives → 0 (AIF360's convention).
    expect(c.unprivileged.classification!.positivePredictiveValue).toBe(0);
  });

  it("privilegedComparison(…) without predictions gives the dataset metrics only", () => {
    const c = privilegedComparison(
      { yTrue: input.yTrue, sensitiveFeatures: input.sensitiveFeatures },
      { privileged: "m" },
    );
    expect(c.differences.classification).toBeUndefined();
    expect(c.differences.datasetStatisticalParityDifference).toBeCloseTo(1 / 3 - 2 / 3, 15);
    expect(c.differences.datasetSmoothedEmpiricalDifferentialFairness).toBe(
      smoothedEmpiricalDifferentialFairness([1, 0, 1, 0, 1, 0], [1, 1, 0, 0, 1, 0], 2),
    );
  });

  it("privilegedComparison(…) needs rows on both sides", () => {
    expect(
      inputIssues(() => privilegedComparison(input, { privileged: "x" })).map((i) => i.code),
    ).toEqual(["unknown_group"]);
  });
});
