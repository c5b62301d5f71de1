import { describe, expect, it } from "vitest";
import { multiclassStats } from "../../src/multiclass/confusion.js";
import { getMulticlassMetric, MULTICLASS_METRICS } from "../../src/multiclass/metrics.js";
import { classScores } from "../../src/multiclass/scores.js";

describe("the multiclass metric registry", () => {
  it("each metric has scikit-learn's value on a hand-computed cell", () => {
    // y = [0, 0, 1, 1, 2, 2], ŷ = [0, 1, 1, 1, 0, 2] (weights 1, 1, 1, 1, 1, 3):
    // per class precision 1/2, 2/3, 1 (weighted true supports 2, 2, 4); recall 1/2, 1, 3/4;
    // F1 2·1/(2 + 2) = 1/2, 2·2/(2 + 3) = 4/5, 2·3/(4 + 3) = 6/7.
    const stats = multiclassStats(
      Uint32Array.of(0, 0, 1, 1, 2, 2),
      Uint32Array.of(0, 1, 1, 1, 0, 2),
      Float64Array.of(1, 1, 1, 1, 1, 3),
      new Uint32Array(6),
      1,
      3,
    );
    const scores = classScores(stats, 0, 0);
    const value = (id: string) => getMulticlassMetric(id)!.fromStats(stats, 0, scores);
    expect(value("count")).toBe(6);
    expect(value("accuracy")).toBeCloseTo(6 / 8, 15);
    expect(value("balancedAccuracy")).toBeCloseTo((1 / 2 + 1 + 3 / 4) / 3, 15);
    expect(value("precisionMacro")).toBeCloseTo((1 / 2 + 2 / 3 + 1) / 3, 15);
    expect(value("precisionWeighted")).toBeCloseTo((2 * (1 / 2) + 2 * (2 / 3) + 4 * 1) / 8, 15);
    expect(value("recallMacro")).toBeCloseTo((1 / 2 + 1 + 3 / 4) / 3, 15);
    expect(value("recallWeighted")).toBeCloseTo((2 * (1 / 2) + 2 * 1 + 4 * (3 / 4)) / 8, 15);
    expect(value("f1Macro")).toBeCloseTo((1 / 2 + 4 / 5 + 6 / 7) / 3, 15);
    expect(value("f1Weighted")).toBeCloseTo((2 * (1 / 2) + 2 * (4 / 5) + 4 * (6 / 7)) / 8, 15);
  });

  it("ids are unique and named in full", () => {
    const ids = MULTICLASS_METRICS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(getMulticlassMetric("f1Weighted")?.name).toBe("F1 score (weighted)");
    expect(getMulticlassMetric("f1")).toBeUndefined();
  });
});
