import { describe, expect, it } from "vitest";
import { groupThresholds, manualThresholds } from "../../src/mitigation/groupThresholds.js";
import { ThresholdRule } from "../../src/mitigation/thresholdRule.js";

const input = {
  yTrue: [1, 0, 1, 0, 1, 1, 0, 0],
  yScore: [0.9, 0.8, 0.3, 0.1, 0.7, 0.6, 0.5, 0.2],
  sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b"],
};

describe("manualThresholds", () => {
  it("manualThresholds(…) predicts positive where score >= the group's threshold", () => {
    const rule = manualThresholds([
      { group: "a", threshold: 0.5 },
      { group: "b", threshold: 0.4 },
    ]);
    const p = rule.predictProba({ yScore: [0.45, 0.45, 0.5], sensitiveFeatures: ["a", "b", "a"] });
    expect(Array.from(p)).toEqual([0, 1, 1]);
    const strict = manualThresholds([{ group: "a", threshold: 0.5 }], { thresholdRule: ">" });
    expect(strict.predictProba({ yScore: [0.5], sensitiveFeatures: ["a"] })[0]).toBe(0);
  });

  it("manualThresholds(…) round-trips through JSON and explains itself", () => {
    const rule = manualThresholds([{ group: ["F", 1], threshold: 0.3 }], {
      featureNames: ["sex", "young"],
    });
    const back = ThresholdRule.fromJSON(JSON.parse(JSON.stringify(rule)));
    const rows = { yScore: [0.2, 0.3], sensitiveFeatures: { sex: ["F", "F"], young: [1, 1] } };
    expect(Array.from(back.predictProba(rows))).toEqual([0, 1]);
    expect(rule.explain()).toEqual(["group F, 1: score < 0.3 → negative; score ≥ 0.3 → positive"]);
  });

  it("manualThresholds(…) rejects a group given twice", () => {
    expect(() =>
      manualThresholds([
        { group: "a", threshold: 0.5 },
        { group: "a", threshold: 0.4 },
      ]),
    ).toThrow(/given twice/);
  });
});

describe("groupThresholds", () => {
  it("groupThresholds(…) hits a target selection rate per group", () => {
    const r = groupThresholds(input, { target: { metric: "selectionRate", value: 0.5 } });
    // a: scores 0.9, 0.8 selected at threshold 0.8; b: 0.7, 0.6 at 0.6 (hand computation).
    expect(r.achieved.map((a) => a.threshold)).toEqual([0.8, 0.6]);
    expect(r.achieved.map((a) => a.selectionRate)).toEqual([0.5, 0.5]);
    expect(r.achieved.map((a) => a.truePositiveRate)).toEqual([0.5, 1]);
  });

  it("groupThresholds(…) selects the top k rows per group", () => {
    const r = groupThresholds(input, { target: { topK: 1 } });
    expect(r.achieved.map((a) => a.threshold)).toEqual([0.9, 0.7]);
    const p = r.rule.predictProba(input);
    expect(Array.from(p)).toEqual([1, 0, 0, 0, 1, 0, 0, 0]);
  });

  it("groupThresholds(…) with value 'overall' equalises the rate at the global operating point", () => {
    // Overall TPR at score >= 0.5: positives 0.9, 0.3, 0.7, 0.6 → 3 of 4 selected = 0.75.
    const r = groupThresholds(input, { target: { metric: "truePositiveRate", value: "overall" } });
    expect(r.achieved.every((a) => a.target === 0.75)).toBe(true);
    // Each group has two positives, so 0.75 is unreachable: TPR 0.5 and 1 are equally close and
    // the higher threshold (TPR 0.5) wins the tie in both groups.
    expect(r.achieved.map((a) => a.truePositiveRate)).toEqual([0.5, 0.5]);
    expect(r.achieved.map((a) => a.threshold)).toEqual([0.9, 0.7]);
  });
});
