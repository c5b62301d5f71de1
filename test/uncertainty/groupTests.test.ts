import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import { adjustPValues } from "../../src/uncertainty/corrections.js";
import { groupRateTests } from "../../src/uncertainty/groupTests.js";
import { newcombeDifferenceInterval } from "../../src/uncertainty/proportion.js";
import { representationCheck } from "../../src/uncertainty/representation.js";
import {
  chiSquareHomogeneityTest,
  fisherExactTest,
  twoProportionZTest,
} from "../../src/uncertainty/significance.js";

/** Rows with given (group, label, prediction) multiplicities. */
function rows(spec: [string, number, number, number][]) {
  const yTrue: number[] = [];
  const yPred: number[] = [];
  const sensitiveFeatures: string[] = [];
  for (const [g, y, p, times] of spec) {
    for (let i = 0; i < times; i++) {
      yTrue.push(y);
      yPred.push(p);
      sensitiveFeatures.push(g);
    }
  }
  return { yTrue, yPred, sensitiveFeatures };
}

// Group "big": 40 tn, 10 fp, 10 fn, 40 tp; "mid": 30, 5, 10, 15; "tiny": 2, 1, 0, 3.
const input = rows([
  ["big", 0, 0, 40],
  ["big", 0, 1, 10],
  ["big", 1, 0, 10],
  ["big", 1, 1, 40],
  ["mid", 0, 0, 30],
  ["mid", 0, 1, 5],
  ["mid", 1, 0, 10],
  ["mid", 1, 1, 15],
  ["tiny", 0, 0, 2],
  ["tiny", 0, 1, 1],
  ["tiny", 1, 1, 3],
]);

describe("groupRateTests(input, options)", () => {
  it("groupRateTests(…) compares each group with the largest one on unweighted counts", () => {
    const r = groupRateTests(input);
    expect(r.reference).toBe("big");
    const sel = r.comparisons.filter((c) => c.metric === "selectionRate");
    expect(sel.map((c) => c.group)).toEqual(["mid", "tiny"]);
    const mid = sel[0]!;
    expect([mid.count, mid.nobs, mid.referenceCount, mid.referenceNobs]).toEqual([20, 60, 50, 100]);
    expect(mid.zTest).toEqual(twoProportionZTest(20, 60, 50, 100));
    expect(mid.fisher).toEqual(
      fisherExactTest([
        [20, 40],
        [50, 50],
      ]),
    );
    expect(mid.difference).toEqual(newcombeDifferenceInterval(20, 60, 50, 100));
    const tpr = r.comparisons.find((c) => c.metric === "truePositiveRate" && c.group === "tiny")!;
    expect([tpr.count, tpr.nobs]).toEqual([3, 3]);
    expect(r.homogeneity.falsePositiveRate).toEqual(
      chiSquareHomogeneityTest([
        [10, 40],
        [5, 30],
        [1, 2],
      ]),
    );
  });

  it("groupRateTests(…) adjusts the whole family of Fisher p-values", () => {
    for (const correction of ["holm", "benjaminiHochberg"] as const) {
      const r = groupRateTests(input, { correction });
      const family = adjustPValues(
        r.comparisons.map((c) => c.fisher.pValue),
        { method: correction },
      );
      expect(r.comparisons.map((c) => c.adjustedPValue)).toEqual(family.adjusted);
      expect(r.comparisons.map((c) => c.reject)).toEqual(family.reject);
    }
  });

  it("groupRateTests(…) takes a reference group and rejects unknown ones", () => {
    const r = groupRateTests(input, { reference: "mid", metrics: ["accuracy"], test: "zTest" });
    expect(r.reference).toBe("mid");
    expect(r.comparisons.map((c) => c.group)).toEqual(["big", "tiny"]);
    expect(() => groupRateTests(input, { reference: "nobody" })).toThrow(FairnessInputError);
    expect(() => groupRateTests(input, { metrics: ["f1Score"] })).toThrow(
      /not a proportion metric/,
    );
  });
});

describe("representationCheck(counts, referenceShares, options)", () => {
  it("representationCheck(…) flags groups whose share interval misses the reference share", () => {
    const r = representationCheck({ a: 900, b: 60, c: 40 }, { a: 0.8, b: 0.15, c: 0.04, d: 0.01 });
    expect(r.map((x) => x.group)).toEqual(["a", "b", "c", "d"]);
    expect(r.map((x) => x.underRepresented)).toEqual([false, true, false, true]);
    expect(r.map((x) => x.overRepresented)).toEqual([true, false, false, false]);
    expect(r[1]!.ratio).toBeCloseTo(0.06 / 0.15, 15);
    expect(r[3]!.count).toBe(0);
  });

  it("representationCheck(…) with Clopper–Pearson uses the exact upper bound at zero rows", () => {
    // 0 of 100 rows: Clopper–Pearson upper = 1 − 0.025^(1/100) ≈ 0.0362; a 3% reference share
    // lies inside it, so the group is not flagged.
    const r = representationCheck({ a: 100 }, { a: 0.97, b: 0.03 }, { method: "clopperPearson" });
    expect(r[1]!.share.upper).toBeCloseTo(1 - 0.025 ** 0.01, 12);
    expect(r[1]!.underRepresented).toBe(false);
  });

  it("representationCheck(…) rejects groups without a reference share and impossible shares", () => {
    expect(() => representationCheck({ a: 5, z: 1 }, { a: 1 })).toThrow(FairnessInputError);
    expect(() => representationCheck({ a: 5 }, { a: 0.7, b: 0.6 })).toThrow(/sum to/);
  });
});
