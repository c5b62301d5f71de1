import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createScorer, type PartStatistics } from "../../src/scan/scoring.js";
import { expectClose } from "../helpers/close.js";

const part = (y: number, expectations: number[], counts: number[]): PartStatistics => ({
  y,
  n: counts.reduce((a, b) => a + b, 0),
  expectations,
  counts,
});

describe("Bernoulli scan statistic", () => {
  it("with one expectation p the maximiser is the odds ratio of Y/N to p (closed form)", () => {
    // Y = 30 of N = 100 at p = 0.5: q = (0.3/0.7)/(0.5/0.5) = 3/7,
    // F = 30 log q − 100 log(1 − p + q p) = 30 log(3/7) − 100 log(5/7).
    const best = createScorer("bernoulli", "overpredicted").maximum(part(30, [0.5], [100]));
    expectClose(Math.exp(best.parameter), 3 / 7);
    expectClose(best.score, 30 * Math.log(3 / 7) - 100 * Math.log(5 / 7));
  });

  it("is 0 when the data lie on the other side of the direction", () => {
    const scorer = createScorer("bernoulli", "underpredicted");
    expect(scorer.maximum(part(30, [0.5], [100])).score).toBe(0);
  });

  it("reaches its limit −Σ log(1 − p) when no outcome is positive (q → 0)", () => {
    const best = createScorer("bernoulli", "overpredicted").maximum(part(0, [0.2, 0.4], [3, 2]));
    expectClose(best.score, -3 * Math.log(0.8) - 2 * Math.log(0.6));
  });

  it("rows listed one by one score as the same rows grouped by expectation", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 99 }), fc.boolean()), {
          minLength: 2,
          maxLength: 40,
        }),
        fc.boolean(),
        (rows, over) => {
          const scorer = createScorer("bernoulli", over ? "overpredicted" : "underpredicted");
          const y = rows.filter(([, outcome]) => outcome).length;
          const single = part(
            y,
            rows.map(([p]) => p / 100),
            rows.map(() => 1),
          );
          const byP = new Map<number, number>();
          for (const [p] of rows) byP.set(p / 100, (byP.get(p / 100) ?? 0) + 1);
          const grouped = part(y, [...byP.keys()], [...byP.values()]);
          const a = scorer.maximum(single).score;
          const b = scorer.maximum(grouped).score;
          expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("the maximiser is a stationary point: F'(t) = 0 to rounding", () => {
    // 17 positives where Σ p = 13.4 are expected: underpredicted, q > 1.
    const stats = part(17, [0.1, 0.35, 0.6, 0.8], [10, 12, 7, 5]);
    const scorer = createScorer("bernoulli", "underpredicted");
    const best = scorer.maximum(stats);
    const [, slope] = scorer.contribution(stats)(best.parameter);
    expect(best.parameter).toBeGreaterThan(0);
    expect(Math.abs(slope)).toBeLessThan(1e-12 * stats.n);
  });
});

describe("Berk–Jones scan statistic", () => {
  it("is N · KL(Y/N ‖ α) on the tested side of α", () => {
    // Y = 10 of N = 50 against α = 0.4 (overpredicted: rate 0.2 < 0.4).
    const best = createScorer("berkJones", "overpredicted", 0.4).maximum(part(10, [], [50]));
    expectClose(best.score, 10 * Math.log(0.2 / 0.4) + 40 * Math.log(0.8 / 0.6));
    expect(best.parameter).toBe(0.2);
    expect(createScorer("berkJones", "underpredicted", 0.4).maximum(part(10, [], [50])).score).toBe(
      0,
    );
  });

  it("when every row is positive the second term is dropped", () => {
    const best = createScorer("berkJones", "underpredicted", 0.25).maximum(part(8, [], [8]));
    expectClose(best.score, 8 * Math.log(1 / 0.25));
  });
});
