import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import { groupMetrics } from "../../src/frame/groupMetrics.js";
import { argmaxGroups, membershipMatrix } from "../../src/membership/matrix.js";
import { softGroupMetrics } from "../../src/membership/softGroupMetrics.js";
import { closeMismatches } from "../helpers/close.js";

const RATES = [
  "selectionRate",
  "truePositiveRate",
  "falsePositiveRate",
  "precision",
  "accuracy",
] as const;
const groups = ["a", "b", "c"];

/** Rows of (label, prediction, weight, membership probabilities over 3 groups). */
const rows = fc.array(
  fc.record({
    y: fc.integer({ min: 0, max: 1 }),
    p: fc.integer({ min: 0, max: 1 }),
    w: fc.double({ min: 0.1, max: 4, noNaN: true }),
    m: fc
      .tuple(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
      )
      .map(([x, y, z]) => [
        x / (x + y + z),
        y / (x + y + z),
        1 - x / (x + y + z) - y / (x + y + z),
      ]),
  }),
  { minLength: 4, maxLength: 40 },
);

describe("softGroupMetrics(input, options)", () => {
  it("softGroupMetrics(…) equals groupMetrics on rows duplicated with weights w·P(g|x)", () => {
    fc.assert(
      fc.property(rows, (data) => {
        const soft = softGroupMetrics(
          {
            yTrue: data.map((r) => r.y),
            yPred: data.map((r) => r.p),
            sampleWeight: data.map((r) => r.w),
            sensitiveFeatures: { probabilities: data.map((r) => r.m), groups },
          },
          { metrics: RATES },
        );
        const dup = data.flatMap((r) => groups.map((g, j) => ({ ...r, g, w: r.w * r.m[j]! })));
        const kept = dup.filter((r) => r.w > 0);
        const direct = groupMetrics(
          {
            yTrue: kept.map((r) => r.y),
            yPred: kept.map((r) => r.p),
            sampleWeight: kept.map((r) => r.w),
            sensitiveFeatures: { group: kept.map((r) => r.g) },
          },
          { metrics: RATES },
        );
        for (const g of direct.byGroup) {
          const s = soft.soft.byGroup.find((x) => x.label === g.label)!;
          expect(closeMismatches(s.values, g.values)).toEqual([]);
        }
        expect(closeMismatches(soft.soft.overall, direct.overall)).toEqual([]);
      }),
    );
  });

  it("softGroupMetrics(…) with one-hot probabilities reproduces the hard-group results", () => {
    fc.assert(
      fc.property(rows, (data) => {
        const hardLabels = data.map((_, i) => groups[i % 3]!);
        const oneHot = hardLabels.map((g) => groups.map((h) => (h === g ? 1 : 0)));
        const input = { yTrue: data.map((r) => r.y), yPred: data.map((r) => r.p) };
        const soft = softGroupMetrics(
          { ...input, sensitiveFeatures: { probabilities: oneHot, groups } },
          { metrics: ["count", ...RATES] },
        );
        const hard = groupMetrics(
          { ...input, sensitiveFeatures: hardLabels },
          { metrics: ["count", ...RATES] },
        );
        expect(soft.soft.byGroup.map((g) => g.values)).toEqual(hard.byGroup.map((g) => g.values));
        expect(soft.soft.overall).toEqual(hard.overall);
        expect(soft.hard.byGroup.map((g) => g.values)).toEqual(hard.byGroup.map((g) => g.values));
        // With one-hot rows the effective denominator is the number of rows.
        const tpr = soft.rates.truePositiveRate!;
        hard.byGroup.forEach((g, i) => {
          const positives = hardLabels.filter((h, r) => h === g.label && data[r]!.y === 1).length;
          expect(tpr[groups[i]!]!.effectiveDenominator).toBe(positives);
        });
      }),
    );
  });

  it("softGroupMetrics(…) gives every rate a positive-width interval and flags small effective denominators", () => {
    const r = softGroupMetrics({
      yTrue: [1, 1, 0, 0],
      yPred: [0, 0, 0, 1],
      sensitiveFeatures: {
        probabilities: [
          [0.9, 0.1],
          [0.8, 0.2],
          [0.5, 0.5],
          [0.1, 0.9],
        ],
        groups: ["a", "b"],
      },
    });
    const a = r.rates.truePositiveRate!.a!;
    expect(a.numerator).toBe(0);
    expect(a.denominator).toBeCloseTo(1.7, 15);
    expect(a.effectiveDenominator).toBeCloseTo(1.7 ** 2 / (0.81 + 0.64), 12);
    expect(a.small).toBe(true);
    expect(a.interval.upper).toBeGreaterThan(a.interval.lower);
    expect(a.interval.method).toBe("clopperPearson");
    expect(r.reference).toBe("a");
    expect(r.gapIntervals.truePositiveRate!.b!.method).toBe("newcombe");
  });

  it("softGroupMetrics(…) rejects bad membership matrices, naming the row", () => {
    const base = { yTrue: [1, 0], yPred: [1, 0] };
    const bad = (probabilities: number[][]) => () =>
      softGroupMetrics({ ...base, sensitiveFeatures: { probabilities, groups: ["a", "b"] } });
    expect(
      bad([
        [0.5, 0.5],
        [0.7, 0.2],
      ]),
    ).toThrow(/probabilities\[1\]: row sums to 0.8999/);
    expect(
      bad([
        [0.5, 0.5],
        [1.5, -0.5],
      ]),
    ).toThrow(/must be finite and >= 0/);
    expect(bad([[0.5, 0.5]])).toThrow(/expected 2/);
    expect(bad([[0.5, 0.5], [1]])).toThrow(FairnessInputError);
  });
});

describe("membershipMatrix(matrix, n) and argmaxGroups(flat, groups)", () => {
  it("membershipMatrix(…) accepts rows summing to 1 within 1e-6 and argmaxGroups(…) takes the first maximum", () => {
    const flat = membershipMatrix(
      {
        probabilities: [
          [0.3, 0.7 + 9e-7],
          [0.5, 0.5],
        ],
        groups: ["x", "y"],
      },
      2,
    );
    expect(argmaxGroups(flat, ["x", "y"])).toEqual(["y", "x"]);
    expect(() => membershipMatrix({ probabilities: [[1]], groups: ["x", "x"] }, 1)).toThrow(
      /distinct/,
    );
  });
});
