import { describe, expect, it } from "vitest";
import { groupMetrics } from "../../src/index.js";
import { disparitiesToReference, predictedPositiveShare } from "../../src/metrics/index.js";

describe("Aequitas shares and references", () => {
  it("predictedPositiveShare(…) sums to 1 and is weighted", () => {
    const shares = predictedPositiveShare({
      yTrue: [1, 0, 1, 0],
      yPred: [1, 1, 1, 0],
      sensitiveFeatures: ["a", "a", "b", "b"],
      sampleWeight: [1, 1, 2, 1],
    });
    expect(shares.map((s) => s.value)).toEqual([0.5, 0.5]);
  });

  it("disparitiesToReference(…, 'minMetric') makes every ratio ≥ 1", () => {
    const r = groupMetrics(
      {
        yTrue: [1, 0, 1, 0, 1, 1],
        yPred: [1, 1, 1, 0, 0, 0],
        sensitiveFeatures: ["a", "a", "b", "b", "c", "c"],
      },
      { metrics: ["selectionRate", "truePositiveRate"] },
    );
    const d = disparitiesToReference(r, "minMetric");
    expect(d.selectionRate!.reference).toBe("c");
    expect(d.selectionRate!.ratio).toEqual([
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      Number.NaN,
    ]);
    expect(d.truePositiveRate!.ratio).toEqual([
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      Number.NaN,
    ]);
    expect(disparitiesToReference(r, "maxMetric").selectionRate!.ratio).toEqual([1, 0.5, 0]);
  });
});
