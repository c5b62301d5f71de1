import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quantileEdges } from "../../../src/metrics/calibration/binning.js";

/**
 * numpy.percentile(score, linspace(0, 100, bins + 1)) with linear interpolation, from one full
 * sort: the value at virtual position (m − 1)·q, between the ⌊·⌋-th and the next smallest, with
 * numpy's two-sided lerp.
 */
function percentileEdges(score: Float64Array, bins: number): number[] {
  const sorted = Float64Array.from(score).sort();
  const m = sorted.length;
  return Array.from({ length: bins + 1 }, (_, k) => {
    // numpy.linspace(0, 1, bins + 1) · 100, divided by 100 inside numpy.percentile.
    const q = ((k === bins ? 1 : k * (1 / bins)) * 100) / 100;
    const virtual = (m - 1) * q;
    if (virtual >= m - 1) return sorted[m - 1]!;
    const j = Math.floor(virtual);
    const t = virtual - j;
    const a = sorted[j]!;
    const b = sorted[j + 1]!;
    return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
  });
}

const unit = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, -0, 1, 0.5, 2 ** -16),
  fc.integer({ min: 0, max: 10 }).map((k) => k / 10),
);

describe("quantileEdges", () => {
  it("quantileEdges(score, bins) without weights equals percentiles of one full sort, to the bit (property)", () => {
    fc.assert(
      fc.property(
        fc.array(unit, { minLength: 1, maxLength: 2000 }),
        fc.integer({ min: 1, max: 30 }),
        (values, bins) => {
          const score = Float64Array.from(values);
          const edges = Array.from(quantileEdges(score, bins, undefined));
          const expected = percentileEdges(score, bins);
          expect(edges).toEqual(expected);
          expect(expected.every((v, k) => Object.is(v, edges[k]))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
