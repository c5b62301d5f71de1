import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AGGREGATES,
  aggregateInto,
  COMPARISON_AGGREGATE,
  COMPARISON_METHODS,
  combineParts,
  compareGroups,
  differenceOf,
  maxOf,
  minOf,
  ratioOf,
  relativeRatio,
} from "../../src/disparity/aggregate.js";

const nan = Number.NaN;

describe("minOf / maxOf", () => {
  it("minOf(…) and maxOf(…) skip NaN and are NaN when nothing is left", () => {
    expect(minOf([0.4, nan, 0.1, 0.7])).toBe(0.1);
    expect(maxOf([0.4, nan, 0.1, 0.7])).toBe(0.7);
    expect(minOf([nan, nan])).toBeNaN();
    expect(maxOf([])).toBeNaN();
    // A leading NaN does not stick (the comparison with NaN is false).
    expect(minOf([nan, 3, 2])).toBe(2);
    expect(maxOf([nan, 2, 3])).toBe(3);
    expect(minOf([Number.NEGATIVE_INFINITY, 0])).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe("relativeRatio(value, base)", () => {
  it("relativeRatio(…) is v / base, inverted above 1", () => {
    expect(relativeRatio(0.2, 0.4)).toBe(0.5);
    expect(relativeRatio(0.4, 0.2)).toBe(0.5);
    expect(relativeRatio(0.3, 0.3)).toBe(1);
    // x / 0 = ∞ → 1/∞ = 0; 0 / 0 is NaN.
    expect(relativeRatio(0.3, 0)).toBe(0);
    expect(relativeRatio(0, 0)).toBeNaN();
    expect(relativeRatio(0, 0.3)).toBe(0);
  });
});

describe("differenceOf / ratioOf / compareGroups", () => {
  // Groups 0.2, 0.5, 0.4; overall 0.35; by hand:
  // betweenGroups: 0.5 − 0.2 = 0.3 and 0.2 / 0.5 = 0.4;
  // toOverall: max |v − 0.35| = 0.15 (0.2 and 0.5), min ratio = min(0.2/0.35, 0.35/0.5, 0.35/0.4) = 4/7.
  const values = [0.2, 0.5, 0.4];
  it("differenceOf(…) is max − min between groups and the largest gap to a base otherwise", () => {
    expect(differenceOf(values, 0.35, "betweenGroups")).toBeCloseTo(0.3, 15);
    expect(differenceOf(values, 0.35, "toOverall")).toBeCloseTo(0.15, 15);
    expect(differenceOf(values, 0.2, "toReference")).toBeCloseTo(0.3, 15);
    expect(differenceOf([nan, 0.2], 0.35, "betweenGroups")).toBe(0);
  });

  it("ratioOf(…) is min / max between groups and the smallest two-sided ratio to a base otherwise", () => {
    expect(ratioOf(values, 0.35, "betweenGroups")).toBeCloseTo(0.4, 15);
    expect(ratioOf(values, 0.35, "toOverall")).toBeCloseTo(4 / 7, 15);
    expect(ratioOf(values, 0.5, "toReference")).toBeCloseTo(0.4, 15);
    // 0 / 0 is skipped; 0.5 / 0 = ∞ is inverted to 0.
    expect(ratioOf([0, 0.5], 0, "toReference")).toBe(0);
    expect(ratioOf([0, 0], 0, "toOverall")).toBeNaN();
  });

  it("compareGroups(…) dispatches on the comparison", () => {
    for (const method of COMPARISON_METHODS) {
      expect(compareGroups(values, "difference", method, 0.35)).toBe(
        differenceOf(values, 0.35, method),
      );
      expect(compareGroups(values, "ratio", method, 0.35)).toBe(ratioOf(values, 0.35, method));
    }
  });
});

describe("combineParts(parts, comparison, aggregation)", () => {
  it("combineParts(…) takes the largest difference, the smallest ratio, or the mean of defined parts", () => {
    expect(combineParts([0.1, 0.3, nan], "difference", "worstCase")).toBe(0.3);
    expect(combineParts([0.9, 0.6, nan], "ratio", "worstCase")).toBe(0.6);
    expect(combineParts([0.1, 0.3, nan], "difference", "mean")).toBeCloseTo(0.2, 15);
    expect(combineParts([nan, nan], "ratio", "mean")).toBeNaN();
    expect(combineParts([nan], "difference", "worstCase")).toBeNaN();
  });
});

describe("aggregateInto(values, overall, reference, out, at)", () => {
  it("aggregateInto(…) writes the AGGREGATES in order at the offset", () => {
    const out = new Float64Array(10).fill(-1);
    aggregateInto([0.2, 0.5, 0.4], 0.35, 1, out, 2);
    expect(Array.from(out.subarray(0, 2))).toEqual([-1, -1]);
    const byName = Object.fromEntries(AGGREGATES.map((a, i) => [a, out[2 + i]!]));
    expect(byName.groupMin).toBe(0.2);
    expect(byName.groupMax).toBe(0.5);
    expect(byName.difference).toBeCloseTo(0.3, 15);
    expect(byName.ratio).toBeCloseTo(0.4, 15);
    expect(byName.differenceToOverall).toBeCloseTo(0.15, 15);
    expect(byName.ratioToOverall).toBeCloseTo(4 / 7, 15);
    // Reference group 1 (0.5) takes part with gap 0 and ratio 1: max gap 0.3, min ratio 0.4.
    expect(byName.differenceToReference).toBeCloseTo(0.3, 15);
    expect(byName.ratioToReference).toBeCloseTo(0.4, 15);
  });

  it("aggregateInto(…) without a reference writes NaN for the reference comparisons", () => {
    const out = new Float64Array(8);
    aggregateInto([0.2, 0.5], 0.35, -1, out, 0);
    expect(out[6]).toBeNaN();
    expect(out[7]).toBeNaN();
  });

  it("aggregateInto(…) agrees with minOf, maxOf, differenceOf and ratioOf (NaN groups skipped)", () => {
    const value = fc.oneof(
      fc.constant(nan),
      fc.constant(0),
      fc.double({ min: 0, max: 1, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(),
        (values, overall, pick) => {
          const reference =
            pick % (values.length + 1) === values.length ? -1 : pick % values.length;
          const out = new Float64Array(8);
          aggregateInto(values, overall, reference, out, 0);
          const base = reference >= 0 ? values[reference]! : nan;
          const expected = [
            minOf(values),
            maxOf(values),
            differenceOf(values, nan, "betweenGroups"),
            ratioOf(values, nan, "betweenGroups"),
            differenceOf(values, overall, "toOverall"),
            ratioOf(values, overall, "toOverall"),
            differenceOf(values, base, "toReference"),
            ratioOf(values, base, "toReference"),
          ];
          expect(Array.from(out)).toEqual(expected);
        },
      ),
      { seed: 20261129, numRuns: 300 },
    );
  });

  it("COMPARISON_AGGREGATE names, for each method, aggregates that aggregateInto writes", () => {
    for (const method of COMPARISON_METHODS) {
      expect(AGGREGATES).toContain(COMPARISON_AGGREGATE[method].difference);
      expect(AGGREGATES).toContain(COMPARISON_AGGREGATE[method].ratio);
    }
  });
});
