import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { regressionMetrics } from "../../src/index.js";
import {
  boundedGroupLoss,
  regressionCriterion,
  regressionIntervals,
} from "../../src/regression/index.js";
import { mergeRegressionSums, regressionSums } from "../../src/regression/sums.js";
import { expectClose } from "../helpers/close.js";

const ALL = [
  "count",
  "meanAbsoluteError",
  "meanSquaredError",
  "rootMeanSquaredError",
  "r2Score",
  "meanPrediction",
  "meanTarget",
  "meanResidual",
  "overPredictionRate",
  "underPredictionRate",
] as const;

const rowsArbitrary = fc
  .array(
    fc.record({
      y: fc.integer({ min: -50, max: 50 }).map((v) => v / 4),
      p: fc.integer({ min: -50, max: 50 }).map((v) => v / 4),
      g: fc.constantFrom("a", "b", "c"),
      w: fc.integer({ min: 1, max: 4 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .filter((rows) => new Set(rows.map((r) => r.g)).size >= 1);

const run = (rows: readonly { y: number; p: number; g: string; w: number }[], weighted: boolean) =>
  regressionMetrics(
    {
      yTrue: rows.map((r) => r.y),
      yPred: rows.map((r) => r.p),
      sensitiveFeatures: rows.map((r) => r.g),
      ...(weighted ? { sampleWeight: rows.map((r) => r.w) } : {}),
    },
    { metrics: ALL, tolerance: 0.5 },
  );

const values = (r: ReturnType<typeof run>, skipCount = false) =>
  JSON.parse(
    JSON.stringify({
      overall: r.overall,
      byGroup: r.byGroup.map((g) => ({ label: g.label, values: g.values })),
    }),
    (key, v) => (skipCount && key === "count" ? undefined : v),
  );

describe("regressionMetrics", () => {
  it("regressionMetrics(…) on a hand-computed case", () => {
    // a: errors 0, 1 → MAE 0.5, MSE 0.5; b: errors 0, 2 → MAE 1, MSE 2; overall MSE 1.25.
    const r = regressionMetrics(
      { yTrue: [1, 2, 3, 4], yPred: [1, 3, 3, 6], sensitiveFeatures: ["a", "a", "b", "b"] },
      { metrics: ALL },
    );
    expect(r.byGroup.map((g) => g.values.meanSquaredError)).toEqual([0.5, 2]);
    expect(r.overall.meanSquaredError).toBe(1.25);
    expect(r.overall.rootMeanSquaredError).toBe(Math.sqrt(1.25));
    // SS_tot of a = 0.5, SS_res = 1 → R² = 1 − 2 = −1; b: SS_tot 0.5, SS_res 4 → −7.
    expect(r.byGroup.map((g) => g.values.r2Score)).toEqual([-1, -7]);
    expect(r.byGroup.map((g) => g.values.meanResidual)).toEqual([-0.5, -1]);
    expect(r.byGroup.map((g) => g.values.overPredictionRate)).toEqual([0.5, 0.5]);
    expect(r.overall.underPredictionRate).toBe(0);
    expect(r.difference().meanAbsoluteError).toBe(0.5);
    expect(r.ratio({ method: "toReference", reference: "a" }).meanAbsoluteError).toBe(0.5);
  });

  it("regressionMetrics(…) follows scikit-learn's R² conventions: constant target, single row", () => {
    const r = regressionMetrics(
      {
        yTrue: [5, 5, 5, 7, 1],
        yPred: [5, 5, 5, 6, 2],
        sensitiveFeatures: ["c", "c", "d", "d", "e"],
      },
      { metrics: ["r2Score"] },
    );
    // c: constant target predicted exactly → 1; d: 2 rows → defined; e: one row → NaN + warning.
    expect(r.byGroup[0]!.values.r2Score).toBe(1);
    expect(r.byGroup[2]!.values.r2Score).toBeNaN();
    expect(r.warnings).toEqual([expect.objectContaining({ metric: "r2Score", group: "e" })]);
    const constantWrong = regressionMetrics(
      { yTrue: [5, 5], yPred: [5, 6], sensitiveFeatures: ["c", "c"] },
      { metrics: ["r2Score"] },
    );
    expect(constantWrong.overall.r2Score).toBe(0);
  });

  it("regressionMetrics(…) with control features computes within each stratum", () => {
    const r = regressionMetrics(
      {
        yTrue: [1, 2, 3, 4],
        yPred: [2, 2, 3, 6],
        sensitiveFeatures: ["a", "b", "a", "b"],
        controlFeatures: ["x", "x", "y", "y"],
      },
      { metrics: ["meanAbsoluteError"] },
    );
    expect(r.strata!.map((s) => s.result.byGroup.map((g) => g.values.meanAbsoluteError))).toEqual([
      [1, 0],
      [0, 2],
    ]);
  });

  it("regressionMetrics(…) is invariant to row order", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.integer(), (rows, seed) => {
        const shuffled = rows
          .map((r, i) => ({ r, k: Math.sin(seed + i * 7.1) }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.r);
        expectClose(values(run(shuffled, true)), values(run(rows, true)), 1e-9);
      }),
    );
  });

  it("regressionMetrics(…) with integer weights equals duplicated rows", () => {
    // R² needs two rows (not two units of weight), so one-row groups are left out of it.
    const singleRowR2 = (r: ReturnType<typeof run>, counts: ReturnType<typeof run>) => {
      const v = values(r, true);
      if (counts.overall.count! < 2) v.overall.r2Score = null;
      counts.byGroup.forEach((g, i) => {
        if (g.count < 2) v.byGroup[i].values.r2Score = null;
      });
      return v;
    };
    fc.assert(
      fc.property(rowsArbitrary, (rows) => {
        const duplicated = rows.flatMap((r) => Array.from({ length: r.w }, () => r));
        const weighted = run(rows, true);
        expectClose(
          singleRowR2(weighted, weighted),
          singleRowR2(run(duplicated, false), weighted),
          1e-9,
        );
      }),
    );
  });

  it("regressionMetrics(…): R² = 1 − MSE / variance of the target on each group", () => {
    fc.assert(
      fc.property(rowsArbitrary, (rows) => {
        const r = run(rows, true);
        for (const g of r.byGroup) {
          const members = rows.filter((x) => x.g === g.label);
          if (members.length < 2) continue;
          const w = members.reduce((a, x) => a + x.w, 0);
          const mean = members.reduce((a, x) => a + x.w * x.y, 0) / w;
          const variance = members.reduce((a, x) => a + x.w * (x.y - mean) ** 2, 0) / w;
          if (variance === 0) continue;
          expect(g.values.r2Score).toBeCloseTo(1 - g.values.meanSquaredError! / variance, 9);
        }
      }),
    );
  });

  it("regressionMetrics(…) rejects non-finite targets naming field and row", () => {
    expect(() =>
      regressionMetrics({ yTrue: [1, Number.NaN], yPred: [1, 2], sensitiveFeatures: ["a", "b"] }),
    ).toThrow(/yTrue\[1\].*not_finite/);
  });
});

describe("regression criteria", () => {
  const input = {
    yTrue: [1, 2, 3, 4],
    yPred: [1, 3, 3, 6],
    sensitiveFeatures: ["a", "a", "b", "b"],
  };

  it("boundedGroupLoss(…) is the worst group's loss", () => {
    expect(boundedGroupLoss(input)).toBe(2);
    expect(() => boundedGroupLoss(input, { loss: "r2Score" })).toThrow(RangeError);
  });

  it("regressionCriterion(…) reads the registered comparison", () => {
    expect(regressionCriterion("meanSquaredErrorRatio", input)).toBe(0.25);
    expect(regressionCriterion("meanSquaredErrorDifference", input, { method: "toOverall" })).toBe(
      0.75,
    );
    expect(() => regressionCriterion("demographicParityDifference", input)).toThrow(RangeError);
  });
});

describe("regressionIntervals", () => {
  const input = {
    yTrue: [1, 2, 3, 4, 5, 6, 7, 8],
    yPred: [1, 3, 3, 5, 5, 9, 7, 6],
    sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b"],
  };

  it("regressionIntervals(…) brackets the estimate and repeats with the same seed", () => {
    const iv = regressionIntervals(input, {
      metrics: ["meanAbsoluteError", "r2Score"],
      nBoot: 300,
      seed: 7,
    });
    const mae = regressionMetrics(input, { metrics: ["meanAbsoluteError"] });
    expect(iv.byGroup[1]!.meanAbsoluteError!.estimate).toBe(
      mae.byGroup[1]!.values.meanAbsoluteError,
    );
    for (const e of [iv.overall.meanAbsoluteError!, iv.difference.meanAbsoluteError!]) {
      const [b] = e.intervals;
      expect(b!.lower).toBeLessThanOrEqual(e.estimate);
      expect(b!.upper).toBeGreaterThanOrEqual(e.estimate);
    }
    expect(
      regressionIntervals(input, {
        metrics: ["meanAbsoluteError", "r2Score"],
        nBoot: 300,
        seed: 7,
      }),
    ).toEqual(iv);
    expect(iv.ci).toMatchObject({ seed: 7, nBoot: 300, resampling: "rows" });
  });

  it("regressionIntervals(…) rejects BCa", () => {
    expect(() => regressionIntervals(input, { method: "bca" })).toThrow(RangeError);
  });
});

describe("regression sums", () => {
  it("mergeRegressionSums(…) of two halves equals one pass over all rows", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.nat(), (rows, cut) => {
        const at = cut % (rows.length + 1);
        const sums = (part: typeof rows) =>
          regressionSums(
            Float64Array.from(part, (r) => r.y),
            Float64Array.from(part, (r) => r.p),
            Float64Array.from(part, (r) => r.w),
            Uint32Array.from(part, (r) => "abc".indexOf(r.g)),
            3,
            0.5,
          );
        const merged = mergeRegressionSums(sums(rows.slice(0, at)), sums(rows.slice(at)));
        const whole = sums(rows);
        for (const key of Object.keys(whole) as (keyof typeof whole)[]) {
          if (key === "cells") continue;
          const m = merged[key] as Float64Array;
          (whole[key] as Float64Array).forEach((v, c) => {
            // Sums of squares of quarter-unit values: absolute rounding scale 1e-9 at most.
            expect(Math.abs(m[c]! - v)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
          });
        }
      }),
    );
  });
});
