import { describe, expect, it } from "vitest";
import { mitigationEffect } from "../../src/mitigation/effect.js";
import { ThresholdOptimizer } from "../../src/mitigation/thresholdOptimizer.js";

// Fairlearn test/unit/postprocessing/conftest.py example (scores 0–3).
const groups = [..."AAAAAAABBBBBBBCCCCCC"];
const yTrue = [..."01101000010111000111"].map(Number);
const yScore = [..."00112330001111011112"].map(Number);

describe("mitigationEffect", () => {
  it("mitigationEffect(…) shows the selection-rate gap closed by a demographic-parity rule", () => {
    const rule = new ThresholdOptimizer({ constraints: "demographicParity", flip: true }).fit({
      yTrue,
      yScore,
      sensitiveFeatures: groups,
    });
    const yPred = yScore.map((s) => (s >= 2 ? 1 : 0));
    const p = rule.predictProba({ yScore, sensitiveFeatures: groups });
    const effect = mitigationEffect({ yTrue, yPred, sensitiveFeatures: groups }, p);
    const sel = effect.summary.find((r) => r.metric === "selectionRate")!;
    // Before: A selects 3/7, B 0/7, C 1/6 → difference 3/7.
    expect(sel.differenceBefore).toBeCloseTo(3 / 7, 12);
    expect(sel.differenceAfter).toBeLessThan(1e-9);
    // Fairlearn's expected selection rate of every group: 0.572.
    expect(sel.overallAfter).toBeCloseTo(0.572, 9);
  });

  it("mitigationEffect(…) with hard labels equals groupMetrics of those labels", () => {
    const yPred = yScore.map((s) => (s >= 1 ? 1 : 0));
    const effect = mitigationEffect({ yTrue, yPred, sensitiveFeatures: groups }, yPred);
    for (const row of effect.summary) {
      expect(row.overallAfter).toBeCloseTo(row.overallBefore, 12);
      expect(row.differenceAfter).toBeCloseTo(row.differenceBefore, 12);
    }
  });
});
