import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orderByScore } from "../../src/stats/order.js";

const comparatorOrder = (score: Float64Array): number[] =>
  Array.from(score.keys()).sort((a, b) => score[a]! - score[b]! || a - b);

// Scores drawn from a few bases plus tiny offsets, so high words tie often and the low-word
// pass (insertion sort and native runs) is exercised.
const scores = fc.oneof(
  fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 200 }),
  fc
    .array(fc.tuple(fc.constantFrom(0.5, -0.25, 3, 0), fc.integer({ min: -40, max: 40 })), {
      maxLength: 300,
    })
    .map((pairs) => pairs.map(([base, k]) => base + k * 2 ** -45)),
);

describe("orderByScore", () => {
  it("orderByScore(scores) sorts ascending with ties in row order", () => {
    expect(Array.from(orderByScore(Float64Array.of(0.3, 0.1, 0.3, 0.2)))).toEqual([1, 3, 0, 2]);
    expect(Array.from(orderByScore(Float64Array.of(-1, 2, -3, 0.5, -1)))).toEqual([2, 0, 4, 3, 1]);
  });

  it("orderByScore(scores) equals a stable comparator sort (property)", () => {
    fc.assert(
      fc.property(scores, (values) => {
        const score = Float64Array.from(values);
        expect(Array.from(orderByScore(score))).toEqual(comparatorOrder(score));
      }),
    );
  });

  it("orderByScore(scores) ties −0 with +0 (row order), as a comparator sort does", () => {
    expect(Array.from(orderByScore(Float64Array.of(0, -0, 0.1, -0, 0)))).toEqual([0, 1, 3, 4, 2]);
    const run = Float64Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? -0 : 0));
    expect(Array.from(orderByScore(run))).toEqual(comparatorOrder(run));
  });

  it("orderByScore(scores) orders a long run of equal high words by the low word", () => {
    const score = Float64Array.from({ length: 100 }, (_, i) => 0.5 + ((i * 37) % 100) * 2 ** -50);
    expect(Array.from(orderByScore(score))).toEqual(comparatorOrder(score));
  });
});
