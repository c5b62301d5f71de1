import { describe, expect, it } from "vitest";
import {
  multiclassDemographicParity,
  multiclassEqualizedOdds,
} from "../../src/multiclass/criteria.js";

// Group 1 predicts a, b (both right); group 2 predicts a, a (b wrong).
// Shares predicted a / b: group 1 ½ / ½, group 2 1 / 0, overall ¾ / ¼.
const input = {
  yTrue: ["a", "b", "a", "b"],
  yPred: ["a", "b", "a", "a"],
  sensitiveFeatures: [1, 1, 2, 2],
};

describe("multiclassDemographicParity(input, options)", () => {
  it("compares each class's predicted share across groups, worst class last", () => {
    expect(multiclassDemographicParity(input)).toEqual({ byClass: [0.5, 0.5], worstCase: 0.5 });
    // Ratios: a ½ / 1, b 0 / ½.
    expect(multiclassDemographicParity(input, { comparison: "ratio" })).toEqual({
      byClass: [0.5, 0],
      worstCase: 0,
    });
  });

  it("compares with the overall share or a reference group when asked", () => {
    expect(multiclassDemographicParity(input, { method: "toOverall" }).byClass).toEqual([
      0.25, 0.25,
    ]);
    expect(
      multiclassDemographicParity(input, { method: "toReference", reference: 1 }).byClass,
    ).toEqual([0.5, 0.5]);
  });
});

describe("multiclassEqualizedOdds(input, options)", () => {
  it("takes, per class, the larger gap of the one-vs-rest TPR and FPR", () => {
    // Class a: TPR 1 and 1, FPR 0 and 1 → 1. Class b: TPR 1 and 0, FPR 0 and 0 → 1.
    expect(multiclassEqualizedOdds(input)).toEqual({ byClass: [1, 1], worstCase: 1 });
  });

  it("skips a rate a group cannot have", () => {
    // Group 2 has no rows of class b: its TPR of b and its FPR of a are undefined.
    const partial = {
      yTrue: ["a", "b", "a", "a"],
      yPred: ["a", "a", "a", "b"],
      sensitiveFeatures: [1, 1, 2, 2],
    };
    // Class a: TPR 1 vs ½ (gap ½); FPR 1 in group 1, undefined in group 2 (gap 0) → ½.
    // Class b: TPR 0 in group 1, undefined in group 2 (gap 0); FPR 0 vs ½ (gap ½) → ½.
    expect(multiclassEqualizedOdds(partial)).toEqual({ byClass: [0.5, 0.5], worstCase: 0.5 });
  });
});
