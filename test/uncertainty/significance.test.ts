import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  chiSquareHomogeneityTest,
  fisherExactTest,
  twoProportionZTest,
} from "../../src/uncertainty/significance.js";

describe("twoProportionZTest(count1, nobs1, count2, nobs2)", () => {
  it("twoProportionZTest(…) matches statsmodels on Adult test sex selection", () => {
    // statsmodels 0.14 proportions_ztest, fixture stats_two_proportion_ztest_groups
    const t = twoProportionZTest(412, 5421, 2739, 10860);
    expect(t.statistic).toBeCloseTo(-26.820519534053908, 11);
    expect(t.pValue / 1.862587572963137e-158).toBeCloseTo(1, 10);
  });

  it("twoProportionZTest(…) negates z and keeps p when the groups swap", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (n1, n2, f1, f2) => {
          const x1 = Math.round(f1 * n1);
          const x2 = Math.round(f2 * n2);
          fc.pre(x1 + x2 > 0 && x1 + x2 < n1 + n2);
          const a = twoProportionZTest(x1, n1, x2, n2);
          const b = twoProportionZTest(x2, n2, x1, n1);
          expect(a.statistic).toBeCloseTo(-b.statistic, 12);
          expect(a.pValue).toBe(b.pValue);
          expect(a.pValue >= 0 && a.pValue <= 1).toBe(true);
        },
      ),
    );
  });

  it("twoProportionZTest(…) is NaN when both rates are 0", () => {
    expect(twoProportionZTest(0, 10, 0, 12).pValue).toBeNaN();
  });
});

describe("fisherExactTest(table)", () => {
  it("fisherExactTest(…) gives hand-computed p-values on tiny tables", () => {
    // [[3,0],[0,3]]: the two extreme tables each have probability 1/C(6,3) = 1/20.
    expect(
      fisherExactTest([
        [3, 0],
        [0, 3],
      ]).pValue,
    ).toBeCloseTo(0.1, 15);
    expect(
      fisherExactTest([
        [3, 0],
        [0, 3],
      ]).statistic,
    ).toBe(Number.POSITIVE_INFINITY);
    // [[1,0],[0,1]]: both tables have probability 1/2.
    expect(
      fisherExactTest([
        [1, 0],
        [0, 1],
      ]).pValue,
    ).toBe(1);
  });

  it("fisherExactTest(…) returns NaN and 1 when a margin is zero", () => {
    const t = fisherExactTest([
      [0, 0],
      [4, 5],
    ]);
    expect(t.statistic).toBeNaN();
    expect(t.pValue).toBe(1);
  });

  it("fisherExactTest(…) matches scipy on German credit age groups", () => {
    // scipy 1.x fisher_exact, fixture stats_fisher_exact_group_tables
    const t = fisherExactTest([
      [679, 172],
      [94, 55],
    ]);
    expect(t.statistic).toBeCloseTo(2.309809500247402, 13);
    expect(t.pValue / 1.856909887585676e-5).toBeCloseTo(1, 10);
  });

  it("fisherExactTest(…) is invariant under transposing the table", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 4, maxLength: 4 }),
        (v) => {
          const [a, b, c, d] = v as [number, number, number, number];
          const p = fisherExactTest([
            [a, b],
            [c, d],
          ]).pValue;
          const q = fisherExactTest([
            [a, c],
            [b, d],
          ]).pValue;
          expect(Math.abs(p - q)).toBeLessThanOrEqual(1e-12 * Math.max(p, 1e-300));
        },
      ),
    );
  });

  it("fisherExactTest(…) rejects tables that are not 2x2 of counts", () => {
    expect(() =>
      fisherExactTest([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toThrow(/fisherExactTest/);
    expect(() =>
      fisherExactTest([
        [1.5, 2],
        [3, 4],
      ]),
    ).toThrow(RangeError);
  });
});

describe("chiSquareHomogeneityTest(table, { yates })", () => {
  it("chiSquareHomogeneityTest(…) gives the hand-computed statistic with and without Yates", () => {
    // E = 15 in every cell: X² = 4·5²/15; with Yates each |O − E| shrinks to 4.5.
    const plain = chiSquareHomogeneityTest([
      [10, 20],
      [20, 10],
    ]);
    expect(plain.statistic).toBeCloseTo(100 / 15, 13);
    expect(plain.dof).toBe(1);
    expect(plain.expected).toEqual([
      [15, 15],
      [15, 15],
    ]);
    const yates = chiSquareHomogeneityTest(
      [
        [10, 20],
        [20, 10],
      ],
      { yates: true },
    );
    expect(yates.statistic).toBeCloseTo(81 / 15, 13);
    // dof 1: P(χ² > x) = P(|Z| > √x) = 2Φ(−√x); Φ(−√(20/3)) = 0.004911637253…
    expect(plain.pValue).toBeCloseTo(0.009823274507519235, 13);
  });

  it("chiSquareHomogeneityTest(…) ignores Yates beyond 2x2 (scipy)", () => {
    // scipy chi2_contingency, fixture stats_chi2_homogeneity_adult (race selection, both corrections)
    const table = [
      [8, 151],
      [114, 366],
      [131, 1430],
      [12, 123],
      [2886, 11060],
    ];
    const a = chiSquareHomogeneityTest(table);
    const b = chiSquareHomogeneityTest(table, { yates: true });
    expect(a.statistic).toBeCloseTo(172.537725169184, 10);
    expect(b.statistic).toBe(a.statistic);
    expect(a.dof).toBe(4);
  });

  it("chiSquareHomogeneityTest(…) is NaN when a column is empty", () => {
    expect(
      chiSquareHomogeneityTest([
        [0, 3],
        [0, 4],
      ]).pValue,
    ).toBeNaN();
  });
});

describe("fisherExactTest(table) ties", () => {
  it("fisherExactTest(…) counts tables tied with the observed one by symmetry", () => {
    // [[12,13],[4,3]]: margins 25/7 and 16/16, so P(x) = P(25 − x) by symmetry; x = 12 and 13
    // are tied at the mode and every table is at most as likely: p = 1 (scipy gives 1).
    expect(
      fisherExactTest([
        [12, 13],
        [4, 3],
      ]).pValue,
    ).toBe(1);
    expect(
      fisherExactTest([
        [12, 4],
        [13, 3],
      ]).pValue,
    ).toBe(1);
  });
});
