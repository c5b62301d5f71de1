import { describe, expect, it } from "vitest";
import {
  calibrationErrors,
  flexibleCalibrationByGroup,
  lowessCalibration,
} from "../../src/calibration/flexible.js";
import { lowessFit, windowSize } from "../../src/calibration/lowess.js";
import { orderByScore } from "../../src/stats/order.js";
import { randomSource } from "../../src/uncertainty/random.js";
import { inputIssues } from "../helpers/errors.js";

/** Perfectly calibrated synthetic rows: p ~ U(0.05, 0.95), y ~ Bernoulli(p). */
function calibrated(n: number, seed: number) {
  const rng = randomSource(seed);
  const p = Array.from({ length: n }, () => 0.05 + 0.9 * rng.uniform());
  const y = p.map((pi) => (rng.uniform() < pi ? 1 : 0));
  return { p, y };
}

describe("lowess", () => {
  it("windowSize(…) is int(frac · n + 1e-10) clamped to [2, n]", () => {
    expect(windowSize(2 / 3, 16281)).toBe(10854);
    expect(windowSize(2 / 3, 3)).toBe(2);
    expect(windowSize(2 / 3, 1)).toBe(1);
  });

  it("lowessFit(…) reproduces a straight line exactly (local linear fit)", () => {
    const x = Float64Array.of(0.3, 0.1, 0.7, 0.2, 0.9, 0.5);
    const y = x.map((v) => 2 * v - 0.1);
    const fit = lowessFit(x, y, undefined, orderByScore(x), 2 / 3);
    for (const [i, v] of fit.entries()) expect(v).toBeCloseTo(y[i]!, 13);
  });

  it("lowessFit(…) on a hand-computed window: tricube weights about the point", () => {
    // n = 4, frac = 1: k = 4, window = all rows. At x = 0: h = 3, d = (0, 1/3, 2/3, 1),
    // w ∝ (1, (26/27)³, (19/27)³, 0); the local line through (0,0), (1,1), (2,0) weighted.
    const x = Float64Array.of(0, 1, 2, 3);
    const y = Float64Array.of(0, 1, 0, 1);
    const fit = lowessFit(x, y, undefined, orderByScore(x), 1);
    const w = [1, (26 / 27) ** 3, (19 / 27) ** 3, 0];
    const s = w.reduce((a, b) => a + b, 0);
    const v = w.map((wi) => wi / s);
    const xbar = v.reduce((a, vi, j) => a + vi * x[j]!, 0);
    const sxx = v.reduce((a, vi, j) => a + vi * (x[j]! - xbar) ** 2, 0);
    const expected = v.reduce(
      (a, vi, j) => a + vi * (1 + ((0 - xbar) * (x[j]! - xbar)) / sxx) * y[j]!,
      0,
    );
    expect(fit[0]).toBeCloseTo(expected, 14);
  });

  it("tied rows share one fitted value", () => {
    const x = Float64Array.of(0.2, 0.5, 0.2, 0.8, 0.5, 0.2);
    const y = Float64Array.of(0, 1, 1, 1, 0, 0);
    const fit = lowessFit(x, y, undefined, orderByScore(x), 2 / 3);
    expect(fit[0]).toBe(fit[2]);
    expect(fit[2]).toBe(fit[5]);
    expect(fit[1]).toBe(fit[4]);
  });
});

describe("flexible calibration", () => {
  it("calibrationErrors(…) is the mean, median, 90th percentile and max of |p − p_c|", () => {
    const p = Float64Array.of(0.1, 0.2, 0.3, 0.4, 0.5);
    const fitted = Float64Array.of(0.1, 0.25, 0.2, 0.4, 0.9);
    const e = calibrationErrors(p, fitted, undefined);
    // |p − p_c| = 0, 0.05, 0.1, 0, 0.4 → sorted 0, 0, 0.05, 0.1, 0.4.
    expect(e.ici).toBeCloseTo(0.11, 15);
    expect(e.e50).toBeCloseTo(0.05, 15);
    expect(e.e90).toBeCloseTo(0.1 + 0.6 * 0.3, 15);
    expect(e.emax).toBeCloseTo(0.4, 15);
  });

  it("weighted ICI equals the ICI of rows duplicated by integer weights", () => {
    const p = Float64Array.of(0.1, 0.2, 0.3);
    const fitted = Float64Array.of(0.15, 0.1, 0.3);
    const weighted = calibrationErrors(p, fitted, Float64Array.of(2, 1, 3));
    const dup = calibrationErrors(
      Float64Array.of(0.1, 0.1, 0.2, 0.3, 0.3, 0.3),
      Float64Array.of(0.15, 0.15, 0.1, 0.3, 0.3, 0.3),
      undefined,
    );
    expect(weighted.ici).toBeCloseTo(dup.ici, 15);
    expect(weighted.emax).toBe(dup.emax);
  });

  it("the ICI of a perfectly calibrated synthetic model tends to 0 as n grows", () => {
    const ici = [100, 1000, 6000].map((n) => {
      const { p, y } = calibrated(n, 11);
      return lowessCalibration(y, p).ici;
    });
    expect(ici[1]).toBeLessThan(ici[0]!);
    expect(ici[2]).toBeLessThan(ici[1]!);
    expect(ici[2]).toBeLessThan(0.02);
  });

  it("flexibleCalibrationByGroup(…) gives per-group summaries, bands and seeded intervals", () => {
    const a = calibrated(400, 1);
    const b = calibrated(300, 2);
    // Group b's risks are too high: y drawn at p, reported as p + 0.1 (clipped).
    const input = {
      yTrue: [...a.y, ...b.y],
      yScore: [...a.p, ...b.p.map((p) => Math.min(1, p + 0.1))],
      sensitiveFeatures: [...a.p.map(() => "a"), ...b.p.map(() => "b")],
    };
    const options = { gridPoints: 20, bootstrap: { nBoot: 60, seed: 5 } };
    const r = flexibleCalibrationByGroup(input, options);
    expect(flexibleCalibrationByGroup(input, options).gaps).toEqual(r.gaps);
    const [ga, gb] = r.byGroup.map((g) => g.summary!);
    expect(gb!.ici).toBeGreaterThan(ga!.ici);
    expect(r.gaps.ici.difference).toBeCloseTo(gb!.ici - ga!.ici, 15);
    expect(ga!.curve.predicted).toHaveLength(20);
    const ci = gb!.intervals!.ici.intervals[0]!;
    expect(ci.lower).toBeLessThan(ci.upper);
    for (const [i, lo] of gb!.curve.lower.entries()) {
      expect(lo).toBeLessThanOrEqual(gb!.curve.upper[i]!);
    }
    // The simultaneous band is wider than the pointwise one on average.
    const pointwise = gb!.curve.upper.map((u, i) => (u - gb!.curve.lower[i]!) / 2);
    const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(gb!.curve.simultaneousHalfWidth)).toBeGreaterThan(mean(pointwise));
    const direct = lowessCalibration(
      b.y,
      b.p.map((p) => Math.min(1, p + 0.1)),
    );
    expect(gb!.ici).toBe(direct.ici);
  });

  it("probabilities outside [0, 1] are a FairnessInputError naming the row", () => {
    const issues = inputIssues(() => lowessCalibration([0, 1], [0.5, 1.5]));
    expect(issues[0]).toMatchObject({ code: "out_of_range", path: ["yProb", 1] });
  });
});
