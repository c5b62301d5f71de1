import { describe, expect, it } from "vitest";
import { prepareMulticlass } from "../../src/data/multiclass.js";
import { inputIssues } from "../helpers/errors.js";

describe("prepareMulticlass(input)", () => {
  it("prepareMulticlass(…) sorts the classes of yTrue and yPred and encodes both", () => {
    const columns = prepareMulticlass({
      yTrue: ["b", "a", "c", "a"],
      yPred: ["b", "c", "c", "b"],
      sensitiveFeatures: [1, 1, 2, 2],
    });
    expect(columns.task).toBe("multiclass");
    expect(columns.classes).toEqual(["a", "b", "c"]);
    expect(Array.from(columns.target)).toEqual([1, 0, 2, 0]);
    expect(Array.from(columns.prediction)).toEqual([1, 2, 2, 1]);
    expect(columns.probability).toBeUndefined();
  });

  it("prepareMulticlass(…) predicts the most probable class from yProba, the first on ties", () => {
    const columns = prepareMulticlass({
      yTrue: [0, 1, 2],
      yProba: [
        [0.2, 0.5, 0.3],
        [0.4, 0.4, 0.2],
        [0.1, 0.1, 0.8],
      ],
      sensitiveFeatures: ["a", "b", "b"],
    });
    expect(Array.from(columns.prediction)).toEqual([1, 0, 2]);
    expect(Array.from(columns.probability!)).toEqual([0.2, 0.5, 0.3, 0.4, 0.4, 0.2, 0.1, 0.1, 0.8]);
  });

  it("prepareMulticlass(…) keeps the order of labels and the rows of kept groups", () => {
    const columns = prepareMulticlass({
      yTrue: ["lo", "hi", "mid", "hi"],
      yPred: ["lo", "hi", "hi", "mid"],
      labels: ["lo", "mid", "hi"],
      sensitiveFeatures: ["a", null, "b", "b"],
      missingGroup: "drop",
    });
    expect(columns.classes).toEqual(["lo", "mid", "hi"]);
    expect(Array.from(columns.target)).toEqual([0, 1, 2]);
    expect(Array.from(columns.prediction)).toEqual([0, 2, 1]);
  });

  it("prepareMulticlass(…) names what is wrong", () => {
    const codes = (input: Parameters<typeof prepareMulticlass>[0]) =>
      inputIssues(() => prepareMulticlass(input)).map((i) => [i.code, i.path]);
    expect(codes({ yTrue: ["a", "b"], sensitiveFeatures: ["x", "y"] })).toEqual([
      ["missing_field", ["yPred"]],
    ]);
    expect(codes({ yTrue: ["a", "a"], yPred: ["a", "a"], sensitiveFeatures: ["x", "y"] })).toEqual([
      ["single_class", ["yTrue"]],
    ]);
    expect(
      codes({
        yTrue: ["a", "b"],
        yPred: ["a", "c"],
        labels: ["a", "b"],
        sensitiveFeatures: ["x", "y"],
      }),
    ).toEqual([["unknown_class", ["labels"]]]);
    expect(codes({ yTrue: ["a", "b"], yPred: ["a"], sensitiveFeatures: ["x", "y"] })).toEqual([
      ["length_mismatch", ["yPred"]],
    ]);
  });
});
