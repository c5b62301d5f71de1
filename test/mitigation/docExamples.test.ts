// The @example lines of the mitigation module's doc comments, evaluated.
import { describe, expect, it } from "vitest";
import { groupThresholds, manualThresholds } from "../../src/mitigation/groupThresholds.js";
import { reweighing } from "../../src/mitigation/reweighing.js";
import { ThresholdOptimizer } from "../../src/mitigation/thresholdOptimizer.js";
import { ThresholdRule } from "../../src/mitigation/thresholdRule.js";

describe("doc examples", () => {
  it("ThresholdOptimizer", () => {
    const rule = new ThresholdOptimizer({ constraints: "demographicParity" }).fit({
      yTrue: [0, 1, 1, 0, 1, 0],
      yScore: [0.1, 0.8, 0.6, 0.4, 0.9, 0.3],
      sensitiveFeatures: ["a", "a", "a", "b", "b", "b"],
    });
    expect(Array.from(rule.predictProba({ yScore: [0.7], sensitiveFeatures: ["b"] }))).toEqual([1]);
    const rows = { yScore: [0.2, 0.9], sensitiveFeatures: ["a", "b"] };
    expect(ThresholdRule.fromJSON(rule.toJSON()).predictProba(rows)).toEqual(
      rule.predictProba(rows),
    );
  });

  it("reweighing", () => {
    const r = reweighing({
      yTrue: [1, 1, 0, 1, 0, 0],
      sensitiveFeatures: ["a", "a", "a", "b", "b", "b"],
    });
    expect(Array.from(r.sampleWeight)).toEqual([0.75, 0.75, 1.5, 1.5, 0.75, 0.75]);
  });

  it("manualThresholds and groupThresholds", () => {
    const manual = manualThresholds([
      { group: "a", threshold: 0.5 },
      { group: "b", threshold: 0.4 },
    ]);
    expect(
      Array.from(manual.predictProba({ yScore: [0.45, 0.45], sensitiveFeatures: ["a", "b"] })),
    ).toEqual([0, 1]);
    const fitted = groupThresholds(
      {
        yTrue: [1, 0, 1, 0],
        yScore: [0.9, 0.2, 0.6, 0.4],
        sensitiveFeatures: ["a", "a", "b", "b"],
      },
      { target: { metric: "selectionRate", value: 0.5 } },
    );
    expect(fitted.achieved.map((a) => a.threshold)).toEqual([0.9, 0.6]);
  });
});
