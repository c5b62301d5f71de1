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

  it("representationCheck(…) reports groups the reference does not name, and rejects impossible shares", () => {
    const r = representationCheck({ a: 5, z: 1 }, { a: 1 });
    expect(r.map((x) => [x.group, x.count, x.notInReference])).toEqual([
      ["a", 5, false],
      ["z", 1, true],
    ]);
    expect(r[1]!.referenceShare).toBeNaN();
    expect(r[1]!.underRepresented || r[1]!.overRepresented).toBe(false);
    expect(() => representationCheck({ a: 5 }, { a: 0.7, b: 0.6 })).toThrow(/sum to/);
    expect(() => representationCheck({ a: 5 }, { a: 0.7, b: 0.2999 })).toThrow(FairnessInputError);
    expect(() =>
      representationCheck({ a: 5 }, { a: -1, b: 2 }, { referenceKind: "counts" }),
    ).toThrow(/referenceShares\.a/);
  });

  it("representationCheck(…) accepts the reference as counts, the same as their shares", () => {
    const fromCounts = representationCheck(
      { a: 80, b: 20 },
      { a: 600, b: 400 },
      { referenceKind: "counts" },
    );
    const fromShares = representationCheck({ a: 80, b: 20 }, { a: 0.6, b: 0.4 });
    expect(fromCounts).toEqual(fromShares);
  });

  it("representationCheck(…) flags by Holm-adjusted score tests", () => {
    // Hand computation: b has 20 of 100 rows against 0.3: z = (0.2 − 0.3)/√(0.3·0.7/100) = −2.182,
    // p = 0.0291; a (80 vs 0.7) has the same |z|; Holm over 2 tests: both adjusted to 0.0582.
    const r = representationCheck({ a: 80, b: 20 }, { a: 0.7, b: 0.3 });
    const z = 0.1 / Math.sqrt(0.21 / 100);
    expect(r[1]!.pValue).toBeCloseTo(2 * (1 - 0.5 * (1 + erf(z / Math.SQRT2))), 10);
    expect(r[1]!.adjustedPValue).toBeCloseTo(2 * r[1]!.pValue, 12);
    expect(r[1]!.underRepresented).toBe(false);
    expect(
      representationCheck({ a: 80, b: 20 }, { a: 0.7, b: 0.3 }, { level: 0.9 })[1]!
        .underRepresented,
    ).toBe(true);
  });
});

/** Abramowitz–Stegun 7.1.26 is too coarse; the series converges fast for |x| < 3. */
function erf(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
