import { describe, expect, it } from "vitest";
import { prepare } from "../../src/data/prepare.js";
import { declaredIndex, mapBatchGroups } from "../../src/stream/groups.js";
import { inputIssues } from "../helpers/errors.js";

describe("declaredIndex(declared)", () => {
  it("declaredIndex(…) sorts each feature's levels and lists the product, last feature fastest", () => {
    expect(declaredIndex(["b", "a", "b"])).toEqual({
      featureNames: ["sensitive_feature_0"],
      levels: [["a", "b"]],
      keys: [["a"], ["b"]],
    });
    expect(declaredIndex({ sex: ["M", "F"], age: [40, 30] }).keys).toEqual([
      ["F", 30],
      ["F", 40],
      ["M", 30],
      ["M", 40],
    ]);
  });

  it("declaredIndex(…) rejects a feature without levels and a declaration without features", () => {
    expect(() => declaredIndex({ sex: [] })).toThrow(
      new RangeError("createAccumulator: feature sex declares no levels"),
    );
    expect(() => declaredIndex({})).toThrow(RangeError);
  });
});

describe("mapBatchGroups(columns, index)", () => {
  const index = declaredIndex({ sex: ["F", "M"], age: [30, 40] });

  it("mapBatchGroups(…) maps a batch's codes onto the declared index, whatever the feature order", () => {
    const batch = prepare({
      yTrue: [1, 0, 1],
      yPred: [1, 1, 0],
      sensitiveFeatures: { age: [40, 30, 40], sex: ["M", "F", "F"] },
    });
    // (M, 40) → 3, (F, 30) → 0, (F, 40) → 1.
    expect(Array.from(mapBatchGroups(batch, index))).toEqual([3, 0, 1]);
  });

  it("mapBatchGroups(…) names the rows whose level was not declared, and a batch with other features", () => {
    const batch = prepare({
      yTrue: [1, 0, 1],
      yPred: [1, 1, 0],
      sensitiveFeatures: { sex: ["M", "X", "X"], age: [30, 30, 50] },
    });
    expect(inputIssues(() => mapBatchGroups(batch, index)).map((i) => i.path)).toEqual([
      ["sensitiveFeatures", 1],
      ["sensitiveFeatures", 2],
    ]);
    const other = prepare({ yTrue: [1], yPred: [1], sensitiveFeatures: { race: ["A"] } });
    expect(inputIssues(() => mapBatchGroups(other, index))[0]!.code).toBe("invalid_option");
  });
});
