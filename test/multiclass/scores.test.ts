import { describe, expect, it } from "vitest";
import { multiclassStats } from "../../src/multiclass/confusion.js";
import {
  accuracyOf,
  averageScores,
  balancedAccuracyOf,
  classScores,
  presentClasses,
  type ZeroDivisions,
} from "../../src/multiclass/scores.js";

// y = [0, 0, 1, 1, 2, 2], ŷ = [0, 1, 1, 1, 0, 2], one cell, four classes (class 3 never occurs).
// By hand: class 0 tp 1 / predicted 2 / true 2; class 1 tp 2 / 3 / 2; class 2 tp 1 / 1 / 2.
const stats = multiclassStats(
  Uint32Array.of(0, 0, 1, 1, 2, 2),
  Uint32Array.of(0, 1, 1, 1, 0, 2),
  undefined,
  new Uint32Array(6),
  1,
  4,
);

describe("classScores(stats, cell, zeroDivision, zero)", () => {
  it("classScores(…) gives scikit-learn's per-class precision, recall and F1", () => {
    const zero: ZeroDivisions = { precision: [], recall: [], f1Score: [] };
    const s = classScores(stats, 0, 0, zero);
    expect(s.precision).toEqual([0.5, 2 / 3, 1, 0]);
    expect(s.recall).toEqual([0.5, 1, 0.5, 0]);
    expect(s.f1Score).toEqual([0.5, 0.8, 2 / 3, 0]);
    expect(s.support).toEqual([2, 2, 2, 0]);
    expect(s.selectionRate).toEqual([2 / 6, 3 / 6, 1 / 6, 0]);
    // fp / (fp + tn): class 0 has fp 1 (row 4), tn 3; class 2 fp 0.
    expect(s.falsePositiveRate).toEqual([0.25, 0.25, 0, 0]);
    expect(zero).toEqual({ precision: [3], recall: [3], f1Score: [3] });
  });

  it("classScores(…) puts zeroDivision where a denominator is zero", () => {
    expect(classScores(stats, 0, 1).precision[3]).toBe(1);
    expect(classScores(stats, 0, "nan").recall[3]).toBeNaN();
  });
});

describe("presentClasses / averageScores", () => {
  it("presentClasses(…) lists classes seen as true or predicted in the cell", () => {
    expect(presentClasses(stats, 0)).toEqual([0, 1, 2]);
  });

  it("averageScores(…) averages over the given classes, macro or by support, skipping NaN", () => {
    const precision = classScores(stats, 0, 0).precision;
    // Macro precision over the present classes: (1/2 + 2/3 + 1) / 3 = 13/18 (scikit-learn 0.7222…).
    expect(averageScores(precision, [2, 2, 2, 0], [0, 1, 2], "macro")).toBeCloseTo(13 / 18, 15);
    expect(averageScores([0.5, 1, Number.NaN], [1, 3, 0], [0, 1, 2], "weighted")).toBe(0.875);
    expect(averageScores([Number.NaN], [1], [0], "macro")).toBeNaN();
  });
});

describe("accuracyOf / balancedAccuracyOf", () => {
  it("accuracyOf(…) is the weighted share of correct rows", () => {
    expect(accuracyOf(stats, 0)).toBe(4 / 6);
  });

  it("balancedAccuracyOf(…) is the mean recall over classes with true rows", () => {
    expect(balancedAccuracyOf(stats, 0)).toBe(2 / 3);
  });

  it("weights count as repeated rows", () => {
    // Weight 3 on row 1 (0 → 1): accuracy 4 / 8, class 0 recall 1/4.
    const weighted = multiclassStats(
      Uint32Array.of(0, 0, 1, 1, 2, 2),
      Uint32Array.of(0, 1, 1, 1, 0, 2),
      Float64Array.of(1, 3, 1, 1, 1, 1),
      new Uint32Array(6),
      1,
      3,
    );
    expect(accuracyOf(weighted, 0)).toBe(0.5);
    expect(balancedAccuracyOf(weighted, 0)).toBeCloseTo((0.25 + 1 + 0.5) / 3, 15);
  });
});
