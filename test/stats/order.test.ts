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

/**
 * The specified order on any doubles, NaN included: ascending by the order-preserving unsigned
 * map of the bits (sign bit flipped for positives, all bits for negatives), −0 read as +0, ties
 * in row order. On numbers it is the comparator order; a NaN lands after +∞ (sign bit clear) or
 * before −∞ (sign bit set).
 */
const bitsOrder = (score: Float64Array): number[] => {
  const view = new DataView(score.buffer, score.byteOffset);
  const key = (r: number) => {
    const b = score[r] === 0 ? 0n : view.getBigUint64(8 * r, true);
    return b & (1n << 63n) ? ~b & ((1n << 64n) - 1n) : b | (1n << 63n);
  };
  return Array.from(score.keys()).sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  });
};

/** Doubles with bit patterns from every region: ±0, subnormals, huge, ±∞, and NaN payloads. */
const anyDouble = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 2 ** -1030, Number.MAX_VALUE),
  fc.constantFrom(-Number.MAX_VALUE, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.integer({ min: 1, max: 2 ** 20 }).map((payload) => {
    // NaNs with either sign and a payload in the low word.
    const x = new Float64Array(1);
    new Uint32Array(x.buffer).set([payload, payload % 2 === 0 ? 0x7ff80000 : 0xfff00000]);
    return x[0]!;
  }),
);

/** Long inputs (the radix path) with many ties of the high word and of the whole score. */
const longScores = fc
  .array(
    fc.tuple(
      fc.constantFrom(0.5, -0.25, 3, 0, -0, 1e300, 2 ** -1060),
      fc.integer({ min: -3, max: 3 }),
    ),
    {
      minLength: 33,
      maxLength: 600,
    },
  )
  .map((pairs) => pairs.map(([base, k]) => (k === 0 ? base : base + k * 2 ** -45)));

describe("orderByScore", () => {
  it("orderByScore(scores) equals a stable comparator sort on long inputs with ties (property)", () => {
    fc.assert(
      fc.property(longScores, (values) => {
        const score = Float64Array.from(values);
        expect(Array.from(orderByScore(score))).toEqual(comparatorOrder(score));
      }),
    );
  });

  it("orderByScore(scores) equals a stable comparator sort on uniform draws (radix passes)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 33, maxLength: 3000 }),
        (values) => {
          const score = Float64Array.from(values);
          expect(Array.from(orderByScore(score))).toEqual(comparatorOrder(score));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("orderByScore(scores) places NaN by its bits, as before: after +∞ or before −∞ (property)", () => {
    fc.assert(
      fc.property(fc.array(anyDouble, { maxLength: 300 }), (values) => {
        const score = Float64Array.from(values);
        expect(Array.from(orderByScore(score))).toEqual(bitsOrder(score));
      }),
    );
  });

  it("orderByScore(scores) sorts 5000 subnormal, huge and ordinary scores like the comparator", () => {
    const score = Float64Array.from({ length: 5000 }, (_, i) => {
      const u = ((i * 2654435761) % 4294967296) / 4294967296;
      return [u, -u, u * 2 ** -1070, u * 1e305, Math.round(u * 8) / 8][i % 5]!;
    });
    expect(Array.from(orderByScore(score))).toEqual(comparatorOrder(score));
  });

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
