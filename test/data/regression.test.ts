import { describe, expect, it } from "vitest";
import { prepareRegression } from "../../src/data/regression.js";
import { inputIssues } from "../helpers/errors.js";

describe("prepareRegression(input)", () => {
  it("prepareRegression(…) copies targets and predictions of the kept rows, with their groups", () => {
    const columns = prepareRegression({
      yTrue: [1.5, 2, 3, 4],
      yPred: Float32Array.of(1, 2, 3.5, 5),
      sensitiveFeatures: ["b", null, "a", "b"],
      sampleWeight: [1, 2, 3, 4],
      missingGroup: "drop",
    });
    expect(columns.task).toBe("regression");
    expect(Array.from(columns.target)).toEqual([1.5, 3, 4]);
    expect(Array.from(columns.prediction)).toEqual([1, 3.5, 5]);
    expect(Array.from(columns.weight!)).toEqual([1, 3, 4]);
    expect(Array.from(columns.group)).toEqual([1, 0, 1]);
    expect(Array.from(columns.sourceRow!)).toEqual([0, 2, 3]);
  });

  it("prepareRegression(…) names every value that is not a finite number, with its row", () => {
    const issues = inputIssues(() =>
      prepareRegression({
        yTrue: [1, null, Number.NaN] as unknown as number[],
        yPred: [1, 2, Number.POSITIVE_INFINITY],
        sensitiveFeatures: ["a", "a", "b"],
      }),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["invalid_type", ["yTrue", 1]],
      ["not_finite", ["yTrue", 2]],
      ["not_finite", ["yPred", 2]],
    ]);
  });

  it("prepareRegression(…) rejects empty input, unequal lengths and a non-array", () => {
    expect(
      inputIssues(() => prepareRegression({ yTrue: [], yPred: [], sensitiveFeatures: [] })).map(
        (i) => i.code,
      ),
    ).toContain("empty_input");
    expect(
      inputIssues(() =>
        prepareRegression({ yTrue: [1, 2], yPred: [1], sensitiveFeatures: ["a", "b"] }),
      ),
    ).toEqual([
      { code: "length_mismatch", path: ["yPred"], message: "has 1 rows, but yTrue has 2" },
    ]);
    expect(
      inputIssues(() =>
        prepareRegression({
          yTrue: "12" as unknown as number[],
          yPred: [1, 2],
          sensitiveFeatures: ["a", "b"],
        }),
      ).map((i) => [i.code, i.path]),
    ).toEqual([["invalid_type", ["yTrue"]]]);
  });
});
