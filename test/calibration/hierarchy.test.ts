import { describe, expect, it } from "vitest";
import { calibrationHierarchy } from "../../src/calibration/hierarchy.js";
import { randomSource } from "../../src/uncertainty/random.js";

/** y ~ Bernoulli(q) with q = expit(b · logit(p) + a): calibrated when a = 0, b = 1. */
function rows(n: number, seed: number, a: number, b: number) {
  const rng = randomSource(seed);
  const p = Array.from({ length: n }, () => 0.05 + 0.9 * rng.uniform());
  const y = p.map((pi) => {
    const q = 1 / (1 + Math.exp(-(a + b * Math.log(pi / (1 - pi)))));
    return rng.uniform() < q ? 1 : 0;
  });
  return { p, y };
}

describe("calibrationHierarchy", () => {
  const good = rows(3000, 1, 0, 1);
  const high = rows(3000, 2, -0.6, 1); // outcomes rarer than predicted: O/E < 1
  const wide = rows(3000, 3, 0, 0.5); // predictions too extreme: slope < 1
  const input = {
    yTrue: [...good.y, ...high.y, ...wide.y],
    yScore: [...good.p, ...high.p, ...wide.p],
    sensitiveFeatures: [
      ...good.p.map(() => "good"),
      ...high.p.map(() => "high"),
      ...wide.p.map(() => "wide"),
    ],
  };
  const r = calibrationHierarchy(input, { gridPoints: 15, bootstrap: { nBoot: 50, seed: 3 } });
  const [g, h, w] = r.byGroup.map((x) => x.assessment!);

  it("says predictions are too high on average when O/E is below 1", () => {
    expect(h!.mean.met).toBe(false);
    expect(h!.mean.observedExpected.upper).toBeLessThan(1);
    expect(h!.level).toBe("none");
    expect(h!.verdict).toMatch(/^predictions are too high on average \(O\/E 0\.\d\d, 95% CI /);
  });

  it("says the spread is too wide when the slope is below 1", () => {
    expect(w!.weak.slope.upper).toBeLessThan(1);
    expect(w!.verdict).toContain("spread is too wide");
  });

  it("a calibrated group reaches at least weak calibration", () => {
    expect(g!.mean.met).toBe(true);
    expect(g!.weak.met).toBe(true);
    expect(["weak", "moderate"]).toContain(g!.level);
    expect(g!.verdict).toContain("predictions are right on average");
  });

  it("the O/E interval is exp(log(O/E) ± z/√O)", () => {
    const o = good.y.reduce((s: number, y) => s + y, 0);
    const e = good.p.reduce((s, p) => s + p, 0);
    const z = 1.959963984540054;
    expect(g!.mean.observedExpected.estimate).toBeCloseTo(o / e, 12);
    expect(g!.mean.observedExpected.lower).toBeCloseTo((o / e) * Math.exp(-z / Math.sqrt(o)), 12);
  });

  it("a group without events gets the exact upper bound and no slope, in words", () => {
    const none = calibrationHierarchy(
      {
        yTrue: [0, 0, 0, 1, 0, 1],
        yScore: [0.1, 0.2, 0.3, 0.6, 0.3, 0.8],
        sensitiveFeatures: ["a", "a", "a", "b", "b", "b"],
      },
      { bootstrap: false },
    ).byGroup[0]!.assessment!;
    // O = 0, E = 0.6: the exact Poisson upper bound is −ln(0.025) / E.
    expect(none.mean.observedExpected.lower).toBe(0);
    expect(none.mean.observedExpected.upper).toBeCloseTo(-Math.log(0.025) / 0.6, 12);
    expect(none.weak.slope.estimate).toBeNaN();
    expect(none.verdict).toContain("cannot be estimated");
  });
});
