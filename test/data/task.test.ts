import { describe, expect, it } from "vitest";
import { detectTask } from "../../src/metrics/index.js";
import { prepareMulticlass } from "../../src/multiclass/index.js";
import { prepareRegression } from "../../src/regression/index.js";
import { inputIssues } from "../helpers/errors.js";

describe("task types", () => {
  it("detectTask(…) decides only when the data leave no doubt", () => {
    expect(detectTask([0, 1], [1, 1])).toBe("binary");
    expect(detectTask(["a", "b"], ["a", "a"])).toBe("binary");
    expect(detectTask([1.5, 2], [1, 2])).toBe("regression");
    expect(detectTask(["a", "b", "c"], undefined)).toBe("multiclass");
    expect(detectTask([0, 1], [0, 1], true)).toBe("multiclass");
    expect(inputIssues(() => detectTask([0, 1, 2], [0, 1, 2])).map((i) => i.code)).toEqual([
      "task_ambiguous",
    ]);
  });

  it("prepareRegression(…) names every non-finite or non-numeric value", () => {
    const issues = inputIssues(() =>
      prepareRegression({
        yTrue: [1, Number.POSITIVE_INFINITY, 3],
        yPred: [1, 2, "3" as unknown as number],
        sensitiveFeatures: ["a", "b", "a"],
      }),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["not_finite", ["yTrue", 1]],
      ["invalid_type", ["yPred", 2]],
    ]);
  });

  it("prepareRegression(…) applies missingGroup 'drop' to every column", () => {
    const c = prepareRegression({
      yTrue: [1, 2, 3],
      yPred: [1, 2, 4],
      sensitiveFeatures: ["a", null, "b"],
      missingGroup: "drop",
    });
    expect(Array.from(c.target)).toEqual([1, 3]);
    expect(Array.from(c.sourceRow!)).toEqual([0, 2]);
  });

  it("prepareMulticlass(…) allows a predicted class absent from the labels", () => {
    const c = prepareMulticlass({
      yTrue: [0, 1, 0],
      yPred: [0, 2, 1],
      sensitiveFeatures: [1, 1, 1],
    });
    expect(c.classes).toEqual([0, 1, 2]);
    expect(Array.from(c.prediction)).toEqual([0, 2, 1]);
  });

  it("prepareMulticlass(…) with labels rejects classes outside them", () => {
    expect(
      inputIssues(() =>
        prepareMulticlass({
          yTrue: ["a", "b"],
          yPred: ["a", "c"],
          sensitiveFeatures: [1, 2],
          labels: ["a", "b"],
        }),
      ).map((i) => i.code),
    ).toEqual(["unknown_class"]);
  });
});
