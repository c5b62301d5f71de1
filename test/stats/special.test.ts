/**
 * The special and distribution functions against reference values computed independently with
 * mpmath at 50 digits (test/fixtures/special_reference.py), and against identities.
 *
 * Before this module replaced the @stdlib packages, the same grids were run against them
 * (normalCdf: 3,361 points on [−38, 9]; normalQuantile: 1,368 points on [1e-4, 1); logFactorial:
 * n < 3,000 and up to 1e9; regularizedGamma: 797 (a, x) with a from 0.5 to 1e5; betaQuantile:
 * 1,818 Clopper–Pearson arguments with nobs up to 1e7, integer and fractional). Largest relative
 * differences: normalCdf 1.8e-13 (at x = −36.8, Φ ≈ 2.5e-297; 2e-16 for x > −30), normalQuantile
 * 7.8e-15, logFactorial 2.5e-16, betaQuantile 2.1e-12 (scipy's beta.ppf: 1.7e-12, in cases
 * where mpmath puts our residual I_x − p at 1e-15 and scipy's at 9e-9). Two differences were
 * @stdlib's errors, not ours: its gammainc gave Q(1000, 1110.65) = 3.5470e-4 where mpmath and
 * scipy give 3.5191e-4 (0.8 % off; ours agrees with mpmath to 2e-15), and its normal quantile
 * returned −∞ for p ≤ 1e-20 (Φ⁻¹(1e-20) = −9.2623).
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { betaQuantile, normalCdf, normalQuantile } from "../../src/stats/distributions.js";
import {
  logFactorial,
  logGamma,
  regularizedBeta,
  regularizedGamma,
} from "../../src/stats/special.js";

const reference = JSON.parse(readFileSync("test/fixtures/special_reference.json", "utf8")) as {
  normalCdf: [number, number][];
  normalQuantile: [number, number][];
  logGamma: [number, number][];
  logFactorial: [number, number][];
  regularizedGamma: [number, number, number, number][];
  betaQuantile: [number, number, number, number][];
};

/** |actual − expected| ≤ rel · |expected| (exact equality for 0 and infinities). */
function expectRelative(actual: number, expected: number, rel: number, label: string): void {
  if (actual === expected) return;
  const error = Math.abs(actual - expected) / Math.abs(expected);
  expect(error, `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(rel);
}

describe("normalCdf", () => {
  it("normalCdf(x) matches mpmath's ncdf to 1e-14 relative, far lower tail included", () => {
    for (const [x, expected] of reference.normalCdf) {
      expectRelative(normalCdf(x), expected, 1e-14, `Φ(${x})`);
    }
  });

  it("Φ(−x) + Φ(x) = 1 and Φ is non-decreasing", () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
        expect(Math.abs(normalCdf(-x) + normalCdf(x) - 1)).toBeLessThan(4e-16);
        expect(normalCdf(x + 1e-3)).toBeGreaterThanOrEqual(normalCdf(x));
      }),
    );
    expect(normalCdf(Number.NaN)).toBeNaN();
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
  });
});

describe("normalQuantile", () => {
  it("normalQuantile(p) matches mpmath's √2 erfinv(2p − 1) to 1e-15 relative", () => {
    for (const [p, expected] of reference.normalQuantile) {
      if (expected === 0) expect(normalQuantile(p)).toBe(0);
      else expectRelative(normalQuantile(p), expected, 1e-15, `Φ⁻¹(${p})`);
    }
  });

  it("Φ(Φ⁻¹(p)) = p to 1e-12 relative for p ≤ ½, and Φ⁻¹(1 − p) = −Φ⁻¹(p)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 0.5, noNaN: true }), (p) => {
        expectRelative(normalCdf(normalQuantile(p)), p, 1e-12, `p = ${p}`);
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 0.5, noNaN: true }), (p) => {
        // 1 − p is rounded, so compare against the quantile of the rounded complement.
        const complement = 1 - (1 - p);
        expectRelative(normalQuantile(1 - p), -normalQuantile(complement), 1e-14, `p = ${p}`);
      }),
    );
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe("logGamma and logFactorial", () => {
  it("match mpmath's loggamma and log(n!) to 4e-15 absolute or relative", () => {
    for (const [z, expected] of reference.logGamma) {
      expect(Math.abs(logGamma(z) - expected)).toBeLessThanOrEqual(
        4e-15 * Math.max(1, Math.abs(expected)),
      );
    }
    for (const [n, expected] of reference.logFactorial) {
      expectRelative(logFactorial(n), expected, 1e-15, `ln ${n}!`);
    }
  });

  it("ln Γ(z + 1) = ln Γ(z) + ln z, and n! is exact where it fits in a double", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e6, noNaN: true }), (z) => {
        const lhs = logGamma(z + 1);
        expect(Math.abs(lhs - (logGamma(z) + Math.log(z)))).toBeLessThanOrEqual(
          2e-14 * Math.max(1, Math.abs(lhs)),
        );
      }),
    );
    let factorial = 1;
    for (let n = 2; n <= 18; n++) {
      factorial *= n;
      expect(logFactorial(n)).toBe(Math.log(factorial));
    }
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(1.5)).toBeNaN();
    expect(logGamma(0)).toBeNaN();
  });
});

describe("regularizedGamma", () => {
  it("P(a, x) and Q(a, x) match mpmath to 1e-13 relative, both tails", () => {
    for (const [a, x, lower, upper] of reference.regularizedGamma) {
      const result = regularizedGamma(a, x);
      expectRelative(result.lower, lower, 1e-13, `P(${a}, ${x})`);
      expectRelative(result.upper, upper, 1e-13, `Q(${a}, ${x})`);
    }
  });

  it("Q(1, x) = e^−x, Q(½, x²/2) = 2Φ(−x) (χ² with one degree of freedom), P + Q = 1", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 700, noNaN: true }), (x) => {
        expectRelative(regularizedGamma(1, x).upper, Math.exp(-x), 1e-13, `x = ${x}`);
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 37, noNaN: true }), (x) => {
        expectRelative(
          regularizedGamma(0.5, (x * x) / 2).upper,
          2 * normalCdf(-x),
          1e-12,
          `x=${x}`,
        );
      }),
    );
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (a, t) => {
          const { lower, upper } = regularizedGamma(a, a * t);
          expect(Math.abs(lower + upper - 1)).toBeLessThan(1e-14);
        },
      ),
    );
    expect(regularizedGamma(2, 0)).toEqual({ lower: 0, upper: 1 });
    expect(regularizedGamma(0, 1).upper).toBeNaN();
  });
});

describe("betaQuantile", () => {
  it("betaQuantile(p, a, b) matches mpmath's inverse to 1e-13 relative", () => {
    for (const [p, a, b, expected] of reference.betaQuantile) {
      expectRelative(betaQuantile(p, a, b), expected, 1e-13, `B⁻¹(${p}; ${a}, ${b})`);
    }
  });

  it("closed forms: Beta(a, 1) has quantile p^(1/a), Beta(1, b) has 1 − (1 − p)^(1/b)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-8, max: 0.999, noNaN: true }),
        fc.double({ min: 0.05, max: 1e4, noNaN: true }),
        (p, shape) => {
          expectRelative(betaQuantile(p, shape, 1), p ** (1 / shape), 1e-12, `a = ${shape}`);
          expectRelative(
            betaQuantile(p, 1, shape),
            -Math.expm1(Math.log1p(-p) / shape),
            1e-12,
            `b = ${shape}`,
          );
        },
      ),
    );
  });

  it("the quantile brackets p within 4 ulps: I at x ∓ 4 ulp lies below / above p (Clopper–Pearson)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(0.25, 0.05, 0.025, 0.005, 1e-6),
        (nobs, share, p) => {
          const count = Math.max(1, Math.round(share * nobs));
          const [a, b] = [count, nobs - count + 1];
          const x = betaQuantile(p, a, b);
          const ulp = 4 * 2 ** -52 * x;
          expect(regularizedBeta(x - ulp, a, b).lower).toBeLessThanOrEqual(p * (1 + 1e-14));
          expect(regularizedBeta(Math.min(1, x + ulp), a, b).lower).toBeGreaterThanOrEqual(
            p * (1 - 1e-14),
          );
        },
      ),
    );
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
    expect(betaQuantile(0.5, 0, 3)).toBeNaN();
  });
});
