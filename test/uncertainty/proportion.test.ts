import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clopperPearsonInterval,
  newcombeDifferenceInterval,
  wilsonInterval,
} from "../../src/uncertainty/proportion.js";

const countAndTotal = fc
  .integer({ min: 1, max: 5000 })
  .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
const level = fc.constantFrom(0.8, 0.9, 0.95, 0.99, 0.999);

describe("wilsonInterval(count, nobs, level)", () => {
  it("wilsonInterval(…) matches statsmodels on small and edge counts", () => {
    // statsmodels 0.14 proportion_confint(method='wilson'), fixture stats_proportion_confint_small_n
    expect(wilsonInterval(0, 1, 0.9).upper).toBeCloseTo(0.730134051215946, 14);
    expect(wilsonInterval(1, 2).lower).toBeCloseTo(0.09453120573423068, 14);
    expect(wilsonInterval(1, 2, 0.99).upper).toBeCloseTo(0.9382869232218982, 14);
  });

  it("wilsonInterval(…) contains the point estimate and stays within [0, 1]", () => {
    fc.assert(
      fc.property(countAndTotal, level, ([x, n], lv) => {
        const ci = wilsonInterval(x, n, lv);
        expect(ci.lower).toBeLessThanOrEqual(ci.estimate + 1e-15);
        expect(ci.upper).toBeGreaterThanOrEqual(ci.estimate - 1e-15);
        expect(ci.lower).toBeGreaterThanOrEqual(-1e-15);
        expect(ci.upper).toBeLessThanOrEqual(1 + 1e-15);
      }),
    );
  });

  it("wilsonInterval(…) is symmetric under p ↔ 1 − p", () => {
    fc.assert(
      fc.property(countAndTotal, level, ([x, n], lv) => {
        const a = wilsonInterval(x, n, lv);
        const b = wilsonInterval(n - x, n, lv);
        expect(a.lower).toBeCloseTo(1 - b.upper, 12);
        expect(a.upper).toBeCloseTo(1 - b.lower, 12);
      }),
    );
  });

  it("wilsonInterval(…) narrows as the level drops", () => {
    fc.assert(
      fc.property(countAndTotal, ([x, n]) => {
        const wide = wilsonInterval(x, n, 0.99);
        const narrow = wilsonInterval(x, n, 0.9);
        expect(wide.upper - wide.lower).toBeGreaterThan(narrow.upper - narrow.lower);
      }),
    );
  });

  it("wilsonInterval(…) is NaN for an empty group and rejects impossible counts", () => {
    expect(wilsonInterval(0, 0).lower).toBeNaN();
    expect(() => wilsonInterval(3, 2)).toThrow(/wilsonInterval: count/);
    expect(() => wilsonInterval(1, 2, 1)).toThrow(RangeError);
  });
});

describe("clopperPearsonInterval(count, nobs, level)", () => {
  it("clopperPearsonInterval(…) has the closed forms at x = 0 and x = n", () => {
    // x = 0: upper = 1 − (α/2)^(1/n); x = n: lower = (α/2)^(1/n)  (Clopper & Pearson 1934)
    expect(clopperPearsonInterval(0, 1).upper).toBeCloseTo(0.975, 14);
    expect(clopperPearsonInterval(0, 10).upper).toBeCloseTo(1 - 0.025 ** 0.1, 13);
    expect(clopperPearsonInterval(10, 10).lower).toBeCloseTo(0.025 ** 0.1, 13);
    expect(clopperPearsonInterval(0, 10).lower).toBe(0);
    expect(clopperPearsonInterval(10, 10).upper).toBe(1);
  });

  it("clopperPearsonInterval(…) matches statsmodels' beta method", () => {
    // statsmodels 0.14 proportion_confint(method='beta'), fixture stats_proportion_confint_small_n
    const ci = clopperPearsonInterval(3, 7);
    expect(ci.lower).toBeCloseTo(0.09898827844250786, 14);
    expect(ci.upper).toBeCloseTo(0.815948432359917, 14);
  });

  it("clopperPearsonInterval(…) satisfies lower ≤ p̂ ≤ upper and the p ↔ 1 − p symmetry", () => {
    fc.assert(
      fc.property(countAndTotal, level, ([x, n], lv) => {
        const a = clopperPearsonInterval(x, n, lv);
        const b = clopperPearsonInterval(n - x, n, lv);
        expect(a.lower).toBeLessThanOrEqual(a.estimate);
        expect(a.upper).toBeGreaterThanOrEqual(a.estimate);
        expect(a.lower).toBeCloseTo(1 - b.upper, 10);
      }),
    );
  });
});

describe("newcombeDifferenceInterval(count1, nobs1, count2, nobs2, level)", () => {
  it("newcombeDifferenceInterval(…) matches statsmodels on COMPAS selection counts", () => {
    // statsmodels 0.14 confint_proportions_2indep(method='newcomb'), fixture stats_newcombe_diff_groups
    const ci = newcombeDifferenceInterval(1829, 3175, 696, 2103);
    expect(ci.lower).toBeCloseTo(0.21837519304853445, 14);
    expect(ci.upper).toBeCloseTo(0.2712512245030394, 14);
  });

  it("newcombeDifferenceInterval(…) contains the difference and flips sign when groups swap", () => {
    fc.assert(
      fc.property(countAndTotal, countAndTotal, level, ([x1, n1], [x2, n2], lv) => {
        const a = newcombeDifferenceInterval(x1, n1, x2, n2, lv);
        const b = newcombeDifferenceInterval(x2, n2, x1, n1, lv);
        expect(a.lower).toBeLessThanOrEqual(a.estimate + 1e-15);
        expect(a.upper).toBeGreaterThanOrEqual(a.estimate - 1e-15);
        expect(a.lower).toBeCloseTo(-b.upper, 12);
        expect(a.upper).toBeCloseTo(-b.lower, 12);
      }),
    );
  });
});
