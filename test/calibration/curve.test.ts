import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calibrationCurve } from "../../src/calibration/curve.js";
import { FairnessInputError } from "../../src/data/errors.js";
import { quantileEdges, uniformEdges } from "../../src/metrics/calibration/binning.js";

describe("calibrationCurve", () => {
  it("calibrationCurve(…) matches the doc example (hand-computed)", () => {
    const curve = calibrationCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], { bins: 2 });
    expect(curve.probTrue).toEqual([1 / 3, 1]);
    expect(curve.probPred[0]).toBeCloseTo(0.85 / 3, 15);
    expect(curve.edges).toEqual([0, 0.5, 1]);
    expect(curve.bins.map((b) => b.count)).toEqual([3, 1]);
  });

  it("calibrationCurve(…) puts a score equal to an inner edge in the lower bin", () => {
    const curve = calibrationCurve([1, 0], [0.5, 0.9], { bins: 2 });
    expect(curve.bins.map((b) => [b.bin, b.count])).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });

  it("calibrationCurve(…) leaves out empty bins and keeps bin indices", () => {
    const curve = calibrationCurve([0, 1, 1], [0.05, 0.95, 0.91], { bins: 10 });
    expect(curve.bins.map((b) => b.bin)).toEqual([0, 9]);
    expect(curve.probTrue).toEqual([0, 1]);
  });

  it("quantile edges are numpy.percentile with linear interpolation (hand-computed)", () => {
    // numpy.percentile([.1,.2,.3,.4,.5], [0, 50, 100]) = [0.1, 0.3, 0.5]
    expect(
      Array.from(quantileEdges(new Float64Array([0.5, 0.1, 0.3, 0.2, 0.4]), 2, undefined)),
    ).toEqual([0.1, 0.3, 0.5]);
    // numpy.percentile([0, 1], [0, 25, 50, 75, 100]) = [0, 0.25, 0.5, 0.75, 1]
    expect(Array.from(quantileEdges(new Float64Array([0, 1]), 4, undefined))).toEqual([
      0, 0.25, 0.5, 0.75, 1,
    ]);
    const curve = calibrationCurve([0, 0, 1, 1, 1], [0.1, 0.2, 0.3, 0.4, 0.5], {
      bins: 2,
      strategy: "quantile",
    });
    expect(curve.bins.map((b) => b.count)).toEqual([3, 2]);
  });

  it("uniform edges are numpy.linspace(0, 1, 11) bit for bit", () => {
    // numpy.linspace(0, 1, 11)[3] == 0.30000000000000004, [7] == 0.7000000000000001
    const edges = uniformEdges(10);
    expect(edges[3]).toBe(0.30000000000000004);
    expect(edges[7]).toBe(0.7000000000000001);
    expect(edges[10]).toBe(1);
  });

  it("calibrationCurve(…) reports every bad value at once", () => {
    let error: unknown;
    try {
      calibrationCurve([0, 2, 1], [0.1, 1.5, Number.NaN], { sampleWeight: [1, -1, 1] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FairnessInputError);
    const codes = (error as FairnessInputError).issues.map((i) => `${i.code}@${i.path.join(".")}`);
    expect(codes).toEqual([
      "not_binary@yTrue.1",
      "out_of_range@yProb.1",
      "negative_weight@sampleWeight.1",
      "not_finite@yProb.2",
    ]);
  });

  it("calibrationCurve(…) rejects a bad bin count as a programmer error", () => {
    expect(() => calibrationCurve([0], [0.5], { bins: 0 })).toThrow(RangeError);
    expect(() => calibrationCurve([0], [0.5], { bins: 2.5 })).toThrow(/calibrationCurve/);
  });

  it("is invariant under permutation of the rows", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.constantFrom("uniform" as const, "quantile" as const),
        (rows, strategy) => {
          const reversed = [...rows].reverse();
          const a = calibrationCurve(
            rows.map((r) => r[0]),
            rows.map((r) => r[1]),
            { strategy },
          );
          const b = calibrationCurve(
            reversed.map((r) => r[0]),
            reversed.map((r) => r[1]),
            { strategy },
          );
          expect(b.edges).toEqual(a.edges);
          expect(b.bins.map((x) => x.count)).toEqual(a.bins.map((x) => x.count));
          b.probTrue.forEach((v, i) => {
            expect(v).toBeCloseTo(a.probTrue[i]!, 12);
          });
          b.probPred.forEach((v, i) => {
            expect(v).toBeCloseTo(a.probPred[i]!, 12);
          });
        },
      ),
    );
  });

  it("integer frequency weights give the same curve as duplicated rows (both strategies)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.boolean(),
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.integer({ min: 0, max: 3 }),
          ),
          { minLength: 1, maxLength: 40 },
        ),
        fc.constantFrom("uniform" as const, "quantile" as const),
        (rows, strategy) => {
          fc.pre(rows.some((r) => r[2] > 0));
          const expanded = rows.flatMap((r) => Array.from({ length: r[2] }, () => r));
          const weighted = calibrationCurve(
            rows.map((r) => r[0]),
            rows.map((r) => r[1]),
            {
              strategy,
              sampleWeight: rows.map((r) => r[2]),
              weights: "frequency",
            },
          );
          const repeated = calibrationCurve(
            expanded.map((r) => r[0]),
            expanded.map((r) => r[1]),
            {
              strategy,
            },
          );
          expect(weighted.edges).toEqual(repeated.edges);
          expect(weighted.bins.map((b) => [b.bin, b.weightedCount])).toEqual(
            repeated.bins.map((b) => [b.bin, b.count]),
          );
          weighted.bins.forEach((b, i) => {
            const r = repeated.bins[i]!;
            expect(b.observedRate).toBeCloseTo(r.observedRate, 12);
            expect(b.meanPredicted).toBeCloseTo(r.meanPredicted, 12);
            expect(b.observedLow).toBeCloseTo(r.observedLow, 12);
            expect(b.observedHigh).toBeCloseTo(r.observedHigh, 12);
          });
        },
      ),
    );
  });
});

describe("calibrationCurve weights", () => {
  it("relative weights: multiplying every weight by a constant changes nothing", () => {
    const y = [0, 1, 1, 0, 1];
    const p = [0.1, 0.3, 0.35, 0.6, 0.9];
    const w = [1, 2, 0.5, 3, 1];
    const a = calibrationCurve(y, p, { bins: 2, sampleWeight: w });
    const b = calibrationCurve(y, p, { bins: 2, sampleWeight: w.map((x) => x * 1000) });
    a.bins.forEach((bin, i) => {
      expect(b.bins[i]!.observedLow).toBeCloseTo(bin.observedLow, 12);
      expect(b.bins[i]!.observedHigh).toBeCloseTo(bin.observedHigh, 12);
      expect(b.bins[i]!.observedRate).toBeCloseTo(bin.observedRate, 14);
    });
  });
});
