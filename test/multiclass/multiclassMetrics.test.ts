import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { multiclassMetrics } from "../../src/index.js";
import {
  multiclassDemographicParity,
  multiclassEqualizedOdds,
} from "../../src/multiclass/index.js";
import { inputIssues } from "../helpers/errors.js";

describe("multiclassMetrics", () => {
  // Group x: true a, b, c; predicted a, b, b. Group y: true a, a; predicted c, a.
  const input = {
    yTrue: ["a", "b", "c", "a", "a"],
    yPred: ["a", "b", "b", "c", "a"],
    sensitiveFeatures: ["x", "x", "x", "y", "y"],
  };

  it("multiclassMetrics(…) on a hand-computed case", () => {
    const r = multiclassMetrics(input);
    expect(r.classes).toEqual(["a", "b", "c"]);
    expect(r.summary.byGroup.map((g) => g.values.accuracy)).toEqual([2 / 3, 0.5]);
    // x: recalls a 1, b 1, c 0 → balanced 2/3; y: only class a among true → recall 0.5.
    expect(r.summary.byGroup.map((g) => g.values.balancedAccuracy)).toEqual([2 / 3, 0.5]);
    // x: precision a 1, b 0.5, c 0 (never predicted → 0 with a warning).
    expect(r.byGroup[0]!.scores.precision).toEqual([1, 0.5, 0]);
    expect(r.summary.byGroup[0]!.values.precisionMacro).toBe(0.5);
    // y: present classes a, c (c is predicted only); recall a 0.5, c 0/0 → 0; macro 0.25.
    expect(r.summary.byGroup[1]!.values.recallMacro).toBe(0.25);
    // weighted by true support: only a has support 2 → 0.5.
    expect(r.summary.byGroup[1]!.values.recallWeighted).toBe(0.5);
    expect(r.summary.warnings.some((w) => w.metric === "precision" && w.group === "x")).toBe(true);
  });

  it("multiclassMetrics(…) with zeroDivision 'nan' leaves undefined scores out of averages", () => {
    const r = multiclassMetrics(input, { zeroDivision: "nan" });
    expect(r.byGroup[1]!.scores.recall[2]).toBeNaN();
    expect(r.summary.byGroup[1]!.values.recallMacro).toBe(0.5);
  });

  it("multiclassMetrics(…): per-class one-vs-rest counts sum to the group size", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            y: fc.integer({ min: 0, max: 3 }),
            p: fc.integer({ min: 0, max: 3 }),
            g: fc.constantFrom("u", "v"),
          }),
          { minLength: 2, maxLength: 40 },
        ),
        (rows) => {
          fc.pre(new Set(rows.flatMap((r) => [r.y, r.p])).size >= 2);
          const r = multiclassMetrics({
            yTrue: rows.map((x) => x.y),
            yPred: rows.map((x) => x.p),
            sensitiveFeatures: rows.map((x) => x.g),
          });
          for (const g of [...r.byGroup, { count: rows.length, scores: r.overall }]) {
            for (const c of g.scores.confusion) expect(c.tn + c.fp + c.fn + c.tp).toBe(g.count);
            expect(g.scores.support.reduce((a, b) => a + b, 0)).toBe(g.count);
          }
        },
      ),
    );
  });

  it("multiclassMetrics(…) rejects mixed label types, a single class and unnormalized probabilities", () => {
    expect(
      inputIssues(() =>
        multiclassMetrics({ yTrue: [1, "1", 2], yPred: [1, 1, 2], sensitiveFeatures: [0, 0, 1] }),
      ).map((i) => [i.code, i.path]),
    ).toEqual([["mixed_label_types", ["yTrue", 1]]]);
    expect(
      inputIssues(() =>
        multiclassMetrics({ yTrue: ["a", "a"], yPred: ["a", "a"], sensitiveFeatures: [0, 1] }),
      ).map((i) => i.code),
    ).toEqual(["single_class"]);
    expect(
      inputIssues(() =>
        multiclassMetrics({
          yTrue: ["a", "b"],
          yProba: [
            [0.5, 0.5],
            [0.7, 0.7],
          ],
          sensitiveFeatures: [0, 1],
        }),
      ).map((i) => [i.code, i.path]),
    ).toEqual([["probabilities_not_normalized", ["yProba", 1]]]);
  });

  it("multiclassMetrics(…) predicts the most probable class from yProba", () => {
    const r = multiclassMetrics({
      yTrue: ["a", "b"],
      yProba: [
        [0.9, 0.1],
        [0.2, 0.8],
      ],
      sensitiveFeatures: [0, 1],
    });
    expect(r.overall.recall).toEqual([1, 1]);
  });
});

describe("multiclass criteria", () => {
  const input = {
    yTrue: ["a", "b", "a", "b"],
    yPred: ["a", "b", "a", "a"],
    sensitiveFeatures: [1, 1, 2, 2],
  };

  it("multiclassDemographicParity(…) compares each class's predicted share", () => {
    const dp = multiclassDemographicParity(input);
    expect(dp.byClass).toEqual([0.5, 0.5]);
    expect(multiclassDemographicParity(input, { comparison: "ratio" }).byClass).toEqual([0.5, 0]);
  });

  it("multiclassEqualizedOdds(…) takes the worse of the TPR and FPR gaps of each class", () => {
    // Class b: TPR 1 in group 1, 0 in group 2 → 1. Class a: FPR 0 vs 1 → 1.
    expect(multiclassEqualizedOdds(input).byClass).toEqual([1, 1]);
    expect(multiclassEqualizedOdds(input, { method: "toReference", reference: 1 }).worstCase).toBe(
      1,
    );
  });
});
