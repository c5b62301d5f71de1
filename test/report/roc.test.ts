import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prepare } from "../../src/data/prepare.js";
import { rocAuc } from "../../src/metrics/ranking.js";
import { rocCurves, rocPoints } from "../../src/report/roc.js";

const all = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

describe("rocPoints(label, score, weight, rows)", () => {
  it("rocPoints(…) has one point per distinct score, ties moving together", () => {
    // Scores 0.9 (pos), 0.5 (pos, neg), 0.1 (neg): two positives, two negatives.
    const points = rocPoints(
      Uint8Array.of(1, 1, 0, 0),
      Float64Array.of(0.9, 0.5, 0.5, 0.1),
      undefined,
      all(4),
    );
    expect(points).toEqual([
      { threshold: null, falsePositiveRate: 0, truePositiveRate: 0 },
      { threshold: 0.9, falsePositiveRate: 0, truePositiveRate: 0.5 },
      { threshold: 0.5, falsePositiveRate: 0.5, truePositiveRate: 1 },
      { threshold: 0.1, falsePositiveRate: 1, truePositiveRate: 1 },
    ]);
  });

  it("rocPoints(…) weighs rows and reads only the given rows", () => {
    const points = rocPoints(
      Uint8Array.of(1, 0, 0, 1),
      Float64Array.of(0.8, 0.6, 0.2, 0.99),
      Float64Array.of(1, 3, 1, 5),
      Uint32Array.of(0, 1, 2),
    );
    expect(points.map((p) => [p.falsePositiveRate, p.truePositiveRate])).toEqual([
      [0, 0],
      [0, 1],
      [0.75, 1],
      [1, 1],
    ]);
  });

  it("rocPoints(…) is empty when a class has no weight", () => {
    expect(rocPoints(Uint8Array.of(1, 1), Float64Array.of(0.2, 0.4), undefined, all(2))).toEqual(
      [],
    );
    expect(
      rocPoints(Uint8Array.of(1, 0), Float64Array.of(0.2, 0.4), Float64Array.of(1, 0), all(2)),
    ).toEqual([]);
  });

  it("rocPoints(…) climbs from (0, 0) to (1, 1), and its trapezoids sum to rocAuc", () => {
    const row = fc.record({
      y: fc.integer({ min: 0, max: 1 }),
      s: fc.integer({ min: 0, max: 10 }).map((k) => k / 10),
      w: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 40 }), (rows) => {
        const label = Uint8Array.from(rows, (r) => r.y);
        const score = Float64Array.from(rows, (r) => r.s);
        const weight = Float64Array.from(rows, (r) => r.w);
        const points = rocPoints(label, score, weight, all(rows.length));
        if (!label.includes(0) || !label.includes(1)) {
          expect(points).toEqual([]);
          return;
        }
        expect(points[0]).toMatchObject({ falsePositiveRate: 0, truePositiveRate: 0 });
        expect(points.at(-1)).toMatchObject({ falsePositiveRate: 1, truePositiveRate: 1 });
        let area = 0;
        for (let i = 1; i < points.length; i++) {
          const [a, b] = [points[i - 1]!, points[i]!];
          expect(b.falsePositiveRate).toBeGreaterThanOrEqual(a.falsePositiveRate);
          expect(b.truePositiveRate).toBeGreaterThanOrEqual(a.truePositiveRate);
          area +=
            ((b.falsePositiveRate - a.falsePositiveRate) *
              (a.truePositiveRate + b.truePositiveRate)) /
            2;
        }
        expect(area).toBeCloseTo(rocAuc(label, score, weight), 12);
      }),
      { seed: 31, numRuns: 200 },
    );
  });

  it("rocPoints(…) thins a long curve evenly to 101 points, keeping both ends", () => {
    const n = 1000;
    const label = Uint8Array.from({ length: n }, (_, i) => i % 2);
    const score = Float64Array.from({ length: n }, (_, i) => i / n);
    const points = rocPoints(label, score, undefined, all(n));
    expect(points).toHaveLength(101);
    expect(points[0]!.threshold).toBeNull();
    expect(points[100]).toMatchObject({ falsePositiveRate: 1, truePositiveRate: 1 });
  });
});

describe("rocCurves(columns)", () => {
  it("rocCurves(…) draws each group with both classes, labelled, in group order", () => {
    const columns = prepare({
      yTrue: [1, 0, 1, 1, 0, 1],
      yScore: [0.9, 0.3, 0.6, 0.7, 0.2, 0.4],
      sensitiveFeatures: ["b", "b", "c", "c", "a", "a"],
    });
    expect(rocCurves(columns).map((c) => c.group)).toEqual(["a", "b"]);
    const noScores = prepare({ yTrue: [1, 0], yPred: [1, 0], sensitiveFeatures: ["a", "a"] });
    expect(rocCurves(noScores)).toEqual([]);
  });
});
