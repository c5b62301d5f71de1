import { describe, expect, it } from "vitest";
import { boundedGroupLoss, regressionCriterion } from "../../src/regression/criteria.js";

// Group a: errors 0, 1; group b: errors 0, 2. MAE a ½, b 1; MSE a ½, b 2.
const input = { yTrue: [1, 2, 3, 4], yPred: [1, 3, 3, 6], sensitiveFeatures: ["a", "a", "b", "b"] };

describe("boundedGroupLoss(input, options)", () => {
  it("boundedGroupLoss(…) is the worst group's loss", () => {
    expect(boundedGroupLoss(input)).toBe(2);
    expect(boundedGroupLoss(input, { loss: "meanAbsoluteError" })).toBe(1);
    // Over-prediction beyond tolerance 1.5: group b's second row only → ½.
    expect(boundedGroupLoss(input, { loss: "overPredictionRate", tolerance: 1.5 })).toBe(0.5);
  });

  it("boundedGroupLoss(…) accepts only a loss", () => {
    expect(() => boundedGroupLoss(input, { loss: "r2Score" })).toThrow(
      new RangeError('boundedGroupLoss: "r2Score" is not a regression loss'),
    );
  });
});

describe("regressionCriterion(id, input, options)", () => {
  it("regressionCriterion(…) compares the criterion's metric across groups", () => {
    expect(regressionCriterion("meanAbsoluteErrorDifference", input)).toBe(0.5);
    expect(regressionCriterion("meanSquaredErrorRatio", input)).toBe(0.25);
    // To the overall MSE (5/4): the largest gap is |2 − 5/4| = 3/4.
    expect(regressionCriterion("meanSquaredErrorDifference", input, { method: "toOverall" })).toBe(
      0.75,
    );
  });

  it("regressionCriterion(…) rejects a criterion of another task", () => {
    expect(() => regressionCriterion("demographicParityDifference", input)).toThrow(
      new RangeError(
        'regressionCriterion: "demographicParityDifference" is not a regression criterion',
      ),
    );
  });
});
