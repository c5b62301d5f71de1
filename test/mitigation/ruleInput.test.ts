import { describe, expect, it } from "vitest";
import { predictionColumn, scoreColumn } from "../../src/mitigation/ruleInput.js";
import { inputIssues } from "../helpers/errors.js";

describe("scoreColumn", () => {
  it("scoreColumn(…) copies numbers, infinities included", () => {
    expect(Array.from(scoreColumn(Float32Array.of(0.5, Number.POSITIVE_INFINITY)))).toEqual([
      0.5,
      Number.POSITIVE_INFINITY,
    ]);
  });

  it("scoreColumn(…) names every NaN, non-number and missing entry by row", () => {
    const issues = inputIssues(() => scoreColumn([Number.NaN, "0.2", null, 0.3]));
    expect(issues.map((i) => [i.code, ...i.path])).toEqual([
      ["not_finite", "yScore", 0],
      ["invalid_type", "yScore", 1],
      ["invalid_type", "yScore", 2],
    ]);
  });

  it("scoreColumn(…) rejects a missing or non-array column", () => {
    expect(inputIssues(() => scoreColumn(undefined))[0]!.code).toBe("missing_field");
    expect(inputIssues(() => scoreColumn("0.5"))[0]!.code).toBe("invalid_type");
  });
});

describe("predictionColumn", () => {
  it("predictionColumn(…) reads 0/1 and booleans", () => {
    expect(Array.from(predictionColumn([0, 1, false, true]))).toEqual([0, 1, 0, 1]);
  });

  it('predictionColumn(…) names "1", 2, "yes" and null by row, guessing nothing', () => {
    const issues = inputIssues(() => predictionColumn(["1", 2, "yes", null, 1]));
    expect(issues.map((i) => [i.code, ...i.path])).toEqual([
      ["not_binary", "yPred", 0],
      ["not_binary", "yPred", 1],
      ["not_binary", "yPred", 2],
      ["not_binary", "yPred", 3],
    ]);
  });
});
